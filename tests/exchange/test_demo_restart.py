"""The demo survives a restart: its clock, prices and play account continue where they were.

A demo bot keeps its last candle and its position in the database; before, every launch started
the replay again at its first candle with a fresh 10,000 USDT wallet, so a Trader demo bot sat
"Running" with no candle for minutes, then every sell failed ("not enough BTC").
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.host import BotThread, build_bot
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.demo import ensure_demo
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState
from crypty_desktop.domain.orders import OrderRequest, OrderStatus, OrderType, Side
from crypty_desktop.exchange.sim_state import load_state
from crypty_desktop.exchange.simulated import SimulatedExchange
from crypty_desktop.settings import Settings
from tests.memory_keyring import MemoryKeyring

MINUTE = 60_000


def wait_for(predicate: Callable[[], bool], timeout: float = 15.0) -> None:  # float-ok: seconds
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def step_until(
    gateway: SimulatedExchange, thread: BotThread, done: Callable[[], bool], most: int = 2000
) -> None:
    """Close one candle at a time, letting the bot decide on each, until ``done``."""
    runner = thread.built.runner
    for _ in range(most):
        if done():
            return
        gateway.advance(1)
        target = gateway.now_ms - MINUTE
        wait_for(lambda t=target: runner.last_candle >= t or runner.state is BotState.ERROR)
        assert runner.state is not BotState.ERROR, runner.reason
    raise AssertionError("the bot never got there")


def start(core: Core, spec: BotSpec) -> tuple[SimulatedExchange, BotThread]:
    gateway = core.gateway_for(core.bots.platform_of(spec))
    assert isinstance(gateway, SimulatedExchange)
    thread = BotThread(build_bot(core.bot_context, spec))
    gateway.stop_replay()  # the test moves the clock itself, one candle at a time
    thread.start()
    return gateway, thread


def sides(core: Core, spec: BotSpec, status: OrderStatus) -> list[Side]:
    return [o.request.side for o in core.order_log.orders(spec.id) if o.status is status]


def test_a_trader_demo_bot_sells_what_it_bought_after_the_app_restarts(
    settings: Settings, memory_keyring: MemoryKeyring
) -> None:
    first = build_core(settings, CredentialStore(memory_keyring))
    try:
        demo = ensure_demo(first.platforms, first.bots, with_sample_bot=False)
        spec = first.bots.create(
            name="trader",
            platform_name=demo.name,
            kind=BotKind.TRADER,
            symbol="BTCUSDT",
            strategy="dca",
            params={"every": "1000", "quote_amount": "100", "take_profit_pct": "0.3"},
            budget="500",
        )
        gateway, thread = start(first, spec)
        step_until(gateway, thread, lambda: Side.BUY in sides(first, spec, OrderStatus.FILLED))
        step_until(gateway, thread, lambda: True, most=3)  # a few candles more, still holding
        thread.stop(resume_later=True)
        assert Side.SELL not in sides(first, spec, OrderStatus.FILLED)
        clock, balances = gateway.now_ms, gateway.balances()
        assert balances["BTC"].free > 0 and balances["USDT"].free < Decimal(10_000)
    finally:
        first.close()

    saved = load_state(first.demo_state_path(demo))
    assert saved is not None and saved.now_ms == clock

    second = build_core(settings, CredentialStore(memory_keyring))
    try:
        gateway, thread = start(second, second.bots.find("trader"))
        assert gateway.now_ms == clock  # not back at the first candle
        assert gateway.balances() == balances  # the play account is the one left
        try:
            sold = lambda: Side.SELL in sides(second, spec, OrderStatus.FILLED)  # noqa: E731
            step_until(gateway, thread, sold)
        finally:
            thread.stop()
        assert second.bot_store.state(spec.id)[0] is BotState.STOPPED
        # What it held before the restart is what it sold (a DCA starts a new cycle at once,
        # so it may already hold again: that is the next cycle, not the old position).
        sell = next(
            o
            for o in second.order_log.orders(spec.id)
            if o.request.side is Side.SELL and o.status is OrderStatus.FILLED
        )
        assert Decimal(0) <= balances["BTC"].free - sell.executed_qty < Decimal("0.00001")
    finally:
        second.close()


@pytest.mark.logs(r"saved state is not readable")
def test_open_orders_and_trades_are_kept_and_a_broken_file_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "demo" / "exchange.json"
    ex = SimulatedExchange(state_path=path)
    ex.advance(5)
    price = ex.ticker_price("BTCUSDT")
    ex.place_order(OrderRequest("BTCUSDT", Side.BUY, OrderType.MARKET, Decimal("0.01"), "cr-a-1"))
    resting = OrderRequest(
        "BTCUSDT", Side.BUY, OrderType.LIMIT, Decimal("0.01"), "cr-a-2", price=price / 2
    )
    ex.place_order(resting)
    ex.close()
    again = SimulatedExchange(state_path=path)
    assert again.now_ms == ex.now_ms
    assert again.balances() == ex.balances()
    assert again.my_trades("BTCUSDT") == ex.my_trades("BTCUSDT")
    assert again.open_orders("BTCUSDT") == ex.open_orders("BTCUSDT")
    again.cancel_order("BTCUSDT", "cr-a-2")  # its locked USDT comes back
    assert again.balances()["USDT"].locked == 0
    # The file is replaced whole: never a half-written one, no temporary file left behind.
    assert [p.name for p in path.parent.iterdir()] == ["exchange.json"]
    assert json.loads(path.read_text())["version"] == 1

    path.write_text("{ not json")
    fresh = SimulatedExchange(state_path=path)
    assert fresh.balances()["USDT"].free == Decimal(10_000)
    assert fresh.now_ms == SimulatedExchange().now_ms
