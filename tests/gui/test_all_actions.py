"""Every action of the main window works from its menu, toolbar or shortcut: none raises.

Found by a user: Bots › New bot… and Ctrl+N always failed ("'bool' object has no attribute
'name'"), because the action's ``triggered(bool)`` argument landed in a ``spec`` parameter. This
triggers every ``QAction`` the window owns, with no bot selected and with one, closes whatever
dialog opens, and fails on any exception that reaches ``sys.excepthook``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import TracebackType

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.gui.jobs import wait_for_jobs
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.qt import QAction, QApplication, QDialog, QTimer
from tests.gui.bot_helpers import WAIT_MS, demo_window, make_bot, wait_loaded

__all__ = ["demo_window"]
pytestmark = [pytest.mark.gui]


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Exceptions raised in slots (PySide6 hands them to ``sys.excepthook``)."""
    seen: list[str] = []

    def hook(kind: type[BaseException], error: BaseException, _tb: TracebackType | None) -> None:
        seen.append(f"{kind.__name__}: {error}")

    monkeypatch.setattr(sys, "excepthook", hook)
    yield seen


def close_dialogs(window: MainWindow) -> None:
    """Close modal boxes (About, questions) and the window's own dialogs that opened."""
    for _ in range(10):
        modal = QApplication.activeModalWidget()
        if modal is None:
            break
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
    dock = window.help_dock
    if dock is not None:
        dock.hide()


def the_actions(window: MainWindow) -> list[QAction]:
    """Every action of the window but Quit (triggered last, it closes the window)."""
    found = [a for a in window.findChildren(QAction) if a is not window.quit_action]
    return [a for a in found if a.isEnabled() and a.isVisible() and not a.menu()]


def trigger_all(qtbot: QtBot, window: MainWindow, errors: list[str]) -> list[str]:
    """Trigger each action, closing what it opens; returns the action names triggered."""
    closer = QTimer()
    closer.setInterval(30)
    closer.timeout.connect(lambda: close_dialogs(window))
    closer.start()  # a modal box runs its own loop: the timer closes it from there
    names = []
    try:
        for action in the_actions(window):
            name = action.text().replace("&", "") or action.objectName() or repr(action)
            names.append(name)
            checked = action.isChecked()
            action.trigger()
            qtbot.wait(60)
            close_dialogs(window)
            assert errors == [], f"“{name}” raised {errors}"
            if action.isCheckable() and action.isChecked() != checked:
                action.trigger()  # put a toggle back (auto-resume, Activity dock)
                qtbot.wait(20)
            assert window.isVisible(), f"“{name}” closed the window"
    finally:
        closer.stop()
    return names


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    supervisor = window.bots.supervisor
    supervisor.stop_all("test", wait_ms=5000)
    qtbot.waitUntil(lambda: supervisor.running() == [], timeout=WAIT_MS)
    assert wait_for_jobs(WAIT_MS)  # adding the demo, loading the bot list: every worker ended
    qtbot.wait(50)  # and their results reached the window


def test_every_action_works_without_a_selected_bot(
    qtbot: QtBot, demo_window: MainWindow, errors: list[str]
) -> None:
    window = demo_window
    view = window.bots.list.view
    view.clearSelection()
    view.setCurrentIndex(view.model().index(-1, -1))
    assert window.bots.list.selected_id() is None
    names = trigger_all(qtbot, window, errors)
    assert "New bot…" in names and "Settings…" in names and "About Crypty Desktop" in names
    assert "Guide" in names and "Copy diagnostics" in names
    wait_idle(qtbot, window)
    assert errors == []


def test_new_bot_from_the_menu_and_its_shortcut_opens_the_editor(
    qtbot: QtBot, demo_window: MainWindow, errors: list[str]
) -> None:
    window = demo_window
    window.bots.new_action.trigger()  # Bots › New bot…
    editor = window.bots.list.editor
    assert errors == [] and editor is not None and editor.isVisible() and editor.spec is None
    editor.reject()
    assert window.bots.new_action.shortcut().toString() == "Ctrl+N"


def test_every_action_works_with_a_selected_bot(
    qtbot: QtBot, demo_window: MainWindow, core: Core, errors: list[str]
) -> None:
    window = demo_window
    spec = make_bot(core, "selected")
    window.bots.list.reload()
    wait_loaded(qtbot, window)
    assert window.bots.list.select_bot(spec.id)
    names = trigger_all(qtbot, window, errors)
    assert {"Start", "Pause", "Stop", "Stop all bots"} <= set(names)
    wait_idle(qtbot, window)
    assert errors == []


def test_quit_closes_the_window(qtbot: QtBot, demo_window: MainWindow, errors: list[str]) -> None:
    window = demo_window
    window.quit_action.trigger()
    assert errors == [] and not window.isVisible()
