"""A stop never leaves an order "outcome unknown" while Binance can answer (found by
bench/bench_crash_soak.py: a bot stopped in error with its order PENDING, and the final stop left
it so).

A Trader grid runs through ``BotLife`` (as ``crypty bot run`` and the window run it) on the
loopback fake Binance. Its first order is accepted but its answer lost, and every query about it
fails: the bot holds (no new order, ``bots/holding.py``) with the order PENDING. The stop
(``finish``, what SIGINT does) then asks Binance about it before the bot is said stopped; if
Binance still cannot be asked, the log says so in a sentence, and the next start settles the
order, never sending it again.
"""

from __future__ import annotations

import pytest

from crypty_desktop.app import Core
from crypty_desktop.bots.host import BotLife
from crypty_desktop.domain.bots import BotState, BotStatus, Decision
from crypty_desktop.domain.orders import OrderStatus
from tests.bots.trader_grid import (
    ORDER_PATH,
    QUICK,
    candle,
    grid,
    started,
)
from tests.fakes.fake_binance import FakeBinance

pytestmark = pytest.mark.logs(r"outcome unknown \(\w+\); querying")

STILL_UNKNOWN = "Stopped before Binance could say whether order"


def _order_left_unknown(life: BotLife, fake: FakeBinance) -> str:
    """The grid's first buy is placed but its answer lost, and no query about it gets through:
    the bot holds, the order PENDING. Returns its client order id."""
    assert life.built is not None
    runner = life.built.runner
    fake.accept_then(ORDER_PATH, status=503)
    fake.fail_next(ORDER_PATH, status=503, count=len(QUICK))  # every try of the first query
    runner.step(candle(0))  # the bot goes on, holding: no new order until Binance confirms it
    assert runner.holding
    assert runner.state is BotState.RUNNING
    assert "Waiting for Binance to confirm order" in runner.reason
    [placed] = fake.orders()  # on Binance, resting
    [logged] = [o for o in runner.broker.order_log.orders(runner.spec.id)]  # type: ignore[union-attr]
    assert logged.status is OrderStatus.PENDING
    assert logged.request.client_order_id == placed.client_order_id
    return placed.client_order_id


def test_a_stop_settles_the_order_whose_outcome_was_unknown(
    trader_binance: Core, fake_binance: FakeBinance
) -> None:
    spec = grid(trader_binance)
    events: list[BotStatus | Decision] = []
    life = started(trader_binance, spec, events.append)
    cid = _order_left_unknown(life, fake_binance)

    assert life.finish() is BotState.STOPPED  # Ctrl+C while it holds: a plain stop
    logged = trader_binance.order_log.get(life.built.platform.id, cid)  # type: ignore[union-attr]
    assert logged is not None and logged.status is OrderStatus.NEW  # as Binance has it
    assert logged.exchange_order_id == fake_binance.orders_with_client_id(cid)[0].order_id
    said = [e.message for e in events if isinstance(e, Decision)]
    assert not any(STILL_UNKNOWN in m for m in said)
    assert len(fake_binance.orders()) == 1  # asked about, never sent again


def test_a_stop_while_binance_cannot_be_asked_says_so_and_the_next_start_settles_it(
    trader_binance: Core, fake_binance: FakeBinance
) -> None:
    spec = grid(trader_binance)
    events: list[BotStatus | Decision] = []
    life = started(trader_binance, spec, events.append)
    cid = _order_left_unknown(life, fake_binance)
    platform_id = life.built.platform.id  # type: ignore[union-attr]

    fake_binance.fail_next(ORDER_PATH, status=503, count=100)  # unreachable the whole stop
    assert life.finish() is BotState.STOPPED
    logged = trader_binance.order_log.get(platform_id, cid)
    assert logged is not None and logged.status is OrderStatus.PENDING
    said = [e.message for e in events if isinstance(e, Decision)]
    assert any(STILL_UNKNOWN in m and cid in m for m in said), said
    assert any(STILL_UNKNOWN in d.message for d in trader_binance.bot_store.decisions(spec.id))

    fake_binance.clear_faults()  # Binance answers again; the user starts the bot
    again = BotLife(trader_binance.bot_context, trader_binance.bots.find("grid"))
    built = again.start()
    try:
        logged = trader_binance.order_log.get(platform_id, cid)
        assert logged is not None and logged.status is OrderStatus.NEW
        assert len(fake_binance.orders_with_client_id(cid)) == 1  # settled, never re-sent
        assert len(fake_binance.orders()) == 1
    finally:
        assert built.feed is not None
        built.feed.close()
        again.finish()
