"""The main window: the empty state that teaches, the demo, the status bar, the menus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from keyring.backends.fail import Keyring as FailKeyring
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core, build_core
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.platform import PlatformType
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.qt import Qt
from crypty_desktop.settings import Settings
from tests.gui.platform_helpers import wait_job


def make_window(qtbot: QtBot, core: Core) -> MainWindow:
    window = MainWindow(core)
    qtbot.add_widget(window)
    window.show()
    wait_job(qtbot, window.keychain_job)
    return window


@pytest.fixture
def window(qtbot: QtBot, core: Core, no_onboarding: None) -> MainWindow:
    return make_window(qtbot, core)


def menu_titles(window: MainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions()]


def test_empty_state_says_what_to_do_first(window: MainWindow) -> None:
    page = window.bots_page
    assert window.pages.currentWidget() is page
    assert page.content.currentWidget() is page.empty_state
    assert page.empty_state.demo_button.text() == "Try the demo"
    assert page.empty_state.binance_button.text() == "Add a Binance key"
    assert "offline demo" in page.empty_state.text.text()
    assert window.platforms_label.text() == "No platform yet"
    assert window.keychain_label.text() == "Keychain: OK"
    assert not window.data_label.isVisible()


def test_menus_and_navigation(window: MainWindow) -> None:
    assert menu_titles(window) == ["File", "Bots", "Platforms", "View", "Help"]
    assert window.quit_action.text() == "&Quit"
    assert window.manage_platforms_action.text() == "&Manage platforms…"
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Dashboard",
        "Bots",
        "Backtests",
        "Platforms",
    ]
    window.nav.setCurrentRow(0)
    assert window.pages.currentWidget() is window.dashboard_page
    assert window.help_dock is None
    window.show_help("add-key")  # the hook the help pane plugs into
    window.show_help(None)


def test_try_the_demo_adds_the_demo_platform(qtbot: QtBot, window: MainWindow, core: Core) -> None:
    qtbot.mouseClick(window.bots_page.empty_state.demo_button, Qt.MouseButton.LeftButton)
    assert not window.bots_page.empty_state.demo_button.isEnabled()  # busy while it works
    with qtbot.wait_signal(window.sig_platforms_changed, timeout=15_000):
        pass
    platforms = core.platforms.list()
    assert [(p.name, p.type) for p in platforms] == [("Demo", PlatformType.SIMULATED)]
    page = window.bots_page
    assert page.content.currentWidget() is window.bots.list  # the bot list, once a platform exists
    assert window.platforms_label.text() == "1 platform"
    assert window.data_label.isVisible() and window.data_label.text() == "Demo data: offline"
    assert window.platforms_page.table.rowCount() == 1


def test_trying_the_demo_twice_keeps_one_demo(qtbot: QtBot, window: MainWindow, core: Core) -> None:
    wait_job(qtbot, window.try_demo())
    wait_job(qtbot, window.try_demo())
    assert [p.name for p in core.platforms.list()] == ["Demo"]


def test_add_a_binance_key_opens_the_add_form(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(window.bots_page.empty_state.binance_button, Qt.MouseButton.LeftButton)
    dialog = window.platforms_dialog
    assert dialog is not None and dialog.isVisible()
    form = dialog.form
    assert form is not None and form.isVisible()
    assert form.platform_type is PlatformType.BINANCE
    assert form.access_edit.isVisible() and form.secret.edit.isVisible()
    form.reject()


def test_platform_changes_in_the_dialog_update_the_window(
    qtbot: QtBot, window: MainWindow, core: Core
) -> None:
    window.manage_platforms_action.trigger()
    dialog = window.platforms_dialog
    assert dialog is not None and dialog.isVisible()
    form = dialog.open_add_form(PlatformType.SIMULATED)
    form.name_edit.setText("Replay")
    with qtbot.wait_signal(window.sig_platforms_changed, timeout=15_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert window.platforms_label.text() == "1 platform"
    cards = window.dashboard_page.cards.values()
    assert [c.platform.name for c in cards] == ["Replay"]  # a balances card per platform


@pytest.fixture
def core_without_keychain(settings: Settings) -> Iterator[Core]:
    c = build_core(settings, CredentialStore(FailKeyring()))
    yield c
    c.close()


def test_missing_keychain_is_a_clear_warning(
    qtbot: QtBot, core_without_keychain: Core, no_onboarding: None
) -> None:
    window = make_window(qtbot, core_without_keychain)
    assert window.keychain_ok is False
    assert window.keychain_label.text().startswith("⚠ Keychain unavailable")
    assert "never writes keys to a plain file" in window.keychain_label.toolTip()
