"""Quitting while a Trader bot waits for Binance to confirm an order: the window's wait lets the
bot's stop ask Binance to the end (the order is settled, not left pending), and the window is not
frozen meanwhile (its event loop runs; user input waits).

The order is left unconfirmed for real: a first run's buy is accepted by the loopback fake
Binance but its answer lost, and no question about it is answered. The bot then runs in the
window's worker thread (``BotSupervisor``), holding from its start, and Binance answers again,
slowly (4 s an order query, longer than the window used to wait for a bot).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.bots.orders import ProtectionExecutor
from crypty_desktop.domain.bots import BotSpec, BotState
from crypty_desktop.domain.orders import OrderStatus
from crypty_desktop.gui.bot_control import EXIT_WAIT_MS, QUIT_REASON
from crypty_desktop.gui.qt import QTimer
from crypty_desktop.gui.workers import BotSupervisor
from tests.bots.trader_grid import (
    ORDER_PATH,
    QUICK,
    candle,
    grid,
    started,
    trader_core,
)
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.fake_streams import FakeStreamServer
from tests.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.logs(r"outcome unknown \(\w+\); querying")


@pytest.fixture
def binance(
    fake_binance: FakeBinance, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Core]:
    with FakeStreamServer() as streams:
        monkeypatch.setenv("CRYPTY_BINANCE_WS_URL", streams.url)
        core = trader_core(fake_binance, memory_keyring, monkeypatch)
        yield core
        core.close()


def _leave_an_order_unconfirmed(core: Core, spec: BotSpec, fake: FakeBinance) -> str:
    """A first run whose buy Binance accepted without the answer arriving, stopped while
    Binance could not be asked: the order stays PENDING. Returns its client order id."""
    life = started(core, spec)
    assert life.built is not None
    fake.accept_then(ORDER_PATH, status=503)
    fake.fail_next(ORDER_PATH, status=503, count=10_000)
    life.built.runner.step(candle(0))
    assert life.built.runner.holding
    assert life.finish() is BotState.STOPPED
    [pending] = [o for o in core.order_log.orders(spec.id) if o.status is OrderStatus.PENDING]
    return pending.request.client_order_id


def test_quitting_waits_for_the_bot_to_settle_its_order_without_freezing_the_window(
    qtbot: QtBot,
    binance: Core,
    fake_binance: FakeBinance,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = grid(binance)
    cid = _leave_an_order_unconfirmed(binance, spec, fake_binance)
    # The start's reconciliation asks quickly (by default it asks for about a minute).
    defaults = ProtectionExecutor.__init__.__kwdefaults__
    assert defaults is not None
    monkeypatch.setitem(defaults, "backoff", QUICK)

    supervisor = BotSupervisor(binance)
    supervisor.start(spec)
    _thread, worker = supervisor._threads[spec.id]

    def holding() -> bool:
        life = worker.life
        return life is not None and life.built is not None and life.built.runner.holding

    qtbot.waitUntil(holding, timeout=20_000)  # it runs, holding: Binance cannot be asked
    fake_binance.clear_faults()
    fake_binance.slow_route(ORDER_PATH, 4.0)  # Binance answers again, slowly

    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(100)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    ended = supervisor.stop_all(QUIT_REASON, wait_ms=EXIT_WAIT_MS, resume_later=True)
    timer.stop()

    assert ended and supervisor.running() == []
    assert len(ticks) >= 10  # the event loop ran all along the wait (a second and more)
    logged = binance.order_log.get(binance.platforms.list()[0].id, cid)
    assert logged is not None and logged.status is OrderStatus.NEW  # settled by the stop
    assert len(fake_binance.orders_with_client_id(cid)) == 1  # never sent again
    state, _reason, should_run = binance.bot_store.state(spec.id)
    assert state is BotState.STOPPED and should_run  # stopped, and resumes at the next start
