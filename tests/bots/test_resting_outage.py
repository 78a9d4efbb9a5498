"""A network outage while a Trader bot has resting orders, or while it cancels one, does not stop
it in error: the orders stay open in its records, the log says so once, Binance is asked again,
and when it answers the fills are recorded once and the strategy answers them.

A Trader grid runs through ``BotLife`` against the loopback fake Binance with the real
python-binance client; its user data stream is left out, so its resting orders are read by REST
(as while the stream is down). The fake then fails every question about an order for longer
than the retries.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from crypty_desktop.app import Core
from crypty_desktop.bots.brokers import LiveBroker
from crypty_desktop.bots.engine import BotStopped
from crypty_desktop.bots.host import BotLife
from crypty_desktop.bots.orders import ProtectionExecutor
from crypty_desktop.domain.bots import BotSpec, BotState, BotStatus, Decision, EventKind
from crypty_desktop.domain.errors import UnknownOrderStatus
from crypty_desktop.domain.orders import OrderStatus
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
from tests.fakes.trading import KEY

pytestmark = pytest.mark.logs(r"outcome unknown \(\w+\); querying")

UNREAD = "Binance could not be asked about order "
ANSWERED = "Binance answered about order "
CANCEL_WAITING = "Binance could not be asked whether order {cid} was cancelled"


def _started(core: Core, spec: BotSpec, events: list[BotStatus | Decision]) -> BotLife:
    """The grid started (``trader_grid.started``), its orders read by REST (no user data
    stream)."""
    life = started(core, spec, events.append)
    assert life.built is not None
    broker = life.built.runner.broker
    assert isinstance(broker, LiveBroker)
    broker.stop_listening()
    return life


def _queries(fake: FakeBinance) -> int:
    return len([r for r in fake.requests_to(ORDER_PATH) if r.method == "GET"])


def _resting(core: Core, spec: BotSpec) -> dict[str, Decimal]:
    """The bot's open orders in its records: client order id → limit price."""
    return {
        o.request.client_order_id: o.request.price or Decimal(0)
        for o in core.order_log.orders(spec.id)
        if o.status.is_open
    }


def test_a_grid_keeps_running_through_an_outage_and_records_the_fill_made_meanwhile_once(
    trader_binance: Core, fake_binance: FakeBinance
) -> None:
    spec = grid(trader_binance)
    events: list[BotStatus | Decision] = []
    life = _started(trader_binance, spec, events)
    runner = runner_of(life)
    runner.step(candle(0))  # a buy rests at every level below the price
    resting = _resting(trader_binance, spec)
    assert len(resting) == 10
    placed = order_posts(fake_binance)
    tags = runner.broker.position().open_tags

    fake_binance.fail_next(ORDER_PATH, status=503, count=10_000)  # no order can be asked about
    asked = _queries(fake_binance)
    runner.step(candle(1))
    assert _queries(fake_binance) > asked + len(QUICK)  # it asked, and was not answered
    assert runner.state is BotState.RUNNING and not runner.holding  # not ERROR
    top_cid, top_price = max(resting.items(), key=lambda item: item[1])
    fake_binance.set_price("BTCUSDT", top_price - 1)  # the highest buy fills meanwhile
    fake_binance.set_price("BTCUSDT", PRICE)
    runner.step(candle(2))
    runner.step(candle(3))

    assert runner.state is BotState.RUNNING
    said = log_lines(events)
    unread = [m for m in said if m.startswith(UNREAD)]
    assert len(unread) == 1  # said once, for every order, however many candles it lasts
    assert all(cid in unread[0] for cid in resting)
    assert "asked again at the next candle" in unread[0]
    [line] = [e for e in events if isinstance(e, Decision) and e.message == unread[0]]
    assert line.kind is EventKind.UNCONFIRMED
    assert order_posts(fake_binance) == placed  # no new order, none at a level still resting
    assert _resting(trader_binance, spec) == resting  # still open in the records
    assert runner.broker.position().open_tags == tags  # the strategy sees every level taken
    assert not [m for m in said if m.startswith("Bought ")]

    fake_binance.clear_faults()  # Binance answers again
    runner.step(candle(4))
    said = log_lines(events)
    assert len([m for m in said if m.startswith(ANSWERED)]) == 1
    bought = [m for m in said if m.startswith("Bought ")]
    assert len(bought) == 1  # the fill made meanwhile, recorded and told once
    logged = trader_binance.order_log.get(platform_of(life), top_cid)
    assert logged is not None and logged.status is OrderStatus.FILLED
    assert len(trader_binance.order_log.fills(platform_of(life), [top_cid])) == 1
    # The strategy answered it: a sell one level up, the only new order.
    new = [c for c in order_posts(fake_binance) if c not in placed]
    [sell] = [o for c in new for o in fake_binance.orders_with_client_id(c)]
    assert sell.side == "SELL" and sell.price > top_price
    assert len(new) == 1
    runner.step(candle(5))  # nothing more: the fill is not told twice
    assert len([m for m in log_lines(events) if m.startswith("Bought ")]) == 1
    assert len(order_posts(fake_binance)) == len(placed) + 1
    agree(trader_binance, fake_binance, spec)
    assert life.finish() is BotState.STOPPED


def test_a_refused_key_while_orders_rest_still_stops_the_bot_in_error(
    trader_binance: Core, fake_binance: FakeBinance
) -> None:
    spec = grid(trader_binance)
    life = _started(trader_binance, spec, [])
    runner = runner_of(life)
    runner.step(candle(0))
    fake_binance.remove_key(KEY)  # the key was deleted on Binance
    with pytest.raises(BotStopped, match="refused the key"):
        runner.step(candle(1))
    assert runner.state is BotState.ERROR
    assert runner.status().reason_kind is EventKind.KEY_ERROR
    life.finish()


def test_a_user_cancel_whose_outcome_is_lost_keeps_the_order_open_until_binance_says(
    trader_binance: Core, fake_binance: FakeBinance
) -> None:
    spec = grid(trader_binance)
    events: list[BotStatus | Decision] = []
    life = _started(trader_binance, spec, events)
    runner = runner_of(life)
    runner.hold_pauses = (0.0,)  # every candle asks again
    runner.step(candle(0))
    resting = _resting(trader_binance, spec)
    cid, _price = max(resting.items(), key=lambda item: item[1])
    placed = order_posts(fake_binance)
    fake_binance.accept_then(ORDER_PATH, status=503)  # the cancel happens; its answer is lost
    fake_binance.fail_next(ORDER_PATH, status=503, count=10_000)  # and nothing can be asked

    runner.cancel_order(cid, "cancelled by you")
    [on_fake] = fake_binance.orders_with_client_id(cid)
    assert on_fake.status == "CANCELED"
    logged = trader_binance.order_log.get(platform_of(life), cid)
    assert logged is not None and logged.status is OrderStatus.NEW  # not believed cancelled
    assert cid in runner.broker.open
    assert runner.state is BotState.RUNNING and runner.holding
    runner.step(candle(1))
    runner.step(candle(2))
    said = log_lines(events)
    waiting = [m for m in said if m.startswith(CANCEL_WAITING.format(cid=cid))]
    assert len(waiting) == 1
    assert order_posts(fake_binance) == placed  # no order meanwhile

    fake_binance.clear_faults()
    runner.step(candle(3))
    assert not runner.holding
    said = log_lines(events)
    assert f"Order {cid} was confirmed: cancelled; trading resumes." in said
    logged = trader_binance.order_log.get(platform_of(life), cid)
    assert logged is not None and logged.status is OrderStatus.CANCELED
    assert cid not in runner.broker.open
    agree(trader_binance, fake_binance, spec)
    assert life.finish() is BotState.STOPPED


def test_a_cancel_that_never_arrived_leaves_the_order_resting_and_says_so(
    trader_binance: Core, fake_binance: FakeBinance
) -> None:
    spec = grid(trader_binance)
    events: list[BotStatus | Decision] = []
    life = _started(trader_binance, spec, events)
    runner = runner_of(life)
    runner.hold_pauses = (0.0,)
    runner.step(candle(0))
    cid, _price = max(_resting(trader_binance, spec).items(), key=lambda item: item[1])
    placed = order_posts(fake_binance)
    fake_binance.fail_next(ORDER_PATH, status=503, count=10_000)  # the cancel never arrives
    runner.cancel_order(cid, "cancelled by you")
    assert runner.holding
    fake_binance.clear_faults()
    runner.step(candle(1))
    assert not runner.holding
    assert f"Order {cid} was confirmed: waiting in the order book; trading resumes." in log_lines(
        events
    )
    [on_fake] = fake_binance.orders_with_client_id(cid)
    assert on_fake.status == "NEW" and cid in runner.broker.open
    assert order_posts(fake_binance) == placed  # the level is still taken: no second order at it
    agree(trader_binance, fake_binance, spec)
    assert life.finish() is BotState.STOPPED


def test_a_manual_reconcile_still_says_binance_could_not_be_asked(
    trader_binance: Core, fake_binance: FakeBinance
) -> None:
    """Outside a running bot (a removal, a panic) an order that cannot be read is an unknown
    outcome the user is told of, never a success."""
    spec = grid(trader_binance)
    life = _started(trader_binance, spec, [])
    runner = runner_of(life)
    runner.step(candle(0))
    broker = runner.broker
    assert isinstance(broker, LiveBroker)
    fake_binance.fail_next(ORDER_PATH, status=503, count=10_000)
    with pytest.raises(UnknownOrderStatus, match="could not be asked about order"):
        broker.executor.reconcile(spec.id)
    fake_binance.clear_faults()
    life.finish()


def test_a_bot_started_while_binance_cannot_be_asked_runs_with_its_resting_orders(
    trader_binance: Core, fake_binance: FakeBinance, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A restart during an outage (the computer woke up before the network): the resting orders
    are kept as recorded, the bot runs, and the first candle Binance answers settles them."""
    spec = grid(trader_binance)
    life = _started(trader_binance, spec, [])
    runner_of(life).step(candle(0))
    resting = _resting(trader_binance, spec)
    assert life.finish() is BotState.STOPPED
    fake_binance.fail_next(ORDER_PATH, status=503, count=10_000)
    top_cid, top_price = max(resting.items(), key=lambda item: item[1])
    fake_binance.set_price("BTCUSDT", top_price - 1)  # it fills while the bot is away
    fake_binance.set_price("BTCUSDT", PRICE)

    defaults = ProtectionExecutor.__init__.__kwdefaults__  # the start's questions, quick too
    assert defaults is not None
    monkeypatch.setitem(defaults, "backoff", QUICK)
    events: list[BotStatus | Decision] = []
    again = _started(trader_binance, spec, events)
    runner = runner_of(again)
    assert runner.state is BotState.RUNNING and not runner.holding
    [unread] = [m for m in log_lines(events) if m.startswith(UNREAD)]
    assert all(cid in unread for cid in resting)
    assert _resting(trader_binance, spec) == resting
    placed = order_posts(fake_binance)

    fake_binance.clear_faults()
    runner.step(candle(1))
    bought = [m for m in log_lines(events) if m.startswith("Bought ")]
    assert len(bought) == 1
    logged = trader_binance.order_log.get(platform_of(again), top_cid)
    assert logged is not None and logged.status is OrderStatus.FILLED
    [new] = [c for c in order_posts(fake_binance) if c not in placed]  # the grid sells it one up
    [sell] = fake_binance.orders_with_client_id(new)
    assert sell.side == "SELL" and sell.price > top_price
    agree(trader_binance, fake_binance, spec)
    assert again.finish() is BotState.STOPPED
