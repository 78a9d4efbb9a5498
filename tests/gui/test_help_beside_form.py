"""The guide stays usable beside the Platforms add form (a modal form would freeze it)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.qt import QApplication


def test_add_binance_key_leaves_the_guide_usable(qtbot: QtBot, core: Core) -> None:
    window = MainWindow(core)
    qtbot.addWidget(window)
    window.show()
    dialog = window.add_binance_key()
    form = dialog.form
    assert form is not None and form.isVisible()
    assert QApplication.activeModalWidget() is None  # nothing blocks the main window and its dock
    pane = window.show_help("ip-restriction")
    assert pane is not None and pane.isEnabled() and not window.isHidden()
    assert not dialog.add_button.isEnabled()  # the Platforms window waits for the form
    form.reject()
    qtbot.waitUntil(lambda: dialog.add_button.isEnabled())
