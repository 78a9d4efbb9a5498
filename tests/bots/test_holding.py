"""A Trader bot whose order Binance has not confirmed holds, asks again, and trades again once
the order is settled; it never stops in error for it, never sends the old intent again and never
doubles an order (``bots/holding.py``).

A Trader grid runs through ``BotLife`` (as ``crypty bot run`` and the window run it) against the
loopback fake Binance with the real python-binance client. Its first buy is accepted but the
answer is lost (or never reaches Binance), and the fake then fails every question about it. The
strategy keeps wanting orders: none may reach the fake while the bot holds. When the fake
answers again the order is settled as any order is, the log says trading resumes, and the next
decisions place new orders with new sequence numbers; the fake's orders and the order log agree.
"""

from __future__ import annotations

import io
import queue
import threading
import time

import pytest

from crypty_desktop.app import Core
from crypty_desktop.bots.holding import ALERT_AFTER
from crypty_desktop.bots.host import BotLife, DecisionPrinter
from crypty_desktop.bots.orders import ProtectionExecutor
from crypty_desktop.domain.bots import BotSpec, BotState, BotStatus, Decision, EventKind
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import OrderStatus
from crypty_desktop.notifications import NotificationKind, Notifier
from tests.bots.trader_grid import (
    ORDER_PATH,
    PRICE,
    QUICK,
    agree,
    candle,
    grid,
    log_lines,
    order_posts,
    platform_of,
    runner_of,
    started,
)
from tests.fakes.fake_binance import FakeBinance

pytestmark = pytest.mark.logs(r"outcome unknown \(\w+\); querying")

WAITING = "Waiting for Binance to confirm order {cid}; no new order until then."
NOT_ACTED = "Not acted on while waiting for Binance to confirm order"
STILL_UNKNOWN = "Stopped before Binance could say whether order"


def _sequence(cid: str) -> int:
    return int(cid.rsplit("-", 1)[1])


def _held_order(core: Core, spec: BotSpec) -> str:
    [pending] = [o for o in core.order_log.orders(spec.id) if o.status is OrderStatus.PENDING]
    return pending.request.client_order_id


def test_a_bot_holds_until_binance_confirms_its_order_then_trades_again(
    trader_binance: Core, fake_binance: FakeBinance
) -> None:
    spec = grid(trader_binance)
    events: list[BotStatus | Decision] = []
    out = io.StringIO()
    printer = DecisionPrinter({spec.id: spec.name}, out)  # what ``crypty bot run`` prints

    def both(event: BotStatus | Decision) -> None:
        events.append(event)
        printer(event)

    life = started(trader_binance, spec)
    runner = runner_of(life)
    runner.listener = both
    runner.hold_pauses = (0.0,)  # every candle asks again
    fake_binance.accept_then(ORDER_PATH, status=503)  # the first buy exists; its answer is lost
    fake_binance.fail_next(ORDER_PATH, status=503, count=1000)  # no question about it answered

    runner.step(candle(0))
    cid = _held_order(trader_binance, spec)
    assert runner.holding
    assert runner.state is BotState.RUNNING  # not ERROR
    assert runner.reason == WAITING.format(cid=cid)
    assert runner.status().reason_kind is EventKind.UNCONFIRMED
    said = log_lines(events)
    assert said.count(WAITING.format(cid=cid)) == 1
    held_back = [m for m in said if NOT_ACTED in m]
    assert held_back, "the grid wanted more orders on its first candle"
    assert order_posts(fake_binance) == [cid]  # only the order whose answer was lost

    runner.step(candle(1))  # Binance still does not answer: the bot still holds
    assert runner.holding
    assert order_posts(fake_binance) == [cid]  # the strategy still wants orders: none is sent
    said = log_lines(events)
    assert said.count(WAITING.format(cid=cid)) == 1  # said once
    assert [m for m in said if NOT_ACTED in m] == held_back  # each decision said once
    assert len(fake_binance.requests_to(ORDER_PATH)) > 1 + len(QUICK)  # it did ask again

    [order] = fake_binance.orders_with_client_id(cid)
    assert fake_binance.set_price("BTCUSDT", order.price - 1) == 1  # it fills meanwhile
    fake_binance.set_price("BTCUSDT", PRICE)
    fake_binance.clear_faults()  # Binance answers again

    runner.step(candle(2))
    assert not runner.holding
    assert runner.reason == ""
    said = log_lines(events)
    resumed = f"Order {cid} was confirmed: filled; trading resumes."
    assert resumed in said
    after = said[said.index(resumed) :]
    assert any(m.startswith("Bought ") for m in after)  # the fill recorded and told
    logged = trader_binance.order_log.get(platform_of(life), cid)
    assert logged is not None and logged.status is OrderStatus.FILLED
    assert trader_binance.order_log.fills(platform_of(life), [cid])  # with its fills
    posts = order_posts(fake_binance)
    assert posts.count(cid) == 1  # never sent again
    new = [c for c in posts if c != cid]
    assert new, "trading resumed: the next decisions placed orders"
    assert all(_sequence(c) > _sequence(cid) for c in new)  # new orders, new sequence numbers
    agree(trader_binance, fake_binance, spec)

    printed = out.getvalue()
    assert f"wait: {WAITING.format(cid=cid)}" in printed
    assert f"info: {resumed}" in printed
    assert life.finish() is BotState.STOPPED


def test_an_order_binance_never_received_is_not_sent_and_the_strategy_decides_afresh(
    trader_binance: Core, fake_binance: FakeBinance
) -> None:
    spec = grid(trader_binance)
    events: list[BotStatus | Decision] = []
    life = started(trader_binance, spec, events.append)
    runner = runner_of(life)
    runner.hold_pauses = (0.0,)
    # The first buy never reaches the matching engine (a 503 before it), and no question about
    # it is answered: the bot cannot know, and holds.
    fake_binance.fail_next(ORDER_PATH, status=503, count=1000)
    runner.step(candle(0))
    cid = _held_order(trader_binance, spec)
    assert runner.holding
    assert fake_binance.orders() == []
    [order] = [
        o for o in trader_binance.order_log.orders(spec.id) if o.request.client_order_id == cid
    ]
    level_price = order.request.price

    fake_binance.clear_faults()
    fake_binance.server_time_offset_ms = 60_000  # Binance's clock is past the order's deadline
    runner.step(candle(1))

    assert not runner.holding
    said = log_lines(events)
    assert any(m.startswith(f"Binance never received order {cid}") for m in said)
    logged = trader_binance.order_log.get(platform_of(life), cid)
    assert logged is not None and logged.status is OrderStatus.NOT_SENT
    assert fake_binance.orders_with_client_id(cid) == []
    assert order_posts(fake_binance).count(cid) == 1  # the old intent is never sent again
    # The strategy decided afresh: the same level is bought again, as a new order.
    again = [o for o in fake_binance.orders() if o.price == level_price]
    assert len(again) == 1 and _sequence(again[0].client_order_id) > _sequence(cid)
    agree(trader_binance, fake_binance, spec)
    assert life.finish() is BotState.STOPPED


class QueueFeed:
    """Candles the test puts, read by the bot's real loop."""

    def __init__(self) -> None:
        self.candles: queue.SimpleQueue[Candle] = queue.SimpleQueue()

    def get(self, timeout: float | None = None) -> Candle:  # float-ok: seconds
        return self.candles.get(timeout=timeout)

    def close(self) -> None:
        pass


def _wait_for(check: object, seconds: float = 10.0) -> None:  # float-ok
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(check) and check():
            return
        time.sleep(0.05)
    raise AssertionError("not reached in time")


def test_a_stop_while_holding_is_prompt_and_the_next_start_settles_the_order(
    trader_binance: Core, fake_binance: FakeBinance
) -> None:
    spec = grid(trader_binance)
    events: list[BotStatus | Decision] = []
    life = started(trader_binance, spec, events.append)
    runner = runner_of(life)
    assert life.built is not None
    feed = QueueFeed()
    life.built.feed = feed  # type: ignore[assignment]
    runner.hold_pauses = (0.2, 0.4)  # the loop asks again between candles
    fake_binance.accept_then(ORDER_PATH, status=503)
    fake_binance.fail_next(ORDER_PATH, status=503, count=10_000)
    stop = threading.Event()
    loop = threading.Thread(target=life.run, args=(stop.is_set,), daemon=True)
    loop.start()
    feed.candles.put(candle(0))

    _wait_for(lambda: runner.holding)
    asked = len(fake_binance.requests_to(ORDER_PATH))
    _wait_for(lambda: len(fake_binance.requests_to(ORDER_PATH)) >= asked + 2)  # asks again
    cid = _held_order(trader_binance, spec)
    assert order_posts(fake_binance) == [cid]

    stop.set()
    loop.join(5.0)
    assert not loop.is_alive()  # the loop saw the stop between two questions
    assert life.finish() is BotState.STOPPED  # not ERROR: it was holding, not failing
    logged = trader_binance.order_log.get(platform_of(life), cid)
    assert logged is not None and logged.status is OrderStatus.PENDING
    assert any(STILL_UNKNOWN in m and cid in m for m in log_lines(events))

    fake_binance.clear_faults()  # Binance answers again; the user starts the bot
    again = BotLife(trader_binance.bot_context, trader_binance.bots.find("grid"))
    built = again.start()
    try:
        logged = trader_binance.order_log.get(built.platform.id, cid)
        assert logged is not None and logged.status is OrderStatus.NEW
        assert order_posts(fake_binance) == [cid]  # settled, never re-sent
        assert not built.runner.holding
    finally:
        assert built.feed is not None
        built.feed.close()
        again.finish()


def test_a_bot_that_starts_while_binance_cannot_be_asked_holds_instead_of_failing(
    trader_binance: Core, fake_binance: FakeBinance, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = grid(trader_binance)
    life = started(trader_binance, spec)
    runner = runner_of(life)
    fake_binance.accept_then(ORDER_PATH, status=503)
    fake_binance.fail_next(ORDER_PATH, status=503, count=len(QUICK))
    runner.step(candle(0))
    cid = _held_order(trader_binance, spec)
    fake_binance.fail_next(ORDER_PATH, status=503, count=10_000)
    life.finish()  # the order stays pending: Binance still cannot be asked

    # The start's reconciliation asks quickly too (by default it asks for about a minute).
    defaults = ProtectionExecutor.__init__.__kwdefaults__
    assert defaults is not None
    monkeypatch.setitem(defaults, "backoff", QUICK)
    again = BotLife(trader_binance.bot_context, spec)
    built = again.start()
    assert built.feed is not None
    built.feed.close()
    try:
        runner = runner_of(again)
        assert runner.state is BotState.RUNNING and runner.holding
        assert runner.reason == WAITING.format(cid=cid)
        assert order_posts(fake_binance) == [cid]
    finally:
        fake_binance.clear_faults()
        again.finish()


def test_a_long_hold_alerts_the_user_once(trader_binance: Core, fake_binance: FakeBinance) -> None:
    spec = grid(trader_binance)
    events: list[BotStatus | Decision] = []
    life = started(trader_binance, spec, events.append)
    runner = runner_of(life)
    now = [1000.0]
    runner.monotonic = lambda: now[0]
    fake_binance.accept_then(ORDER_PATH, status=503)
    fake_binance.fail_next(ORDER_PATH, status=503, count=1000)
    runner.step(candle(0))
    cid = _held_order(trader_binance, spec)

    now[0] += 60
    runner.while_holding()  # a minute: no alert yet
    assert not [e for e in events if isinstance(e, Decision) and e.action == "alert"]
    now[0] += ALERT_AFTER
    runner.while_holding()
    now[0] += 600
    runner.while_holding()
    alerts = [e for e in events if isinstance(e, Decision) and e.action == "alert"]
    assert len(alerts) == 1  # once per hold
    assert alerts[0].kind is EventKind.UNCONFIRMED
    assert f"Binance has not confirmed order {cid} for 16 minutes" in alerts[0].message
    notice = Notifier().on_decision(alerts[0], spec)
    assert notice is not None and notice.kind is NotificationKind.ORDER_UNCONFIRMED
    assert notice.detail == alerts[0].message
    assert runner.holding and order_posts(fake_binance) == [cid]
    fake_binance.clear_faults()
    assert life.finish() is BotState.STOPPED
