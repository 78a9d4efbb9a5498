"""The help pane and the wizard inside the main window: F1, guide actions, first run."""

from __future__ import annotations

from pathlib import Path

import pytest

from crypty_desktop.app import Core
from crypty_desktop.domain.platform import PlatformType
from crypty_desktop.gui.help_pane import HelpPane
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.onboarding import NO_ONBOARDING_ENV
from crypty_desktop.gui.preferences import LANGUAGE, ONBOARDING_DONE, Preferences
from crypty_desktop.gui.qt import Qt, QWizard
from crypty_desktop.help import LOSS_LIMIT_TOPIC
from tests.gui.test_help_labels import user_qsettings as user_qsettings  # noqa: F401
from tests.gui.test_help_pane import click_link

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support")]


@pytest.fixture
def window(qtbot, core: Core, no_onboarding: None, user_qsettings: Path) -> MainWindow:
    widget = MainWindow(core)
    qtbot.add_widget(widget)
    widget.show()
    qtbot.wait_until(lambda: widget.keychain_job is None or widget.keychain_job.done)
    return widget


def pane_of(window: MainWindow) -> HelpPane:
    assert window.help_dock is not None
    return window.help_dock


def test_f1_toggles_the_pane(qtbot, window: MainWindow) -> None:
    assert window.help_dock is None  # made on first use
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    pane = pane_of(window)
    assert pane.isVisible()
    assert window.dockWidgetArea(pane) == Qt.DockWidgetArea.RightDockWidgetArea
    window.help_action.trigger()
    assert not pane.isVisible()
    window.help_action.trigger()
    assert pane.isVisible()


def test_help_menu_has_the_guide_and_getting_started(window: MainWindow) -> None:
    texts = [a.text() for a in window.help_menu.actions() if a.text()]
    assert texts[:2] == ["&Guide", "Getting started…"]


def test_show_help_opens_a_topic_and_an_anchor(window: MainWindow) -> None:
    pane = window.show_help("add-key#use-a-key-pair-made-here")
    assert (pane.current_topic, pane.current_anchor) == ("add-key", "use-a-key-pair-made-here")
    window.show_help(None)
    assert pane.current_topic == "add-key"


def test_add_platform_link_opens_the_add_form_for_binance(qtbot, window: MainWindow) -> None:
    pane = window.show_help("ghost-key")
    click_link(qtbot, pane.browser, "crypty:add-platform?type=binance")
    dialog = window.platforms_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.form is not None and dialog.form.isVisible()
    assert dialog.form.platform_type is PlatformType.BINANCE
    assert pane.isVisible()  # the guide stays beside the form
    dialog.form.reject()


def test_testnet_link_opens_the_add_form_for_the_testnet(qtbot, window: MainWindow) -> None:
    pane = window.show_help("testnet")
    click_link(qtbot, pane.browser, "crypty:add-platform?type=binance-testnet")
    dialog = window.platforms_dialog
    assert dialog is not None and dialog.form is not None
    assert dialog.form.platform_type is PlatformType.BINANCE_TESTNET
    dialog.form.reject()


def test_open_platforms_link(qtbot, window: MainWindow) -> None:
    pane = window.show_help("add-key")
    click_link(qtbot, pane.browser, "crypty:open-platforms")
    dialog = window.platforms_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.form is None


def test_the_form_help_link_opens_the_guide(qtbot, window: MainWindow) -> None:
    form = window.open_platforms().open_add_form(PlatformType.BINANCE)
    form.help_link.linkActivated.emit("add-key")
    assert pane_of(window).current_topic == "add-key"
    assert pane_of(window).isVisible()
    form.reject()


def test_getting_started_link_and_demo_path(qtbot, window: MainWindow, core: Core) -> None:
    pane = window.show_help("demo")
    click_link(qtbot, pane.browser, "crypty:getting-started")
    wizard = window.onboarding
    assert wizard is not None and wizard.isVisible()
    wizard.language_page.buttons["fr"].setChecked(True)
    wizard.next()
    assert pane.language == "fr"  # the guide follows the language chosen
    with qtbot.wait_signal(window.sig_platforms_changed, timeout=15_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert [(p.name, p.type) for p in core.platforms.list()] == [("Demo", PlatformType.SIMULATED)]
    assert window.platforms_label.text() == "1 platform"
    assert window.onboarding is None


def test_connect_path_opens_platforms_with_the_guide(qtbot, window: MainWindow) -> None:
    window.getting_started_action.trigger()
    wizard = window.onboarding
    assert wizard is not None
    wizard.next()
    wizard.start_page.binance_button.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert window.platforms_dialog is not None and window.platforms_dialog.isVisible()
    pane = pane_of(window)
    assert pane.isVisible() and pane.current_topic == "ghost-key"


def test_first_run_opens_the_wizard_once(
    qtbot, core: Core, user_qsettings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(NO_ONBOARDING_ENV, raising=False)
    window = MainWindow(core)
    qtbot.add_widget(window)
    window.open_onboarding_if_first_run()
    wizard = window.onboarding
    assert wizard is not None and wizard.isVisible()
    wizard.reject()  # Skip
    assert Preferences().get(ONBOARDING_DONE) is True
    assert window.onboarding is None
    window.open_onboarding_if_first_run()
    assert window.onboarding is None


def test_no_onboarding_env_keeps_it_closed(
    qtbot, core: Core, user_qsettings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(NO_ONBOARDING_ENV, "1")
    window = MainWindow(core)
    qtbot.add_widget(window)
    window.open_onboarding_if_first_run()
    assert window.onboarding is None
    assert Preferences().get(LANGUAGE) == ""  # nothing chosen


@pytest.mark.parametrize(
    ("type_", "topic"),
    [
        (PlatformType.BINANCE, "add-key"),
        (PlatformType.BINANCE_TESTNET, "testnet"),
        (PlatformType.SIMULATED, "demo"),
    ],
)
def test_form_question_mark_opens_the_section_for_the_type(
    qtbot, window: MainWindow, type_: PlatformType, topic: str
) -> None:
    form = window.open_platforms().open_add_form(type_)
    qtbot.mouseClick(form.help_button, Qt.MouseButton.LeftButton)
    pane = pane_of(window)
    assert pane.isVisible()
    assert (pane.current_topic, pane.current_anchor) == (topic, "")
    assert form.isVisible()  # asking for help does not close the form
    form.reject()


def test_form_question_mark_with_a_key_pair_opens_that_section(qtbot, window: MainWindow) -> None:
    form = window.open_platforms().open_add_form(PlatformType.BINANCE)
    form.keypair_check.setChecked(True)
    qtbot.mouseClick(form.help_button, Qt.MouseButton.LeftButton)
    pane = pane_of(window)
    assert (pane.current_topic, pane.current_anchor) == ("add-key", "use-a-key-pair-made-here")
    form.reject()


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "A daily loss limit per platform"),
        ("fr", "Une perte maximale par jour et par plateforme"),
    ],
)
def test_the_loss_limit_link_opens_its_section_in_the_guide_s_language(
    qtbot, window: MainWindow, language: str, heading: str
) -> None:
    """The link under the daily loss limit names the English heading; the French guide scrolls
    to the same heading in French."""
    window.show_help("index").set_language(language)
    form = window.open_platforms().open_add_form(PlatformType.BINANCE)
    assert form.loss_limit_help.isVisible()
    assert LOSS_LIMIT_TOPIC in form.loss_limit_help.text()
    with qtbot.wait_signal(form.sig_help_requested) as asked:
        form.loss_limit_help.linkActivated.emit(LOSS_LIMIT_TOPIC)
    assert asked.args == [LOSS_LIMIT_TOPIC]
    pane = pane_of(window)
    assert pane.current_topic == "protection"
    assert pane.browser.textCursor().block().text() == heading
    qtbot.wait_until(lambda: pane.browser.verticalScrollBar().value() > 0)
    form.reject()


def test_no_loss_limit_link_for_public_prices(window: MainWindow) -> None:
    form = window.open_platforms().open_add_form(PlatformType.BINANCE_PUBLIC)
    assert not form.loss_limit_help.isVisible()  # no Trader bot there, no loss to limit
    form.reject()
