"""Protected while away, with a real ``crypty bot run`` process against the loopback fake Binance.

A Trader DCA bot (100 USDT on its first candle, a 5 % stop-loss and a 10 % take-profit) buys and
protects its position with an OCO list on the fake. Then the process is stopped (SIGSTOP), or
killed (SIGKILL), the fake's price path falls through the stop, and the process continues, or
starts again: the stop's fill is recorded once, the P&L is right, the take-profit leg is gone on
the fake and in the database, and the bot's log, what the process prints and an alert to a
loopback endpoint say so. And a suspend of two hours of market time: the process is stopped, the
fake's clock jumps two hours (its candles made), the process's wall clock with it, and on SIGCONT
the bot backfills every candle, trades on none of the stale ones and says in one line what
happened while away.

Figures (BTCUSDT: tick 0.01, step 0.00001, fee 0.1 % of what is received): 100 USDT at 30,000
buys 0.00333 BTC for 99.90 USDT; the fee leaves 0.00332667 BTC, protected as 0.00332. The average
entry is 30,030.03003…: the stop is 28,528.52 (limit 28,385.87), the take-profit 33,033.03. The
stop sells 0.00332 × 28,528.52 = 94.7146864 USDT less its fee 0.09471469: the bot's 400 USDT
become 400 − 99.90 + 94.7146864 − 0.09471469 = 394.71997171 USDT and 0.00000667 BTC of dust.
"""

from __future__ import annotations

import re
import signal
import subprocess
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.domain.bots import BotKind, BotSpec, EventKind
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import OrderStatus, OrderType
from crypty_desktop.reports.pnl import stored_pnl
from tests.app.test_alerts import Endpoint
from tests.away_harness import Away, wait_until
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.fake_streams import FakeStreamServer

D = Decimal
STEP = 60_000
NAME = "guard"
SOLD = "[guard] sell: Sold 0.00332 BTC at 28528.52 USDT (fee 0.09471469 USDT)."
STOPPED = "[guard] risk: Stop-loss: the protective stop sold 0.00332 BTC at 28528.52"


@pytest.fixture
def away(tmp_path: Path, fake_binance: FakeBinance) -> Iterator[Away]:
    fake_binance.set_balance("USDT", "1000")
    fake_binance.set_price("BTCUSDT", "30000")
    endpoint = Endpoint()
    with FakeStreamServer() as streams:
        world = Away(tmp_path, fake_binance, streams, endpoint)
        try:
            yield world
        finally:
            world.close()
            endpoint.close()
            print(world.printed())  # shown when the test failed


def kline(open_time: int, price: str) -> Candle:
    p = D(price)
    return Candle("BTCUSDT", "1m", open_time, p, p, p, p, D(1), open_time + STEP - 1)


def this_minute() -> int:
    """The candle forming now: the first one the stream can bring after the bot subscribed."""
    return int(time.time() * 1000) // STEP * STEP


def create(
    away: Away, params: dict[str, str], kind: BotKind = BotKind.TRADER, **risk: str
) -> BotSpec:
    with away.core() as core:
        return core.bots.create(
            name=NAME,
            platform_name="Binance",
            kind=kind,
            symbol="BTCUSDT",
            strategy="dca",
            params=params,
            budget="400",
            **risk,
        )


def protected(away: Away) -> bool:
    legs = [o for o in away.fake.orders() if o.type in ("LIMIT_MAKER", "STOP_LOSS_LIMIT")]
    return len(legs) == 2 and all(o.status == "NEW" for o in legs)


def buy_and_protect(away: Away) -> tuple[int, BotSpec, subprocess.Popen[bytes]]:
    """Start the process, give it its first candle: it buys, then its OCO list rests."""
    spec = create(away, {"every": "1000", "quote_amount": "100"}, stop_loss="5", take_profit="10")
    proc = away.start(NAME)
    wait_until(lambda: away.streams.connections == 1, why="the kline stream")
    first = this_minute()
    away.push(kline(first, "30000"))
    wait_until(lambda: protected(away), why="the OCO list on the fake")
    [posted] = [r for r in away.fake.requests_to("/api/v3/orderList/oco") if r.method == "POST"]
    assert posted.params["quantity"] == "0.00332"
    assert (posted.params["abovePrice"], posted.params["belowStopPrice"]) == (
        "33033.03",
        "28528.52",
    )
    away.wait_printed("[guard] protect: Protection on Binance for 0.00332 BTC", proc)
    return first, spec, proc


def fall_through_the_stop(fake: FakeBinance) -> None:
    fake.set_price("BTCUSDT", "28400")
    fake.set_price("BTCUSDT", "28000")
    above = [o for o in fake.orders() if o.type == "LIMIT_MAKER"]
    below = [o for o in fake.orders() if o.type == "STOP_LOSS_LIMIT"]
    assert [o.status for o in above] == ["EXPIRED"] and [o.status for o in below] == ["FILLED"]


def check_recorded_once(away: Away, spec: BotSpec) -> None:
    """The stop's fill recorded once, the take-profit leg gone, the P&L right, and said."""
    with away.core() as core:
        orders = {o.request.type: o for o in core.order_log.orders(spec.id)}
        stop, take = orders[OrderType.STOP_LOSS_LIMIT], orders[OrderType.LIMIT_MAKER]
        assert stop.status is OrderStatus.FILLED and stop.settled
        assert take.status is OrderStatus.EXPIRED
        cids = [o.request.client_order_id for o in core.order_log.orders(spec.id)]
        fills = core.order_log.fills(spec.platform_id, cids)
        sells = [f for f in fills if f.client_order_id == stop.request.client_order_id]
        assert [(f.quantity, f.price, f.fee) for f in sells] == [
            (D("0.00332"), D("28528.52"), D("0.09471469"))
        ]
        assert len(fills) == len({(f.client_order_id, f.trade_id) for f in fills}) == 2
        pnl = stored_pnl(core.bot_store, core.order_log, spec)
        assert pnl is not None
        assert (pnl.quote_free, pnl.quote_locked) == (D("394.71997171"), D(0))
        assert (pnl.base_free, pnl.base_locked) == (D("0.00000667"), D(0))
        assert pnl.open_orders == 0
        assert pnl.price is not None
        assert pnl.pnl == D("394.71997171") + D("0.00000667") * pnl.price - D("400")
        told = [d.message for d in core.bot_store.decisions(spec.id)]
    assert told.count(SOLD.split(": ", 1)[1]) == 1
    assert [m for m in told if m.startswith(STOPPED.split(": ", 1)[1])] != []
    # Nothing of the app's rests on the fake; what the process printed and the alert say it.
    assert [o for o in away.fake.orders() if o.status in ("NEW", "PARTIALLY_FILLED")] == []
    assert len(away.lines(SOLD)) == 1
    assert len(away.lines(STOPPED)) == 1
    wait_until(
        lambda: any(b.get("title") == "guard: sell order filled" for b in away.endpoint.bodies),
        why="the sell alert",
    )
    sold = [b for b in away.endpoint.bodies if b.get("title") == "guard: sell order filled"]
    assert len(sold) == 1
    assert str(sold[0]["message"]).startswith("Sold 0.00332 BTC at 28528.52 USDT")


def test_a_stop_filled_on_binance_while_the_process_was_stopped(away: Away) -> None:
    first, spec, proc = buy_and_protect(away)
    proc.send_signal(signal.SIGSTOP)
    fall_through_the_stop(away.fake)
    proc.send_signal(signal.SIGCONT)
    away.push(kline(first + STEP, "28000"))  # the next candle, as the market goes on
    proc.wait(60)  # a stopped-out bot ends its run
    check_recorded_once(away, spec)


def test_a_stop_filled_on_binance_while_the_process_was_killed(away: Away) -> None:
    first, spec, proc = buy_and_protect(away)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    # The stream server sees the dead process's socket close in its own time: wait for it, or
    # the old connection would pass for the new process's below.
    wait_until(lambda: away.streams.connections == 0, why="the killed process's stream closed")
    fall_through_the_stop(away.fake)
    again = away.start(NAME)  # reconciles on start: the fill made meanwhile is recorded
    wait_until(lambda: away.streams.connections == 1, why="the kline stream again")
    away.wait_printed("Reconciled 2 orders with the exchange.", again)
    away.push(kline(first + STEP, "28000"))  # its next candle: the bot tells it and stops
    away.wait_printed(SOLD, again)
    again.wait(60)
    check_recorded_once(away, spec)


def test_two_hours_asleep_backfills_every_candle_and_trades_on_none_of_them(away: Away) -> None:
    """DCA buying on every candle: one buy before the suspend, one on the first fresh candle
    after it; none on the 120 candles that closed while the process was asleep."""
    spec = create(away, {"every": "1", "quote_amount": "20"})
    proc = away.start(NAME)
    wait_until(lambda: away.streams.connections == 1, why="the kline stream")
    first = this_minute()
    away.push(kline(first, "30000"))
    wait_until(lambda: len(buys(away.fake)) == 1, why="the first buy")
    away.wait_printed("[guard] buy: Bought", proc)

    proc.send_signal(signal.SIGSTOP)
    path = [str(30000 + 10 * (k % 7)) for k in range(120)]
    skipped = away.fake.advance_market("BTCUSDT", "1m", path)
    assert skipped[0].open_time == first + STEP and len(skipped) == 120
    # The machine slept two hours and about a minute: the last skipped candle closed more than
    # one interval ago when it wakes (every skipped candle is stale).
    extra = skipped[-1].close_time + 1 + STEP + 3_000 - away.fake.state.now_ms()
    away.fake.server_time_offset_ms += extra
    away.sleep_for((away.fake.server_time_offset_ms) // 1000)
    paths_before = len(away.streams.paths)
    proc.send_signal(signal.SIGCONT)

    # The app notices the suspend by itself: the 120 candles are fetched and stored.
    with away.core() as core:

        def stored() -> int:
            return len(
                core.candles.load(
                    "binance", "BTCUSDT", "1m", skipped[0].open_time, skipped[-1].open_time
                )
            )

        wait_until(lambda: stored() == 120, why="the skipped candles in the store")
    wait_until(lambda: len(away.streams.paths) > paths_before, why="the stream reconnecting")
    wait_until(lambda: away.streams.connections == 1, why="the new stream")
    assert len(buys(away.fake)) == 1  # nothing bought on the stale candles
    fresh = kline(skipped[-1].open_time + STEP, "30000")
    away.push(fresh)
    wait_until(lambda: len(buys(away.fake)) == 2, why="the buy on the fresh candle")
    away.wait_printed("caught up", proc)
    assert away.end(proc) == 0

    [said] = away.lines("[guard] info: Away ")
    assert re.search(r"Away 2 h \d+ min: 120 candles caught up, no fill\.$", said), said
    with away.core() as core:
        decisions = core.bot_store.decisions(spec.id)
        bought = {d.time for d in decisions if d.action == "buy"}  # at each candle's close
        assert sorted(bought) == [first + STEP - 1, fresh.close_time]
        assert [d.message for d in decisions if d.message.startswith("Away ")] == [
            said.split("info: ", 1)[1]
        ]
        every = core.candles.load("binance", "BTCUSDT", "1m", first, fresh.open_time)
        assert [c.open_time for c in every] == [first + k * STEP for k in range(122)]


def buys(fake: FakeBinance) -> list[object]:
    return [o for o in fake.orders() if o.side == "BUY" and o.status == "FILLED"]


def test_a_ghost_bot_alone_notices_the_suspend_too(away: Away) -> None:
    """A process that runs only a Ghost bot starts the suspend detector as well: after two hours
    asleep its candles are fetched at once (not after the stream's silence watchdog), and it
    trades on paper on the first fresh candle only."""
    spec = create(away, {"every": "1", "quote_amount": "20"}, kind=BotKind.GHOST)
    proc = away.start(NAME)
    wait_until(lambda: away.streams.connections == 1, why="the kline stream")
    first = this_minute()
    away.push(kline(first, "30000"))
    away.wait_printed("[guard] buy: Buy 0.00066 BTC at market", proc)  # on paper

    proc.send_signal(signal.SIGSTOP)
    skipped = away.fake.advance_market("BTCUSDT", "1m", ["30000"] * 120)
    extra = skipped[-1].close_time + 1 + STEP + 3_000 - away.fake.state.now_ms()
    away.fake.server_time_offset_ms += extra
    away.sleep_for(away.fake.server_time_offset_ms // 1000)
    proc.send_signal(signal.SIGCONT)

    log = away.data / "logs" / "crypty.log"
    wait_until(
        lambda: "the computer was asleep" in log.read_text(encoding="utf-8"),
        why="the suspend noticed",
    )
    with away.core() as core:
        wait_until(
            lambda: len(core.candles.load("binance", "BTCUSDT", "1m", skipped[0].open_time,
                                          skipped[-1].open_time)) == 120,
            why="the skipped candles in the store",
        )  # fmt: skip
    fresh = kline(skipped[-1].open_time + STEP, "30000")
    wait_until(lambda: away.streams.connections == 1, why="the new stream")
    away.push(fresh)
    away.wait_printed("caught up", proc)
    assert away.end(proc) == 0
    assert away.fake.orders() == []  # paper only
    with away.core() as core:
        decisions = core.bot_store.decisions(spec.id)
    ordered = sorted(d.time for d in decisions if d.kind is EventKind.ORDER)
    assert ordered == [first + STEP - 1, fresh.close_time]  # none on the stale candles
