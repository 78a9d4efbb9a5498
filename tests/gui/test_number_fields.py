"""Number fields read what the window shows, and refuse the rest under the field, saving nothing.

The bug these guard against: "60,000" typed in the English editor was read as 60 (a grid at
60–72 USDT instead of 60,000–72,000), Settings turned "1,5" into 15, a lone "." escaped as an
exception, and the default budget came back as "1E+2".
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.amounts import NARROW_NBSP
from crypty_desktop.gui import i18n
from crypty_desktop.gui import preferences as prefs
from crypty_desktop.gui.amount_field import AmountEdit
from crypty_desktop.gui.bot_editor import BotEditor
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.preferences import Preferences
from crypty_desktop.gui.qt import QApplication, QSpinBox, Qt
from tests.gui.bot_helpers import WAIT_MS, close_window, demo_window, open_window
from tests.gui.platform_helpers import wait_job

__all__ = ["demo_window"]
pytestmark = [pytest.mark.gui]


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    i18n.install_translators(qapp, "fr")
    yield
    i18n.install_translators(qapp, "en")


def open_grid_editor(qtbot: QtBot, window: MainWindow) -> BotEditor:
    qtbot.mouseClick(window.bots.list.new_button, Qt.MouseButton.LeftButton)
    editor = window.bots.list.editor
    assert editor is not None
    if editor.symbols_job is not None:
        wait_job(qtbot, editor.symbols_job)
    editor.symbol_edit.setText("BTCUSDT")
    qtbot.waitUntil(lambda: editor.market is not None, timeout=WAIT_MS)
    editor.name_edit.setText("grid")
    editor.strategy_box.setCurrentIndex(editor.strategy_box.findData("grid"))
    levels = editor.param_form.field("levels").editor
    assert isinstance(levels, QSpinBox)
    levels.setValue(10)
    return editor


def param_edit(editor: BotEditor, name: str) -> AmountEdit:
    edit = editor.param_form.field(name).editor
    assert isinstance(edit, AmountEdit)
    return edit


def test_a_grid_typed_with_thousands_separators_is_saved_as_typed(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    editor = open_grid_editor(qtbot, demo_window)
    param_edit(editor, "lower").setText("60,000")
    param_edit(editor, "upper").setText("72,000")
    param_edit(editor, "quote_per_level").setText("100")
    editor.budget_edit.setText("1,000.5")
    editor.stop_loss_edit.setText("12.5")
    with qtbot.wait_signal(editor.sig_saved, timeout=WAIT_MS) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    spec = saved.args[0]
    assert spec.params["lower"] == "60000" and spec.params["upper"] == "72000"
    assert spec.budget == Decimal("1000.5")
    assert spec.risk.stop_loss_pct == Decimal("12.5")
    reopened = demo_window.bots.list.open_editor(spec)
    # shown back the way it was typed, and read back the same
    assert param_edit(reopened, "lower").text() == "60,000"
    assert reopened.budget_edit.text() == "1,000.5"
    assert reopened.param_form.values()["lower"] == "60000"
    reopened.reject()


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("budget", "1,5"),
        ("budget", "."),
        ("budget", "1E+2"),
        ("lower", "60.000,5"),
        ("stop_loss", "-"),
        ("upper", "NaN"),
    ],
)
def test_a_number_that_could_be_read_two_ways_is_refused_under_its_field(
    qtbot: QtBot, demo_window: MainWindow, core: Core, field: str, text: str
) -> None:
    editor = open_grid_editor(qtbot, demo_window)
    editor.budget_edit.setText("1000")
    edit = {"budget": editor.budget_edit, "stop_loss": editor.stop_loss_edit}.get(field)
    edit = edit or param_edit(editor, field)
    edit.setText(text)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # no exception escapes
    assert editor.save_job is None and core.bots.list() == []
    assert edit.error_label.isVisible() and "e.g." in edit.error()
    assert "red note" in editor.message.text.text()
    qtbot.keyClicks(edit, "1")  # typing again clears the note
    assert not edit.error_label.isVisible()
    editor.reject()


def test_french_fields_read_french_numbers_and_refuse_a_point(
    qtbot: QtBot, demo_window: MainWindow, core: Core, french: None
) -> None:
    editor = open_grid_editor(qtbot, demo_window)
    param_edit(editor, "lower").setText("60 000")
    param_edit(editor, "upper").setText(f"72{NARROW_NBSP}000,5")
    assert editor.param_form.check()
    assert editor.param_form.values()["lower"] == "60000"
    assert editor.param_form.values()["upper"] == "72000.5"
    editor.budget_edit.setText("1.000")  # a point is never in a French number: refused
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.save_job is None and core.bots.list() == []
    assert "virgule" in editor.budget_edit.error()  # in French, with a French example
    assert f"60{NARROW_NBSP}000,5" in editor.budget_edit.error()
    editor.reject()


@pytest.fixture
def window(qtbot: QtBot, core: Core, no_onboarding: None) -> Iterator[MainWindow]:
    window = open_window(qtbot, core)
    yield window
    close_window(window)


def press_ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


def test_the_default_budget_keeps_the_typed_form(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.extras.open_settings()
    assert dialog.budget_edit.text() == "100"
    press_ok(dialog)  # nothing changed: still "100", never "1E+2"
    assert Preferences().get(prefs.DEFAULT_BUDGET) == "100"
    again = window.extras.open_settings()
    assert again.budget_edit.text() == "100"
    again.budget_edit.setText("2,500.50")
    press_ok(again)
    assert Preferences().get(prefs.DEFAULT_BUDGET) == "2500.50"
    third = window.extras.open_settings()
    assert third.budget_edit.text() == "2,500.50"
    third.reject()
    editor = window.bots.list.open_editor()
    assert editor.budget_edit.text() == "2,500.50"
    editor.reject()


@pytest.mark.parametrize("text", ["1,5", ".", "1E+2", "NaN", "-"])
def test_a_refused_default_budget_is_explained_and_not_saved(
    qtbot: QtBot, window: MainWindow, text: str
) -> None:
    dialog = window.extras.open_settings()
    dialog.budget_edit.setText(text)
    press_ok(dialog)
    assert dialog.isVisible() and dialog.budget_edit.error_label.isVisible()
    assert "e.g." in dialog.budget_edit.error()
    assert Preferences().get(prefs.DEFAULT_BUDGET) == prefs.DEFAULT_BUDGET.default
    dialog.reject()
