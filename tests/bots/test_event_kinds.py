"""Every event a bot reports carries its kind, set by the code that saw it happen, and stored with
it: orders and fills, refusals (the bot's checks and a real Binance refusal), each risk rule (and
whether it stops the bot), a key Binance no longer accepts (-2015) and a real 429. What reacts to
events (notifications, alerts) reads the kind; each order keeps the reason it was placed for.
The database of an older version gets the kinds of its past decisions once, on opening."""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import time
from collections.abc import Iterator
from decimal import Decimal as D
from pathlib import Path
from typing import Any, ClassVar

import pytest

from crypty_desktop.alerts import Alerts
from crypty_desktop.bots.brokers import LiveBroker, PaperBroker
from crypty_desktop.bots.engine import REQUESTS_BACK, BotRunner, BotStopped
from crypty_desktop.bots.orders import OrderExecutor
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import (
    BotKind,
    BotSpec,
    BotState,
    BotStatus,
    Decision,
    EventKind,
    RiskLimits,
)
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import OrderStatus, Side
from crypty_desktop.exchange.binance import BinanceGateway
from crypty_desktop.exchange.errors_map import INSUFFICIENT
from crypty_desktop.notifications import NotificationKind, Notifier
from crypty_desktop.storage import Store
from crypty_desktop.storage.bots import BotStore
from crypty_desktop.storage.orders import OrderLog
from crypty_desktop.strategies.base import Intent, Position
from tests.app.test_alerts import Endpoint
from tests.bots.test_engine import RULES, Scripted, candle
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.trading import KEY, gateway_for, trading_key
from tests.memory_keyring import MemoryKeyring
from tests.platform_rows import store_with_platform

BACKOFF = (0.05, 0.1, 0.2)  # float-ok: seconds


class BuysOnce(Scripted):
    """Buys 900 USDT on its first candle, then holds whatever happens."""

    name: ClassVar[str] = "buys-once"

    def on_candle(self, candle: Candle, position: Position) -> list[Intent]:
        self.seen += 1
        if self.seen == 1:
            return [Intent(Side.BUY, "first buy", quote_amount=D("900"))]
        return []


def bot(kind: BotKind = BotKind.GHOST, budget: str = "1000", **risk: D) -> BotSpec:
    return BotSpec(
        "b1",
        "kinds",
        kind,
        1,
        "BTCUSDT",
        "1m",
        "scripted",
        budget=D(budget),
        risk=RiskLimits(**risk),
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return store_with_platform(tmp_path / "db.sqlite3")


def paper(store: Store, spec: BotSpec, strategy: Scripted) -> tuple[BotRunner, list[object]]:
    bots = BotStore(store)
    with contextlib.suppress(ValidationError):
        bots.create(spec)
    events: list[object] = []
    broker = PaperBroker(spec.id, 1, RULES, spec.budget, OrderLog(store))
    runner = BotRunner(spec, strategy, broker, bots, events.append)
    runner.start()
    return runner, events


def kinds(store: Store) -> list[EventKind]:
    return [d.kind for d in BotStore(store).decisions("b1")]


def last_status(events: list[object]) -> BotStatus:
    return [e for e in events if isinstance(e, BotStatus)][-1]


def test_orders_fills_and_refusals_carry_their_kind_and_each_order_its_reason(
    store: Store,
) -> None:
    runner, events = paper(store, bot(), Scripted.create())
    runner.step(candle(1, "100", "101", "99", "100"))  # the buy is placed
    runner.step(candle(2, "80", "81", "79", "80"))  # and fills at the open
    live = [e.kind for e in events if isinstance(e, Decision)]
    assert live == kinds(store) == [EventKind.ORDER, EventKind.FILL]
    [order] = OrderLog(store).orders("b1")
    assert order.reason == "scripted buy"
    assert runner.broker.reasons == {order.request.client_order_id: "scripted buy"}
    runner.broker.wallet.quote = D("3")  # below the 5 USDT minimum: the next buy is refused
    runner.strategy.seen = 0  # type: ignore[attr-defined]
    runner.step(candle(3, "80", "80", "80", "80"))
    assert kinds(store)[-1] is EventKind.REFUSED
    assert BotStore(store).decisions("b1")[-1].action == "refused"


RISK_CASES = [
    # (limits, the closes after the fill, the rule that acts, whether it stops the bot)
    ({"stop_loss_pct": D("10")}, ["89"], EventKind.STOP_LOSS, True),
    ({"take_profit_pct": D("10")}, ["111"], EventKind.TAKE_PROFIT, False),
    ({"trailing_stop_pct": D("5")}, ["120", "113"], EventKind.TRAILING_STOP, True),
    ({"max_drawdown_pct": D("10")}, ["88"], EventKind.MAX_DRAWDOWN, True),
]


@pytest.mark.parametrize(("limits", "closes", "rule", "stops"), RISK_CASES)
def test_each_risk_rule_is_its_own_kind_from_the_risk_manager_to_the_notification(
    store: Store, limits: dict[str, D], closes: list[str], rule: EventKind, stops: bool
) -> None:
    spec = bot(**limits)
    runner, events = paper(store, spec, BuysOnce.create())
    runner.step(candle(1, "100", "100", "100", "100"))  # buy 900 USDT at market
    runner.step(candle(2, "100", "100", "100", "100"))  # filled at 100: 8.991 BTC held
    stopped = False
    for i, close in enumerate(closes, start=3):
        try:
            runner.step(candle(i, close, close, close, close))
        except BotStopped:
            stopped = True
    assert stopped is stops
    risk = [d for d in BotStore(store).decisions("b1") if d.action == "risk"]
    assert [d.kind for d in risk] == [rule]
    # The position is sold for the rule's words: the sell order keeps them as its reason.
    sell = [o for o in OrderLog(store).orders("b1") if o.request.side is Side.SELL]
    assert [o.reason for o in sell] == [risk[0].message]
    notice = Notifier().on_status(last_status(events), spec)
    if stops:
        assert runner.state is BotState.ERROR and runner.reason_kind is rule
        assert last_status(events).reason_kind is rule
        assert notice is not None and notice.kind is NotificationKind.BOT_STOPPED
        assert (notice.cause, notice.level) == ("risk", "warning")
    else:
        assert runner.state is BotState.RUNNING and notice is None


# --- a Trader bot against the loopback fake Binance ----------------------------------------------


@pytest.fixture
def gateway(fake_binance: FakeBinance) -> Iterator[BinanceGateway]:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "1000")
    fake_binance.set_price("BTCUSDT", "30000")
    gw = gateway_for(fake_binance, timeout=2.0)
    yield gw
    gw.close()


class BuysEachCandle(Scripted):
    name: ClassVar[str] = "buys-each"

    def on_candle(self, candle: Candle, position: Position) -> list[Intent]:
        return [Intent(Side.BUY, "buy the dip", quote_amount=D("60"))]


def trader(
    store: Store, gateway: BinanceGateway, events: list[object] | None = None
) -> tuple[BotRunner, BotSpec, list[object]]:
    spec = bot(BotKind.TRADER, budget="300")
    bots = BotStore(store)
    bots.create(spec)
    log = OrderLog(store)
    executor = OrderExecutor(gateway, log, 1, backoff=BACKOFF, margin_ms=200)
    rules = gateway.symbol_rules("BTCUSDT")
    broker = LiveBroker(spec.id, 1, rules, spec.budget, gateway, log, executor)
    seen = events if events is not None else []
    runner = BotRunner(spec, BuysEachCandle.create(), broker, bots, seen.append)
    runner.start()
    return runner, spec, seen


def live_candle(i: int) -> Candle:
    price = D("30000")
    return Candle(
        "BTCUSDT", "1m", i * 60_000, price, price, price, price, D(1), i * 60_000 + 59_999
    )


def test_an_order_binance_refuses_is_a_refusal_and_alerts_as_one(
    store: Store,
    gateway: BinanceGateway,
    fake_binance: FakeBinance,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    fake_binance.set_balance("USDT", "10")  # the account holds less than the bot's budget
    endpoint = Endpoint()
    alerts = Alerts(tmp_path, CredentialStore(memory_keyring), first_pause=0.05)
    try:
        alerts.add_target("Chat", endpoint.url)
        runner, spec, _events = trader(store, gateway)
        runner.listener = lambda event: alerts.on_bot_event(event, spec)  # type: ignore[arg-type]
        runner.step(live_candle(1))  # Binance answers -2010: insufficient balance
        assert alerts.wait_idle()
        [refused] = [d for d in BotStore(store).decisions("b1") if d.kind is EventKind.REFUSED]
        assert INSUFFICIENT in refused.message  # the adapter's words for Binance's -2010
        [order] = OrderLog(store).orders("b1")
        assert (order.status, order.reason) == (OrderStatus.REJECTED, "buy the dip")
        assert runner.state is BotState.RUNNING  # the bot goes on
        assert [b["title"] for b in endpoint.bodies] == ["kinds: an order was refused"]
    finally:
        alerts.close()
        endpoint.close()


def test_a_key_binance_no_longer_accepts_stops_the_bot_as_a_key_error(
    store: Store, gateway: BinanceGateway, fake_binance: FakeBinance
) -> None:
    runner, spec, events = trader(store, gateway)
    fake_binance.remove_key(KEY)  # revoked: -2015 from now on
    with pytest.raises(BotStopped):
        runner.step(live_candle(1))
    assert kinds(store)[-1] is EventKind.KEY_ERROR
    assert runner.state is BotState.ERROR and runner.reason_kind is EventKind.KEY_ERROR
    notice = Notifier().on_status(last_status(events), spec)
    assert notice is not None and notice.kind is NotificationKind.KEY_FAILED
    assert notice.help_topic == "ip-restriction"


def test_a_real_429_pauses_the_bot_as_a_rate_limit_then_it_goes_on(
    store: Store, gateway: BinanceGateway, fake_binance: FakeBinance
) -> None:
    events: list[object] = []
    runner, _spec, _ = trader(store, gateway, events)
    fake_binance.fail_next("/api/v3/order", status=429, headers={"Retry-After": "1"})
    feed: queue.Queue[Candle] = queue.Queue()
    feed.put(live_candle(1))

    class Feed:
        def get(self, timeout: float | None = None) -> Candle:  # float-ok
            return feed.get(timeout=timeout)

        def close(self) -> None:
            pass

    def back() -> bool:
        return any(isinstance(e, Decision) and e.message == REQUESTS_BACK for e in events)

    started = time.monotonic()
    runner.run(Feed(), lambda: back() or time.monotonic() - started > 20, poll=0.05)
    assert back()
    noted = [(d.action, d.kind) for d in BotStore(store).decisions("b1")]
    assert ("wait", EventKind.RATE_LIMIT) in noted
    assert noted[-1] == ("info", EventKind.INFO)
    assert runner.state is BotState.RUNNING


# --- the decisions of an older database --------------------------------------------------------

OLD_ROWS = [
    ("buy", "Buy 1 BTC at market: dip", EventKind.ORDER),
    ("buy", "Bought 1 BTC at 80 USDT (fee 0.001 BTC).", EventKind.FILL),
    ("sell", "Sold 1 BTC at 90 USDT (fee 0.09 USDT).", EventKind.FILL),
    ("risk", "Stop-loss: the price 89 is 10 % or more below …", EventKind.STOP_LOSS),
    ("risk", "Take-profit: the price 111 is 10 % or more above …", EventKind.TAKE_PROFIT),
    ("risk", "Trailing stop: the price 113 is 5 % or more below …", EventKind.TRAILING_STOP),
    ("risk", "Max drawdown: the value 891 is 10.9 % below …", EventKind.MAX_DRAWDOWN),
    ("risk", "Daily loss limit reached on Binance …", EventKind.LOSS_LIMIT),
    ("refused", "Order not placed (dip): …", EventKind.REFUSED),
    ("error", "Binance could not be reached.", EventKind.ERROR),
    ("wait", "Binance asked to slow down until 12:00:00; …", EventKind.RATE_LIMIT),
    ("protect", "Protection on Binance for 1 BTC: …", EventKind.PROTECTION),
    ("cancel", "Cancelled the order to buy 1 BTC: …", EventKind.CANCEL),
    ("info", "Warmed up on 50 recent candles.", EventKind.INFO),
]


def _columns(path: Path) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA table_info(decision)").fetchall()


def test_an_older_database_gets_the_kind_of_every_past_decision(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    store_with_platform(path).close()
    with contextlib.closing(sqlite3.connect(path)) as conn:  # as version 7 left it
        conn.execute("ALTER TABLE decision DROP COLUMN kind")
        conn.execute("DELETE FROM schema_version WHERE version >= 8")
        conn.executemany(
            "INSERT INTO decision (bot_id, time, action, message) VALUES ('b1', ?, ?, ?)",
            [(i, action, message) for i, (action, message, _kind) in enumerate(OLD_ROWS)],
        )
        conn.commit()
    store = Store(path, backup=False)
    assert store.schema_version() >= 8  # and later versions on top
    assert kinds(store) == [kind for _action, _message, kind in OLD_ROWS]
    store.close()
    Store(tmp_path / "new.sqlite3").close()
    assert _columns(path) == _columns(tmp_path / "new.sqlite3")
