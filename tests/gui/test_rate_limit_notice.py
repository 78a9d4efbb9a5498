"""A rate-limit pause is news even when no bot runs into it (a platform check, a chart)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.errors import IpBanned, RateLimited
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.qt import QApplication
from crypty_desktop.gui.tray import notification_words
from crypty_desktop.notifications import Notification, NotificationKind
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.gui.bot_helpers import close_window, open_window

KEY = "K" * 64
SECRET = "S" * 64


@pytest.fixture
def window(
    qtbot: QtBot, binance_core: Core, fake_binance: FakeBinance, no_onboarding: None
) -> Iterator[MainWindow]:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    binance_core.platforms.add(
        "Main", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.GHOST
    )
    window = open_window(qtbot, binance_core)
    yield window
    QApplication.setQuitOnLastWindowClosed(True)
    close_window(window)


def refused_then_seen(
    qtbot: QtBot, window: MainWindow, fake: FakeBinance, status: int, retry_after: str
) -> tuple[list[object], list[Notification]]:
    """Binance answers a platform call with ``status``; the status bar's next refresh sees it.

    Returns the status bar's ``sig_paused`` arguments and the rate-limit notifications shown.
    """
    core = window.core
    gateway = core.gateway_for(core.platforms.find("Main"))
    fake.fail_next("/api/v3/account", status=status, headers={"Retry-After": retry_after})
    with pytest.raises(RateLimited if status == 429 else IpBanned):
        gateway.balances()
    with qtbot.wait_signal(window.connection_label.sig_paused, timeout=5000) as paused:
        window.connection_label.refresh()
    return paused.args, rate_notices(window)


def rate_notices(window: MainWindow) -> list[Notification]:
    shown = window.extras.presenter.shown
    return [n for n in shown if n.kind is NotificationKind.RATE_LIMITED]


def test_a_429_pauses_requests_and_says_so_once(
    qtbot: QtBot, window: MainWindow, fake_binance: FakeBinance
) -> None:
    (platform, seconds, banned), notices = refused_then_seen(qtbot, window, fake_binance, 429, "40")
    assert platform == "Main" and 30 < seconds <= 40 and not banned
    [notice] = notices
    assert notice.subject == "Main"
    assert notice.detail.startswith("Binance asked the app to slow down; requests resume in")
    assert "paused by the rate limit" in window.connection_label.text()
    window.connection_label.refresh()  # the same pause again: no second notice
    assert len(rate_notices(window)) == 1


def test_a_418_ban_is_told_as_a_block_with_its_minutes(
    qtbot: QtBot, window: MainWindow, fake_binance: FakeBinance
) -> None:
    args, [notice] = refused_then_seen(qtbot, window, fake_binance, 418, "600")
    assert args[0] == "Main" and args[2] is True
    title, text = notification_words(notice)
    assert title == "Main: Binance blocked requests for a while"
    assert text.endswith("they resume in 10 min.")
