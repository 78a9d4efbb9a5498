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
from crypty_desktop.notifications import NotificationKind
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


def test_a_429_pauses_requests_and_says_so_once(
    qtbot: QtBot, window: MainWindow, fake_binance: FakeBinance
) -> None:
    core = window.core
    gateway = core.gateway_for(core.platforms.find("Main"))
    fake_binance.fail_next("/api/v3/account", status=429, headers={"Retry-After": "40"})
    with pytest.raises(RateLimited):
        gateway.balances()
    presenter = window.extras.presenter
    label = window.connection_label
    with qtbot.wait_signal(label.sig_paused, timeout=5000) as paused:
        label.refresh()
    platform, seconds, banned = paused.args
    assert platform == "Main" and 30 < seconds <= 40 and not banned
    [notice] = [n for n in presenter.shown if n.kind is NotificationKind.RATE_LIMITED]
    assert notice.subject == "Main"
    assert notice.detail.startswith("Binance asked the app to slow down; requests resume in")
    assert "paused by the rate limit" in label.text()
    label.refresh()  # the same pause again: no second notice
    assert len([n for n in presenter.shown if n.kind is NotificationKind.RATE_LIMITED]) == 1


def test_a_418_ban_is_told_as_a_block_with_its_minutes(
    qtbot: QtBot, window: MainWindow, fake_binance: FakeBinance
) -> None:
    core = window.core
    gateway = core.gateway_for(core.platforms.find("Main"))
    fake_binance.fail_next("/api/v3/account", status=418, headers={"Retry-After": "600"})
    with pytest.raises(IpBanned):
        gateway.balances()
    label = window.connection_label
    with qtbot.wait_signal(label.sig_paused, timeout=5000) as paused:
        label.refresh()
    assert paused.args[0] == "Main" and paused.args[2] is True
    [notice] = [n for n in window.extras.presenter.shown if n.kind is NotificationKind.RATE_LIMITED]
    title, text = notification_words(notice)
    assert title == "Main: Binance blocked requests for a while"
    assert text.endswith("they resume in 10 min.")
