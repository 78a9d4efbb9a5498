"""Bots and the window's life: closing with bots running asks, and bots resume on the next start."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.bots import RESUMED_TRADER, BotKind, BotState
from crypty_desktop.gui import bot_control
from crypty_desktop.gui.bot_control import QUIT_REASON
from crypty_desktop.gui.bot_models import COL_STATE, WAS_RUNNING
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.preferences import AUTO_RESUME, Preferences
from crypty_desktop.gui.qt import QApplication
from tests.gui.bot_helpers import (
    WAIT_MS,
    add_demo,
    answer_next_box,
    close_window,
    demo_window,
    entry,
    make_bot,
    open_window,
    wait_state,
)

__all__ = ["demo_window"]
pytestmark = [pytest.mark.gui]


def start_and_wait(qtbot: QtBot, window: MainWindow, name: str, core: Core) -> str:
    spec = make_bot(core, name)
    window.bots.list.reload()
    qtbot.waitUntil(lambda: window.bots.list.model.find(spec.id) is not None, timeout=WAIT_MS)
    assert window.bots.list.start_bot(spec.id)
    wait_state(qtbot, window, spec, BotState.RUNNING)
    return spec.id


def test_closing_with_running_bots_asks_and_cancel_keeps_them(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    window = demo_window
    bot_id = start_and_wait(qtbot, window, "runner", core)
    seen = answer_next_box("Cancel")
    assert window.close() is False
    assert "1 bot is running." in seen
    assert "Stop bots and quit" in seen
    assert "Keep running in the background" not in seen  # no system tray here
    assert window.isVisible() and window.bots.supervisor.running() == [bot_id]

    seen = answer_next_box("Stop bots and quit")
    assert window.close() is True
    assert window.bots.supervisor.running() == []
    # Stopped for the exit: it comes back on the next start when auto-resume is on.
    assert core.bot_store.state(bot_id) == (BotState.STOPPED, QUIT_REASON, True)


def test_keep_running_in_the_background_is_offered_with_a_tray(
    qtbot: QtBot, demo_window: MainWindow, core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bot_control, "tray_available", lambda: True)
    window = demo_window
    bot_id = start_and_wait(qtbot, window, "night owl", core)
    try:
        with qtbot.wait_signal(window.bots.sig_background_requested, timeout=WAIT_MS):
            answer_next_box("Keep running in the background")
            assert window.close() is False
        assert not window.isVisible()
        assert window.bots.supervisor.running() == [bot_id]  # still trading
    finally:
        QApplication.setQuitOnLastWindowClosed(True)


def test_without_auto_resume_bots_show_they_were_running(
    qtbot: QtBot, core: Core, no_onboarding: None
) -> None:
    add_demo(core)
    spec = make_bot(core, "was on")
    core.bot_store.set_state(spec.id, BotState.STOPPED, QUIT_REASON, should_run=True)
    window = open_window(qtbot, core)
    try:
        assert window.bots.supervisor.running() == []
        assert not window.bots.auto_resume_action.isChecked()
        model = window.bots.list.model
        row = model.row_of(spec.id)
        assert model.index(row, COL_STATE).data() == f"■ Stopped ({WAS_RUNNING})"
        assert core.bot_store.to_resume() == []  # asked once; not again next time
    finally:
        close_window(window)


def test_auto_resume_brings_bots_back_on_the_next_start(
    qtbot: QtBot, core: Core, no_onboarding: None
) -> None:
    add_demo(core)
    first = open_window(qtbot, core)
    try:
        first.bots.auto_resume_action.setChecked(True)  # Bots › Resume bots on start
        assert Preferences().get(AUTO_RESUME) is True
        ghost_id = start_and_wait(qtbot, first, "ghosty", core)
        trader = make_bot(core, "trady", kind=BotKind.TRADER)
        first.bots.list.reload()
        qtbot.waitUntil(lambda: first.bots.list.model.find(trader.id) is not None)
        answer_next_box("Start Trader bot")
        assert first.bots.list.start_bot(trader.id)
        wait_state(qtbot, first, trader, BotState.RUNNING)
        answer_next_box("Stop bots and quit")
        assert first.close() is True
        assert first.bots.supervisor.running() == []
    finally:
        close_window(first)

    second = open_window(qtbot, core)  # the app starts again: no question, they resume
    try:
        assert sorted(second.bots.supervisor.running()) == sorted([ghost_id, trader.id])
        wait_state(qtbot, second, trader, BotState.RUNNING)
        decisions = [d.message for d in core.bot_store.decisions(trader.id)]
        assert RESUMED_TRADER in decisions  # confirmed when first started: said, not asked
        second.bots.list.select_bot(trader.id)
        qtbot.waitUntil(lambda: RESUMED_TRADER in second.bots.list.detail.log_text())
        assert entry(second, trader).state is BotState.RUNNING
    finally:
        close_window(second)
