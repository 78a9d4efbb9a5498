"""The window and bots another process runs: never written as stopped, never started twice.

The other process is real: ``tests.lock_holder`` holds the bot's lock as ``crypty bot run`` would.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.bots.ownership import Role
from crypty_desktop.domain.bots import UNEXPECTED_ERROR, BotState
from crypty_desktop.gui.bot_models import COL_STATE
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.preferences import AUTO_RESUME, Preferences
from tests.gui.bot_helpers import (
    WAIT_MS,
    add_demo,
    close_window,
    demo_window,
    entry,
    make_bot,
    open_window,
    wait_loaded,
    wait_state,
)
from tests.lock_holder import holding

__all__ = ["demo_window"]
pytestmark = [pytest.mark.gui]

ELSEWHERE_TEXT = "⇄ Running in another Crypty process"


@pytest.mark.parametrize("auto_resume", [False, True])
def test_start_up_leaves_a_bot_another_process_runs_alone(
    qtbot: QtBot, core: Core, no_onboarding: None, auto_resume: bool
) -> None:
    add_demo(core)
    spec = make_bot(core, "cli bot")
    idle = make_bot(core, "left running")  # a crash left it "running": nobody holds it
    core.bot_store.set_state(spec.id, BotState.RUNNING, "", should_run=True)  # as the CLI saves it
    core.bot_store.set_state(idle.id, BotState.RUNNING, "", should_run=False)
    Preferences().set(AUTO_RESUME, auto_resume)
    with holding(core.locks.folder, spec.id, Role.CLI) as cli:
        window = open_window(qtbot, core)
        try:
            assert window.bots.supervisor.running() == []
            assert core.bot_store.state(spec.id) == (BotState.RUNNING, "", True)  # untouched
            assert core.bot_store.state(idle.id)[0] is BotState.STOPPED  # this one was ours
            model = window.bots.list.model
            assert model.index(model.row_of(spec.id), COL_STATE).data() == ELSEWHERE_TEXT
            found = entry(window, spec)
            assert found.elsewhere is not None and found.elsewhere.pid == cli.pid

            assert window.bots.list.start_bot(spec.id) is False
            shown = window.bots.list.message.text.text()
            assert shown.startswith(
                f"Bot “cli bot” is already running in `crypty bot run` (process {cli.pid}) since "
            )
            assert window.bots.supervisor.running() == []
            assert window.bots.list.remove_bot(spec.id, ask=False) is False
            assert core.bots.find("cli bot").id == spec.id
            assert core.bot_store.state(spec.id) == (BotState.RUNNING, "", True)
        finally:
            close_window(window)
    # The other process has ended: the list says so at its next look, and Start works again.
    window = open_window(qtbot, core)
    try:
        assert entry(window, spec).elsewhere is None
    finally:
        close_window(window)


def test_the_list_notices_when_the_other_process_lets_go(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    window = demo_window
    spec = make_bot(core, "shared")
    with holding(core.locks.folder, spec.id, Role.WINDOW):
        window.bots.list.reload()
        wait_loaded(qtbot, window)
        assert entry(window, spec).elsewhere is not None
    window.bots.list._on_elsewhere_check()  # what its timer does every few seconds
    wait_loaded(qtbot, window)
    assert entry(window, spec).elsewhere is None
    assert window.bots.list.start_bot(spec.id)
    wait_state(qtbot, window, spec, BotState.RUNNING)
    owner = core.locks.bot_owner(spec.id)
    assert owner is not None and owner.role is Role.WINDOW and owner.is_this_process


def test_a_worker_that_finds_the_lock_taken_changes_nothing(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    """The other process took the bot between the list's look and the worker's start."""
    window = demo_window
    spec = make_bot(core, "raced")
    window.bots.list.reload()
    wait_loaded(qtbot, window)
    supervisor = window.bots.supervisor
    with holding(core.locks.folder, spec.id, Role.CLI) as cli:
        with qtbot.wait_signal(supervisor.sig_refused, timeout=WAIT_MS) as refused:
            supervisor.start(spec)
        assert refused.args is not None and refused.args[0] == spec.id
        assert f"(process {cli.pid})" in refused.args[1]
        qtbot.waitUntil(lambda: supervisor.running() == [], timeout=WAIT_MS)
        assert core.bot_store.state(spec.id) == (BotState.STOPPED, "", False)  # as created
        assert entry(window, spec).elsewhere is not None
        assert f"(process {cli.pid})" in window.bots.list.message.text.text()


@pytest.mark.logs(r"could not start")
def test_an_unexpected_failure_while_building_ends_in_error(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    window = demo_window
    spec = make_bot(core, "corrupt")
    core.bot_store.save_runtime(spec.id, {"last_candle": "not a number"})  # unreadable state
    window.bots.list.reload()
    wait_loaded(qtbot, window)
    assert window.bots.list.start_bot(spec.id)
    wait_state(qtbot, window, spec, BotState.ERROR)
    qtbot.waitUntil(lambda: window.bots.supervisor.running() == [], timeout=WAIT_MS)
    message = UNEXPECTED_ERROR.format(error="ValueError")
    assert core.bot_store.state(spec.id) == (BotState.ERROR, message, False)
    assert core.locks.bot_owner(spec.id) is None
    assert "Unexpected error: ValueError" in window.bots.list.message.text.text()
