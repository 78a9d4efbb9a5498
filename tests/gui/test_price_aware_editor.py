"""The bot editor knows the market's price: it shows it, suggests a grid around it, and says
beside the fields what the core would refuse, before anything is saved.

The bug: a BTCUSDT grid typed 60–72 instead of 60,000–72,000 was accepted and placed nine buys
at 60–70 USDT; a 150 % stop-loss was accepted; ETHBTC got BTCUSDT's grid defaults.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.gui.amount_field import AmountEdit
from crypty_desktop.gui.bot_editor import BotEditor
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.qt import Qt
from crypty_desktop.strategies.grid import suggested_grid
from tests.gui.bot_helpers import WAIT_MS, demo_window
from tests.gui.platform_helpers import wait_job

__all__ = ["demo_window"]
pytestmark = [pytest.mark.gui]


def open_editor(qtbot: QtBot, window: MainWindow, symbol: str = "BTCUSDT") -> BotEditor:
    qtbot.mouseClick(window.bots.list.new_button, Qt.MouseButton.LeftButton)
    editor = window.bots.list.editor
    assert editor is not None
    if editor.symbols_job is not None:
        wait_job(qtbot, editor.symbols_job)
    editor.name_edit.setText("grid")
    editor.strategy_box.setCurrentIndex(editor.strategy_box.findData("grid"))
    choose(qtbot, editor, symbol)
    return editor


def choose(qtbot: QtBot, editor: BotEditor, symbol: str) -> None:
    editor.symbol_edit.setText(symbol)
    qtbot.waitUntil(
        lambda: editor.market is not None and editor.market.symbol == symbol, timeout=WAIT_MS
    )


def edit(editor: BotEditor, name: str) -> AmountEdit:
    field = editor.param_form.field(name).editor
    assert isinstance(field, AmountEdit)
    return field


def price_of(core: Core, symbol: str) -> Decimal:
    return core.gateway_for(core.platforms.find("Demo")).ticker_price(symbol)


def test_the_editor_shows_the_price_and_suggests_a_grid_around_it(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    editor = open_editor(qtbot, demo_window)
    price = price_of(core, "BTCUSDT")
    assert editor.market is not None and editor.market.price == price
    assert f"last price {price:,} USDT" in editor.market_label.text()
    budget = editor.budget_edit.amount()
    wanted = suggested_grid(price, Decimal("0.01"), editor.market.minimum, budget)
    assert edit(editor, "lower").amount() == wanted["lower"] < price
    assert edit(editor, "upper").amount() == wanted["upper"] > price
    assert not editor.param_note.isVisible() and not editor.param_note.text()

    # What the user typed stays when the market changes; the rest follows ETHBTC's price.
    edit(editor, "lower").setText("0.04")
    edit(editor, "lower").textEdited.emit("0.04")
    choose(qtbot, editor, "ETHBTC")
    eth = price_of(core, "ETHBTC")
    assert edit(editor, "lower").amount() == Decimal("0.04")
    upper = edit(editor, "upper").amount()
    assert upper is not None and eth < upper < eth * 2  # not BTCUSDT's 76,000
    editor.reject()


def test_a_grid_that_misses_the_price_is_named_beside_the_fields_and_refused(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    editor = open_editor(qtbot, demo_window)
    edit(editor, "lower").setText("60")
    edit(editor, "upper").setText("72")
    note = editor.param_note.text()
    assert editor.param_note.isVisibleTo(editor)
    assert "The grid from 60 to 72 USDT does not contain the current BTCUSDT price" in note
    editor.stop_loss_edit.setText("150")
    assert "Stop-loss must be above 0 % and below 100 %." in editor.risk_note.text()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    if editor.save_job is not None:
        wait_job(qtbot, editor.save_job)
    assert core.bots.list() == []  # the core refused it too
    assert "below 100 %" in editor.message.text.text()
    editor.stop_loss_edit.setText("")
    assert not editor.risk_note.text()
    edit(editor, "lower").setText("62,000")
    edit(editor, "upper").setText("76,000")
    editor.budget_edit.setText("1,000")
    edit(editor, "quote_per_level").setText("500")
    assert "needs a budget of 4,500 USDT" in editor.param_note.text()
    editor.reject()
