"""Tab moves through a form in the order it reads: a strategy's parameters come right after the
strategy, before what follows it (the budget in the bot editor, the buttons on the Backtests
page, whose budget and fee end the candles' form above the strategy), not after the buttons (they
are built later than the rest)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.demo import ensure_demo
from crypty_desktop.gui.backtest_page import BacktestsPage
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.qt import QAbstractSpinBox, QComboBox, QLineEdit, Qt, QWidget
from tests.gui.bot_helpers import demo_window

pytestmark = [pytest.mark.gui]
__all__ = ["demo_window"]  # the fixture


def tab_chain(root: QWidget, start: QWidget, stop: QWidget) -> list[QWidget]:
    """The widgets Tab reaches from ``start`` to ``stop`` (inner parts of spin boxes left out)."""
    chain, widget = [], start
    for _ in range(300):
        widget = widget.nextInFocusChain()
        if widget is stop:
            return chain
        inner = isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox)
        takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if widget.isVisibleTo(root) and widget.isEnabled() and takes_tab and not inner:
            chain.append(widget)
    raise AssertionError("the Tab chain never reached the widget after the parameters")


@pytest.mark.parametrize("strategy", ["grid", "sma_cross", "dca"])
def test_the_bot_editor_tabs_from_strategy_through_its_parameters_to_the_budget(
    qtbot: QtBot, demo_window: MainWindow, strategy: str
) -> None:
    editor = demo_window.bots.list.open_editor()
    editor.strategy_box.setCurrentIndex(editor.strategy_box.findData(strategy))
    qtbot.wait(20)  # new fields of a shown form appear on the next event loop pass
    fields = [f.editor for f in editor.param_form.fields.values()]
    assert fields
    between = tab_chain(editor, editor.strategy_box, editor.budget_edit)
    assert between == fields
    editor.reject()


def test_the_backtests_page_tabs_from_strategy_through_its_parameters_to_the_buttons(
    qtbot: QtBot, core: Core
) -> None:
    ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    page = BacktestsPage(core)
    qtbot.addWidget(page)
    page.show()
    page.strategy_combo.setCurrentIndex(page.strategy_combo.findData("grid"))
    qtbot.wait(20)  # new fields of a shown form appear on the next event loop pass
    fields = [f.editor for f in page.params.fields.values()]
    assert fields
    assert tab_chain(page, page.strategy_combo, page.download_button) == fields
    assert tab_chain(page, page.fee_edit, page.strategy_combo) == []  # the fee, then the strategy
    assert isinstance(page.budget_edit, QLineEdit)
    qtbot.waitUntil(lambda: page.choices_job is None, timeout=15_000)
