"""The window fits a 1366×768 laptop whatever is open; a saved geometry never puts it off-screen.

Found by a user: opening one backtest result raised the window's minimum width to 1691 px
(1970 px with the guide open), pushing Stop all and the guide off a 1366×768 screen, and that
geometry was saved for the next start.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.demo import ensure_demo
from crypty_desktop.gui.backtest_results import BacktestResultView
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.preferences import Preferences, fit_to_screen
from crypty_desktop.gui.qt import QApplication, QDate, QRect
from tests.gui.bot_helpers import close_window, open_window

pytestmark = [pytest.mark.gui]
LAPTOP_W, LAPTOP_H = 1366, 768


@pytest.fixture
def window(qtbot: QtBot, core: Core, no_onboarding: None) -> Iterator[MainWindow]:
    ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    window = open_window(qtbot, core)
    window.refresh()
    yield window
    close_window(window)


def open_result(qtbot: QtBot, window: MainWindow) -> BacktestResultView:
    page = window.backtests_page
    window.nav.setCurrentRow(2)
    qtbot.waitUntil(lambda: page.choices_job is None, timeout=15_000)
    page.start_edit.setDate(QDate(2024, 3, 1))
    page.end_edit.setDate(QDate(2024, 3, 10))
    with qtbot.wait_signal(page.sig_result_opened, timeout=60_000) as blocker:
        assert page.run() is not None
    view = blocker.args[0]
    assert isinstance(view, BacktestResultView)
    return view


def assert_fits(window: MainWindow) -> None:
    QApplication.processEvents()  # let the layouts take what was just opened into account
    hint = window.minimumSizeHint()
    size = window.minimumSize()
    width = max(hint.width(), size.width())
    height = max(hint.height(), size.height())
    assert width <= LAPTOP_W, f"the window needs {width} px of width"
    assert height <= LAPTOP_H, f"the window needs {height} px of height"


def test_a_backtest_result_keeps_the_window_within_a_laptop_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert_fits(window)
    open_result(qtbot, window)
    assert_fits(window)
    window.show_help("backtests")
    qtbot.wait(50)
    assert_fits(window)
    window.resize(LAPTOP_W, LAPTOP_H - 60)
    qtbot.wait(50)
    assert window.width() <= LAPTOP_W


def test_a_saved_geometry_larger_than_the_screen_is_brought_back(
    qtbot: QtBot, window: MainWindow, core: Core
) -> None:
    window.setGeometry(QRect(-400, -300, 3000, 2000))  # as saved on a larger screen
    window.extras.save_state()
    again = MainWindow(core)
    try:
        again.show()
        screen = again.screen().availableGeometry()
        frame = again.geometry()
        least = again.minimumSizeHint()
        assert frame.width() <= max(screen.width(), least.width())
        assert frame.height() <= max(screen.height(), least.height())
        assert screen.contains(frame.topLeft()), (frame, screen)
        assert Preferences().restore_window_state(again)  # it was saved, and corrected
    finally:
        close_window(again)


def test_fit_to_screen_brings_an_oversized_window_back(qtbot: QtBot, window: MainWindow) -> None:
    window.setMinimumSize(0, 0)
    window.setGeometry(QRect(-400, -300, 3000, 2000))
    fit_to_screen(window)
    screen = window.screen().availableGeometry()  # 800×800 offscreen: the window's minimum
    least = window.minimumSizeHint()  # (under 1366×768, see above) may be more than that
    assert window.width() <= max(screen.width(), least.width())
    assert window.height() <= max(screen.height(), least.height())
    assert window.frameGeometry().left() >= screen.left()
    assert window.frameGeometry().top() >= screen.top()


@pytest.mark.parametrize("strategy", ["grid", "sma_cross", "dca"])
def test_the_french_backtest_form_is_not_cut_off_on_a_laptop(
    qtbot: QtBot, window: MainWindow, strategy: str
) -> None:
    from crypty_desktop.gui import i18n

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install_translators(app, "fr")
    try:
        page = window.backtests_page
        page.strategy_combo.setCurrentIndex(page.strategy_combo.findData("rsi"))
        page.strategy_combo.setCurrentIndex(page.strategy_combo.findData(strategy))
        page.budget_edit.set_amount(Decimal(1000))  # shown the French way now
        page.fee_edit.set_amount(Decimal("0.1"))
        window.nav.setCurrentRow(2)
        window.resize(LAPTOP_W, LAPTOP_H - 30)
        open_result(qtbot, window)
        window.show_help("backtests")
        qtbot.wait(50)
        assert_fits(window)
        # The set-up column has no horizontal scroll bar: what its fields need must be shown.
        scroll = page.form_scroll
        visible = scroll.viewport().width()
        assert visible >= page.form.minimumSizeHint().width(), "the form is cut on the right"
        assert page.run_button.geometry().right() <= visible
    finally:
        i18n.install_translators(app, "en")
