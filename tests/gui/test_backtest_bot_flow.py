"""From a bot to its backtest, and from a backtest to a Ghost bot, all in the window."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from crypty_desktop.domain.bots import BotKind
from crypty_desktop.gui.main_window import NAV_PAGES, MainWindow
from tests.gui.bot_helpers import demo_window, make_bot, wait_loaded

__all__ = ["demo_window"]  # the fixture


def test_backtest_a_bot_then_run_the_result_as_a_ghost_bot(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    window = demo_window
    core = window.core
    spec = make_bot(core, "dca every 3", every=3)
    window.bots.list.reload()
    wait_loaded(qtbot, window)
    assert window.bots.list.select_bot(spec.id)
    page = window.backtests_page
    with qtbot.wait_signal(page.sig_result_opened, timeout=60_000) as opened:
        window.bots.list.backtest_button.click()
    assert window.nav.currentRow() == NAV_PAGES.index("Backtests")
    view = opened.args[0]
    request = view.outcome.request
    assert (request.symbol, request.interval, request.strategy) == ("BTCUSDT", "1m", "dca")
    assert request.params["every"] == "3"

    view.ghost_button.click()
    assert "not checked against overfitting" in view.confirm_box.text()
    assert len(core.bots.list()) == 1  # nothing before the answer
    view.create_button.click()
    assert window.nav.currentRow() == NAV_PAGES.index("Bots")
    qtbot.waitUntil(lambda: len(core.bots.list()) == 2, timeout=20_000)
    created = next(b for b in core.bots.list() if b.id != spec.id)
    assert created.kind is BotKind.GHOST and created.strategy == "dca"
    assert created.params["every"] == "3" and created.budget == spec.budget
    assert created.name.startswith("DCA BTCUSDT 1m")
    qtbot.waitUntil(lambda: window.bots.list.model.find(created.id) is not None, timeout=10_000)
    assert window.bots.list.selected_entry().spec.id == created.id  # type: ignore[union-attr]
