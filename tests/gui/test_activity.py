"""The Activity dock: bot decisions and app events, live from the supervisor, filterable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.bots import BotState, Decision, EventKind
from crypty_desktop.gui.activity import MAX_ROWS, ActivityRow, ActivityView
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.qt import Qt
from tests.gui.bot_helpers import WAIT_MS, add_demo, close_window, make_bot, open_window
from tests.gui.platform_helpers import wait_job


@pytest.fixture
def window(qtbot: QtBot, core: Core, no_onboarding: None) -> Iterator[MainWindow]:
    add_demo(core)
    window = open_window(qtbot, core)
    yield window
    close_window(window)


def shown(view: ActivityView, column: int = 3) -> list[str]:
    model = view.proxy
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def test_the_activity_dock_opens_from_the_view_menu(window: MainWindow) -> None:
    extras = window.extras
    assert not extras.activity_dock.isVisible()
    assert extras.activity_action.shortcut().toString() == "Ctrl+Shift+A"
    extras.activity_action.trigger()
    assert extras.activity_dock.isVisible()


def test_a_running_bot_fills_the_activity_live(qtbot: QtBot, window: MainWindow) -> None:
    view = window.extras.activity
    spec = make_bot(window.core, "live-dca")
    window.bots.supervisor.start(spec)
    qtbot.waitUntil(lambda: any(m.startswith("Bought ") for m in shown(view)), timeout=WAIT_MS)
    window.bots.supervisor.stop(spec.id)
    qtbot.waitUntil(lambda: "Bot stopped." in shown(view), timeout=WAIT_MS)
    texts = shown(view)
    assert "Bot started." in texts
    assert set(shown(view, 2)) == {"live-dca"}
    assert window.core.bot_store.state(spec.id)[0] is BotState.STOPPED


def test_filter_by_bot_and_by_level(window: MainWindow) -> None:
    view = window.extras.activity
    one = make_bot(window.core, "one")
    two = make_bot(window.core, "two")
    t = 1_700_000_000_000
    view.add_decision(Decision(one.id, t, "buy", "buy 20 USDT at market", EventKind.ORDER))
    view.add_decision(
        Decision(two.id, t + 60_000, "refused", "below the minimum", EventKind.REFUSED)
    )
    unreachable = Decision(
        two.id, t + 120_000, "error", "Binance could not be reached", EventKind.ERROR
    )
    view.add_decision(unreachable)
    # A stop-loss worded as nothing in particular is still a warning: its kind says so.
    view.add_decision(Decision(one.id, t + 180_000, "risk", "…", EventKind.STOP_LOSS))
    view.add_event("info", "Platform added.")
    assert len(shown(view)) == 5
    view.bot_box.setCurrentIndex(view.bot_box.findData(two.id))
    assert shown(view) == ["below the minimum", "Binance could not be reached"]
    view.level_box.setCurrentIndex(view.level_box.findData("error"))
    assert shown(view) == ["Binance could not be reached"]
    assert shown(view, 1) == ["✗ Error"]  # the level in a word, never colour alone
    view.bot_box.setCurrentIndex(0)
    view.level_box.setCurrentIndex(view.level_box.findData("warning"))
    assert shown(view) == ["below the minimum", "Binance could not be reached", "…"]
    view.level_box.setCurrentIndex(0)
    assert shown(view, 2)[-1] == "App"


def test_past_decisions_are_read_in_the_background(
    qtbot: QtBot, core: Core, no_onboarding: None
) -> None:
    add_demo(core)
    spec = make_bot(core, "veteran")
    core.bot_store.add_decision(Decision(spec.id, 1_600_000_000_000, "buy", "an old buy"))
    window = open_window(qtbot, core)
    try:
        view = window.extras.activity
        if view.history_job is not None:
            wait_job(qtbot, view.history_job)
        assert "an old buy" in shown(view)
        assert view.bot_box.findData(spec.id) > 0
    finally:
        close_window(window)


def test_the_list_keeps_the_newest_rows(qtbot: QtBot, core: Core) -> None:
    view = ActivityView(core)
    qtbot.add_widget(view)
    view.model.add([ActivityRow(i, "info", "", f"row {i}") for i in range(MAX_ROWS + 5)])
    assert view.model.rowCount() == MAX_ROWS
    assert view.model.rows[0].message == "row 5"
    assert view.model.data(view.model.index(0, 2), Qt.ItemDataRole.DisplayRole) == "App"
