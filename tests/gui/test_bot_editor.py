"""The bot editor: a Ghost DCA bot made in the dialog trades on the demo; checks in words."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.bots import BotKind, BotState, OnStop
from crypty_desktop.gui.bot_editor import BotEditor
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.param_form import ParamForm
from crypty_desktop.gui.qt import QLineEdit, QSpinBox, Qt
from tests.gui.bot_helpers import (
    WAIT_MS,
    add_read_only_binance,
    demo_window,
    entry,
    make_bot,
    wait_state,
)
from tests.gui.platform_helpers import wait_job

__all__ = ["demo_window"]
pytestmark = [pytest.mark.gui]


def open_editor(qtbot: QtBot, window: MainWindow) -> BotEditor:
    qtbot.mouseClick(window.bots.list.new_button, Qt.MouseButton.LeftButton)
    editor = window.bots.list.editor
    assert editor is not None and editor.isVisible()
    if editor.symbols_job is not None:
        wait_job(qtbot, editor.symbols_job)
    return editor


def choose_market(qtbot: QtBot, editor: BotEditor, symbol: str = "BTCUSDT") -> None:
    editor.symbol_edit.setText(symbol)
    qtbot.waitUntil(lambda: editor.market is not None, timeout=WAIT_MS)


def fill_dca(editor: BotEditor, name: str, budget: str) -> None:
    editor.name_edit.setText(name)
    editor.strategy_box.setCurrentIndex(editor.strategy_box.findData("dca"))
    every = editor.param_form.field("every").editor
    assert isinstance(every, QSpinBox)
    every.setValue(1)
    amount = editor.param_form.field("quote_amount").editor
    assert isinstance(amount, QLineEdit)
    amount.setText("20")
    editor.budget_edit.setText(budget)


def test_a_ghost_dca_bot_made_in_the_editor_trades_on_the_demo(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    window = demo_window
    editor = open_editor(qtbot, window)
    assert editor.kind() is BotKind.GHOST  # the safe choice first
    assert editor.platform_box.currentData() == "Demo"
    assert "BTCUSDT" in editor.symbol_model.stringList()
    choose_market(qtbot, editor)
    assert editor.minimum_label.text().startswith("Minimum: ")
    assert editor.minimum_label.text().endswith(" USDT")
    assert editor.budget_unit.text() == "USDT"
    fill_dca(editor, "dca via editor", "1000")
    assert editor.param_form.field("quote_amount").unit_label.text() == "USDT"
    assert editor.param_form.values()["every"] == "1"
    with qtbot.wait_signal(editor.sig_saved, timeout=WAIT_MS) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert editor.busy.isVisible()  # busy while the market is checked
    spec = saved.args[0]
    assert spec.params["every"] == "1" and spec.params["quote_amount"] == "20"
    assert core.bots.find("dca via editor") == spec
    bots = window.bots.list
    assert bots.selected_id() == spec.id  # the new bot is selected
    qtbot.mouseClick(bots.start_button, Qt.MouseButton.LeftButton)
    wait_state(qtbot, window, spec, BotState.RUNNING)
    qtbot.waitUntil(lambda: bots.detail.trades_table.rowCount() >= 1, timeout=WAIT_MS)
    assert "Bought " in bots.detail.log_text()
    assert entry(window, spec).pnl is not None


def test_a_budget_below_the_minimum_says_the_minimum_and_keeps_the_input(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    editor = open_editor(qtbot, demo_window)
    choose_market(qtbot, editor)
    fill_dca(editor, "tiny", "1")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    minimum = editor.minimum_label.text()  # "Minimum: 5.55 USDT"-like
    assert editor.message.isVisible() and editor.message.level == "error"
    assert minimum in editor.message.text.text()
    assert editor.save_job is None and core.bots.list() == []
    assert editor.name_edit.text() == "tiny" and editor.budget_edit.text() == "1"
    editor.reject()


def test_errors_from_the_service_are_shown_in_the_dialog(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    make_bot(core, "taken")
    editor = open_editor(qtbot, demo_window)
    choose_market(qtbot, editor)
    fill_dca(editor, "taken", "1000")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.save_job is not None
    wait_job(qtbot, editor.save_job)
    assert "already exists" in editor.message.text.text()
    assert editor.isVisible() and editor.name_edit.text() == "taken"
    assert editor.save_button.isEnabled()
    editor.reject()


def test_strategy_parameters_are_checked_before_anything_is_sent(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    editor = open_editor(qtbot, demo_window)
    choose_market(qtbot, editor)
    editor.name_edit.setText("cross")
    editor.strategy_box.setCurrentIndex(editor.strategy_box.findData("sma_cross"))
    assert set(editor.param_form.fields) >= {"fast", "slow"}
    fast = editor.param_form.field("fast").editor
    slow = editor.param_form.field("slow").editor
    assert isinstance(fast, QSpinBox) and isinstance(slow, QSpinBox)
    assert fast.toolTip()  # the description explains the field
    fast.setValue(30)
    slow.setValue(10)
    editor.budget_edit.setText("1000")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.save_job is None
    assert "shorter" in editor.message.text.text()
    assert core.bots.list() == []
    editor.reject()


def test_the_param_form_reports_unknown_parameters(qtbot: QtBot) -> None:
    form = ParamForm()
    qtbot.add_widget(form)
    form.set_strategy("dca")
    assert form.set_values({"every": "3", "magic": "7"}) == ["magic"]
    assert form.values()["every"] == "3"
    assert "magic" not in form.values()
    edit = form.field("quote_amount").editor
    assert isinstance(edit, QLineEdit)
    edit.setText("")
    qtbot.keyClicks(edit, "12.5")
    assert form.check() and form.values()["quote_amount"] == "12.5"


def test_platforms_are_offered_only_for_the_kinds_their_key_allows(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    add_read_only_binance(core)
    editor = open_editor(qtbot, demo_window)
    names = [editor.platform_box.itemData(i) for i in range(editor.platform_box.count())]
    assert names == ["Binance Ghost", "Demo"]  # both can run Ghost bots
    assert not editor.platform_note.isVisible()
    editor.platform_box.setCurrentIndex(editor.platform_box.findData("Demo"))
    editor.kind_radios[BotKind.TRADER].setChecked(True)
    names = [editor.platform_box.itemData(i) for i in range(editor.platform_box.count())]
    assert names == ["Demo"]
    note = editor.platform_note.text()
    assert "“Binance Ghost” is not listed" in note and "cannot trade" in note
    assert "REAL orders" in editor.kind_hint.text()
    assert editor.save_button.text() == "Create Trader bot"
    for job in (editor.symbols_job, editor.market_job):
        if job is not None:
            wait_job(qtbot, job)
    editor.reject()


def test_editing_a_stopped_bot_keeps_its_id_orders_and_market(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    spec = make_bot(core, "edit me")
    window = demo_window
    bots = window.bots.list
    bots.reload()
    qtbot.waitUntil(lambda: bots.model.find(spec.id) is not None, timeout=WAIT_MS)
    bots.select_bot(spec.id)
    bots.start_bot(spec.id)
    qtbot.waitUntil(lambda: len(core.order_log.orders(spec.id)) >= 1, timeout=WAIT_MS)
    assert not bots.edit_button.isEnabled()  # never while it runs
    with qtbot.wait_signal(window.bots.supervisor.sig_stopped, timeout=WAIT_MS):
        bots.stop_bot(spec.id, OnStop.KEEP)
    orders = len(core.order_log.orders(spec.id))
    qtbot.mouseClick(bots.edit_button, Qt.MouseButton.LeftButton)
    editor = bots.editor
    assert editor is not None and editor.spec == spec
    if editor.symbols_job is not None:
        wait_job(qtbot, editor.symbols_job)
    assert editor.name_edit.text() == "edit me" and editor.symbol() == "BTCUSDT"
    assert editor.param_form.values()["every"] == "1"
    assert not editor.symbol_edit.isEnabled() and not editor.platform_box.isEnabled()
    assert "has orders" in editor.lock_label.text()
    assert editor.save_button.text() == "Save changes"
    editor.name_edit.setText("edited")
    editor.budget_edit.setText("1500")
    every = editor.param_form.field("every").editor
    assert isinstance(every, QSpinBox)
    every.setValue(2)
    with qtbot.wait_signal(editor.sig_saved, timeout=WAIT_MS):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = core.bots.find("edited")
    assert saved.id == spec.id and saved.budget == 1500 and saved.params["every"] == "2"
    assert len(core.order_log.orders(spec.id)) == orders  # its history stays
    assert entry(window, saved).spec.name == "edited"
    assert bots.model.rowCount() == 1


def test_saved_parameters_the_strategy_no_longer_knows_are_named_in_the_right_number(
    qtbot: QtBot, core: Core
) -> None:
    from dataclasses import replace

    from tests.reports.test_parity import ghost

    spec = ghost(core)
    for extra, said in (
        ({"old": "1"}, "The saved parameter old is not known to"),
        ({"old": "1", "older": "2"}, "The saved parameters old, older are not known to"),
    ):
        saved = replace(spec, params={**spec.params, **extra})
        core.bot_store.update(saved)
        editor = BotEditor(core, spec=saved)
        qtbot.add_widget(editor)
        assert editor.message.text.text().startswith(said)
        editor.close()
