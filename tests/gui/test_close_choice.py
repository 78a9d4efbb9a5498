"""What closing the window does with running bots is shown and changed in Settings; Quit quits.

Found by a user: after answering "Keep running in the background" once, File › Quit only hid the
window, and nothing showed that choice or let it be changed.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.bots import BotState
from crypty_desktop.gui import extras
from crypty_desktop.gui import preferences as prefs
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.preferences import Preferences
from crypty_desktop.gui.qt import QApplication
from tests.gui.bot_helpers import WAIT_MS, demo_window, make_bot, wait_loaded, wait_state

__all__ = ["demo_window"]
pytestmark = [pytest.mark.gui]


def test_the_remembered_answer_is_shown_and_changed_in_settings(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    Preferences().set(prefs.CLOSE_ACTION, prefs.CLOSE_BACKGROUND)
    dialog = demo_window.extras.open_settings()
    box = dialog.close_box
    assert box.isVisibleTo(dialog) and box.currentData() == prefs.CLOSE_BACKGROUND
    assert "background" in box.currentText()
    assert "File › Quit always quits" in box.toolTip()
    box.setCurrentIndex(box.findData(prefs.CLOSE_ASK))
    with qtbot.wait_signal(dialog.sig_applied) as applied:
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert prefs.CLOSE_ACTION.key in applied.args[0]
    assert Preferences().get(prefs.CLOSE_ACTION) == prefs.CLOSE_ASK


def test_quit_quits_even_when_closing_keeps_bots_in_the_background(
    qtbot: QtBot, demo_window: MainWindow, core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extras, "tray_available", lambda: True)
    window = demo_window
    Preferences().set(prefs.CLOSE_ACTION, prefs.CLOSE_BACKGROUND)
    spec = make_bot(core, "runner")
    window.bots.list.reload()
    wait_loaded(qtbot, window)
    assert window.bots.list.start_bot(spec.id)
    wait_state(qtbot, window, spec, BotState.RUNNING)
    window.quit_action.trigger()  # File › Quit, Ctrl+Q
    assert not window.isVisible()
    qtbot.waitUntil(lambda: window.bots.supervisor.running() == [], timeout=WAIT_MS)
    assert QApplication.quitOnLastWindowClosed()  # not left waiting in the background
    assert Preferences().get(prefs.CLOSE_ACTION) == prefs.CLOSE_BACKGROUND  # still remembered
