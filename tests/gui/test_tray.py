"""The tray menu (running bots, Show, Stop all, Quit), notifications shown as tray balloons or
toasts, and the remembered answer to closing the window with bots running.

Offscreen there is no system tray: the tray-specific asserts are skipped here (test_tray_real runs
them on a real X display with a tray); the logic behind the menu runs through the same methods the
menu calls.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.bots import BotKind, BotState, EventKind
from crypty_desktop.gui import preferences as prefs
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.preferences import Preferences
from crypty_desktop.gui.qt import QApplication, QTimer
from crypty_desktop.gui.tray import notification_words, tray_available
from crypty_desktop.notifications import Notification, NotificationKind
from tests.gui.bot_helpers import (
    WAIT_MS,
    add_demo,
    answer_next_box,
    close_window,
    make_bot,
    open_window,
    wait_holding,
    wait_state,
)


@pytest.fixture
def window(qtbot: QtBot, core: Core, no_onboarding: None) -> Iterator[MainWindow]:
    add_demo(core)
    window = open_window(qtbot, core)
    yield window
    QApplication.setQuitOnLastWindowClosed(True)
    close_window(window)


def menu_texts(window: MainWindow) -> list[str]:
    tray = window.extras.tray
    tray.rebuild_menu()
    return [a.text().replace("&", "").strip() for a in tray.menu.actions() if a.text()]


def start(qtbot: QtBot, window: MainWindow, name: str, kind: BotKind = BotKind.GHOST) -> str:
    spec = make_bot(window.core, name, kind)
    window.bots.list.reload()
    window.bots.supervisor.start(spec)
    wait_state(qtbot, window, spec, BotState.RUNNING)
    return spec.id


def test_menu_without_running_bots(window: MainWindow) -> None:
    texts = menu_texts(window)
    assert texts == [
        "No bot running",
        "Show Crypty Desktop",
        "Stop all bots",
        "Make everything safe…",
        "Quit",
    ]
    assert not window.extras.tray.stop_all_action.isEnabled()


def test_menu_lists_running_bots_and_stop_all_stops_them(qtbot: QtBot, window: MainWindow) -> None:
    start(qtbot, window, "zeta")
    start(qtbot, window, "alpha")
    texts = menu_texts(window)
    assert texts[:3] == ["2 bots running", "alpha", "zeta"]
    tray = window.extras.tray
    assert tray.stop_all_action.isEnabled()
    for name in ("alpha", "zeta"):
        wait_holding(qtbot, window, window.core.bots.find(name))
    answer_next_box("Keep orders")  # they hold BTC: Stop all asks once what to do with it
    tray.stop_all_action.trigger()
    qtbot.waitUntil(lambda: window.bots.supervisor.running() == [], timeout=WAIT_MS)
    assert menu_texts(window)[0] == "No bot running"


def test_show_brings_the_window_back(qtbot: QtBot, window: MainWindow) -> None:
    window.hide()
    window.extras.tray.show_window()
    assert window.isVisible()


def test_quit_stops_bots_gracefully_to_resume_later(qtbot: QtBot, window: MainWindow) -> None:
    bot_id = start(qtbot, window, "resumable")
    quits: list[bool] = []
    window.extras.tray.sig_quit_requested.connect(lambda: quits.append(True))
    window.extras.tray.quit()  # no event loop runs here: QApplication.quit() is a no-op
    assert quits == [True]
    assert window.bots.supervisor.running() == []
    state, _reason, should_run = window.core.bot_store.state(bot_id)
    assert state is BotState.STOPPED and should_run  # back at the next start (auto-resume)
    assert Preferences().settings.contains("window/geometry")  # state saved on the way out


def test_the_tray_icon_when_the_desktop_has_one(window: MainWindow) -> None:
    if not tray_available():
        pytest.skip("no system tray on this platform (offscreen)")
    icon = window.extras.tray.icon
    assert icon is not None and icon.isVisible()
    assert icon.contextMenu() is window.extras.tray.menu


def test_a_notification_is_a_toast_without_a_tray(qtbot: QtBot, window: MainWindow) -> None:
    presenter = window.extras.presenter
    notice = Notification(
        NotificationKind.KEY_FAILED,
        "Binance",
        "Binance refused the key…",
        "error",
        help_topic="ip-restriction",
    )
    presenter.present(notice)
    if window.extras.tray.icon is None:
        assert presenter.last_channel == "toast"
        toast = presenter.toast
        assert toast.isVisible() and toast.title.text() == "Binance: Binance refused the key"
        assert toast.help_button.isVisible()
        with qtbot.wait_signal(toast.sig_help_requested):
            toast.help_button.click()
        assert window.help_dock is not None and window.help_dock.current_topic == "ip-restriction"
    else:
        assert presenter.last_channel == "tray"


def test_a_bot_stopped_by_a_risk_limit_notifies_unless_turned_off(
    qtbot: QtBot, window: MainWindow
) -> None:
    spec = make_bot(window.core, "risky")
    supervisor = window.bots.supervisor
    presenter = window.extras.presenter
    why = "Stop-loss: price 50 is 5% or more below the entry"
    supervisor.sig_failed.emit(spec.id, why, EventKind.STOP_LOSS.value)
    assert [n.kind for n in presenter.shown] == [NotificationKind.BOT_STOPPED]
    assert notification_words(presenter.shown[0])[0] == "risky stopped by a risk limit"
    Preferences().set(prefs.NOTIFY[NotificationKind.BOT_STOPPED], False)
    other = make_bot(window.core, "quiet")
    supervisor.sig_failed.emit(other.id, "Unexpected error: ValueError", EventKind.ERROR.value)
    assert len(presenter.shown) == 1


def _no_box_opens(seen: list[str]) -> None:
    def look() -> None:
        if QApplication.activeModalWidget() is not None:
            seen.append("a box opened")
            QApplication.activeModalWidget().close()

    QTimer.singleShot(0, look)


@pytest.fixture
def with_tray(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a desktop with a tray (the question offers "Keep running in the background")."""
    monkeypatch.setattr("crypty_desktop.gui.bot_control.tray_available", lambda: True)
    monkeypatch.setattr("crypty_desktop.gui.extras.tray_available", lambda: True)


def test_keep_running_in_the_background_is_asked_once_and_remembered(
    qtbot: QtBot, window: MainWindow, with_tray: None
) -> None:
    start(qtbot, window, "night-owl")
    seen = answer_next_box("Keep running in the background")
    window.close()
    assert "Keep running in the background" in seen
    assert not window.isVisible() and window.bots.supervisor.running() != []
    assert Preferences().get(prefs.CLOSE_ACTION) == prefs.CLOSE_BACKGROUND
    window.extras.tray.show_window()
    again: list[str] = []
    _no_box_opens(again)
    window.close()
    qtbot.wait(50)
    assert again == [] and not window.isVisible() and window.bots.supervisor.running() != []


def test_stop_and_quit_is_remembered_too(qtbot: QtBot, window: MainWindow, with_tray: None) -> None:
    start(qtbot, window, "early-bird")
    answer_next_box("Stop bots and quit")
    window.close()
    assert window.bots.supervisor.running() == []
    assert Preferences().get(prefs.CLOSE_ACTION) == prefs.CLOSE_STOP
    window.show()
    start(qtbot, window, "early-bird-2")
    again: list[str] = []
    _no_box_opens(again)
    window.close()
    qtbot.wait(50)
    assert again == [] and window.bots.supervisor.running() == []


def test_a_toast_is_tall_enough_for_its_wrapped_text(window: MainWindow) -> None:
    toast = window.extras.presenter.toast
    text = "Bought 0.00035 BTC at 69491.99 USDT (fee 0.00000035 BTC). " * 3
    toast.show_notice("BTC dips: buy order filled", text.strip())
    title, body = toast.title.geometry(), toast.text.geometry()
    assert title.bottom() < body.top(), "the title and the text overlap"
    assert body.height() >= toast.text.heightForWidth(body.width())
    assert body.bottom() < toast.height()
