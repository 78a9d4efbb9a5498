"""A Trader bot that dies between placing its orders and saving its state must not place them
again on restart (found by bench/bench_crash_soak.py).

The crash is reproduced on disk exactly: the grid's orders are in the order log (recorded before
they left, then settled), while the bot's saved state is still the one from before the candle, as
when the process is killed before the end-of-candle checkpoint. The bot then restarts on the same
database and sees the next candle.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.host import build_bot
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotStatus, Decision
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.settings import Settings
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.trading import KEY, SECRET, trading_key
from tests.memory_keyring import MemoryKeyring

STEP = 60_000
PRICE = Decimal("30000")


def candle(i: int) -> Candle:
    t = (int(time.time() * 1000) // STEP + i) * STEP
    return Candle("BTCUSDT", "1m", t, PRICE, PRICE + 5, PRICE - 5, PRICE, Decimal(1), t + STEP - 1)


@pytest.fixture
def binance(
    fake_binance: FakeBinance, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Core]:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "10000")
    fake_binance.set_price("BTCUSDT", PRICE)
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
    core.platforms.add(
        "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
    )
    yield core
    core.close()


def test_a_grid_killed_before_its_checkpoint_does_not_place_its_buys_twice(
    binance: Core, fake_binance: FakeBinance
) -> None:
    spec = binance.bots.create(
        name="grid",
        platform_name="Binance",
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="grid",
        params={"lower": "29700", "upper": "30300", "levels": "20", "quote_per_level": "15"},
        budget="400",
    )
    on_disk: list[dict[str, Any]] = []

    def snapshot(event: BotStatus | Decision) -> None:
        if isinstance(event, Decision):  # told after each order: what is saved at that moment
            on_disk.append(binance.bot_store.runtime(spec.id))

    first = build_bot(binance.bot_context, spec, snapshot)
    first.feed.close()
    first.runner.step(candle(0))
    placed = [o for o in fake_binance.orders() if o.status == "NEW"]
    assert len(placed) == 10  # a buy at every level below the price (29700 to 29984.21), resting
    # Killed right after the last order, before the end-of-candle save: the disk holds the
    # orders and whatever state had been saved by then.
    binance.bot_store.checkpoint(spec.id, on_disk[-1], [], None)

    again = build_bot(binance.bot_context, binance.bots.find("grid"))  # restart: reconciles first
    again.feed.close()
    again.runner.step(candle(1))

    resting = Counter((o.side, o.price) for o in fake_binance.orders() if o.status == "NEW")
    assert all(count == 1 for count in resting.values()), resting


def test_a_fill_recorded_just_before_a_crash_is_told_to_the_strategy_after_restart(
    binance: Core, fake_binance: FakeBinance
) -> None:
    """The order log recorded a level's buy fill, then the process died before the grid heard of
    it: after the restart the grid still places that level's sell (and never buys it again)."""
    spec = binance.bots.create(
        name="grid",
        platform_name="Binance",
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="grid",
        params={"lower": "29700", "upper": "30300", "levels": "20", "quote_per_level": "15"},
        budget="400",
    )
    first = build_bot(binance.bot_context, spec)
    first.feed.close()
    first.runner.step(candle(0))
    first.runner.save()
    fake_binance.set_price("BTCUSDT", "29980")  # the highest level's buy (29984.21) fills
    fills = first.runner.broker.on_candle(candle(1))  # recorded in the log...
    assert len(fills) == 1 and fills[0][0].side.value == "BUY"
    # ...and the process is killed before the strategy hears of it.

    again = build_bot(binance.bot_context, binance.bots.find("grid"))
    again.feed.close()
    again.runner.step(candle(2))
    sells = [o for o in fake_binance.orders() if o.side == "SELL" and o.status == "NEW"]
    assert [str(o.price) for o in sells] == ["30015.78"]  # the level above, as the grid does
    buys_at_level = [
        o for o in fake_binance.orders() if o.side == "BUY" and o.price == fills[0][0].price
    ]
    assert len(buys_at_level) == 1


class Killed(Exception):
    """The process dies here (SIGKILL): nothing after this moment happens."""


def test_a_fill_left_untold_when_a_later_one_was_told_first_is_told_after_the_next_crash(
    binance: Core, fake_binance: FakeBinance
) -> None:
    """Two levels' buys filled while the bot was down. On restart it answers the first: the
    sale above it fills at once, with a newer trade than the second buy's; the bot is killed
    before it tells the second. After the next restart the second level still gets its sale,
    and is never bought again while it holds (found by bench/bench_crash_soak.py: the grid
    re-bought a level it held, and that level's coins were never offered for sale)."""
    spec = binance.bots.create(
        name="grid",
        platform_name="Binance",
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="grid",
        params={"lower": "29700", "upper": "30300", "levels": "20", "quote_per_level": "15"},
        budget="400",
    )
    first = build_bot(binance.bot_context, spec)
    first.feed.close()
    first.runner.step(candle(0))  # buys at every level from 29700 to 29984.21
    first.runner.save()
    fake_binance.set_price("BTCUSDT", "29940")  # the buys at 29984.21 and 29952.63 fill
    first.close()  # the bot was down: it has heard of neither
    fake_binance.set_price("BTCUSDT", "30100")  # a sale one level up fills as soon as it is sent

    on_disk: list[dict[str, Any]] = []

    def kill_at_second_buy(event: BotStatus | Decision) -> None:
        if isinstance(event, Decision) and event.message.startswith("Bought"):
            on_disk.append(binance.bot_store.runtime(spec.id))
            if len(on_disk) == 2:  # the second level's buy, about to be told
                raise Killed

    with pytest.raises(Killed):
        second = build_bot(binance.bot_context, binance.bots.find("grid"), kill_at_second_buy)
        second.feed.close()
        second.runner.step(candle(1))
    binance.bot_store.checkpoint(spec.id, on_disk[-1], [], None)  # what the disk held then
    answered = [o for o in fake_binance.orders() if o.side == "SELL"]
    assert len(answered) == 1 and answered[0].status == "FILLED"  # the first level's sale

    third = build_bot(binance.bot_context, binance.bots.find("grid"))
    third.feed.close()
    third.runner.step(candle(2))
    third.runner.save()

    # Each level alternates: a buy, the sale one level up, a buy again; never two buys in a row.
    orders = sorted(fake_binance.orders(), key=lambda o: o.order_id)
    for low, high in (("29952.63", "29984.21"), ("29984.21", "30015.78")):
        sides = [o.side for o in orders if (o.side, str(o.price)) in (("BUY", low), ("SELL", high))]
        assert sides == ["BUY", "SELL", "BUY"], (low, sides)


def test_a_state_saved_by_the_previous_version_tells_its_waiting_fill_once(
    binance: Core, fake_binance: FakeBinance
) -> None:
    """A bot saved before fills were counted by the order log's row kept the newest trade id it
    told: after the update the fills after it are told once, and not again on the next start."""
    spec = binance.bots.create(
        name="grid",
        platform_name="Binance",
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="grid",
        params={"lower": "29700", "upper": "30300", "levels": "20", "quote_per_level": "15"},
        budget="400",
    )
    first = build_bot(binance.bot_context, spec)
    first.feed.close()
    first.runner.step(candle(0))
    first.runner.save()
    saved = binance.bot_store.runtime(spec.id)
    old = {k: v for k, v in saved.items() if k not in ("told_row", "told_after", "untold_tags")}
    binance.bot_store.checkpoint(spec.id, {**old, "told": -1}, [], None)  # as it was saved
    fake_binance.set_price("BTCUSDT", "29980")  # the highest level's buy (29984.21) fills
    assert len(first.runner.broker.on_candle(candle(1))) == 1  # recorded, never told
    first.close()

    for i in (2, 3):  # the update's first start tells it; the next one does not again
        again = build_bot(binance.bot_context, binance.bots.find("grid"))
        again.feed.close()
        again.runner.step(candle(i))
        again.runner.save()
        again.close()
        sells = [o for o in fake_binance.orders() if o.side == "SELL"]
        assert [(str(o.price), o.status) for o in sells] == [("30015.78", "NEW")]
    assert binance.bot_store.runtime(spec.id)["told_after"] == []
