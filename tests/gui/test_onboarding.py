"""The first-run wizard: language, then the demo or Binance; skippable; shown once."""

from __future__ import annotations

from pathlib import Path

import pytest

from crypty_desktop.app import Core
from crypty_desktop.domain.platform import PlatformType
from crypty_desktop.gui.onboarding import (
    DEMO_NAME,
    NO_ONBOARDING_ENV,
    OnboardingWizard,
    create_demo_platform,
    should_show_onboarding,
)
from crypty_desktop.gui.preferences import LANGUAGE, ONBOARDING_DONE, Preferences
from crypty_desktop.gui.qt import QPoint, QSettings, Qt, QWizard
from crypty_desktop.preferences import PreferenceStore

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support")]


@pytest.fixture
def prefs(tmp_path: Path) -> Preferences:
    """Preferences in their own file, the window state in its own QSettings file."""
    qsettings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    return Preferences(qsettings, PreferenceStore(tmp_path / "preferences.json"))


@pytest.fixture
def wizard(qtbot, core: Core, prefs: Preferences) -> OnboardingWizard:
    widget = OnboardingWizard(core, preferences=prefs)
    qtbot.add_widget(widget)
    widget.show()
    return widget


def click(qtbot, wizard: OnboardingWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def test_first_run_detection(prefs: Preferences, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NO_ONBOARDING_ENV, raising=False)
    assert should_show_onboarding(prefs)
    monkeypatch.setenv(NO_ONBOARDING_ENV, "1")
    assert not should_show_onboarding(prefs)
    monkeypatch.setenv(NO_ONBOARDING_ENV, "0")
    prefs.set(ONBOARDING_DONE, True)
    assert not should_show_onboarding(prefs)


def test_demo_path_creates_the_demo_platform(
    qtbot, wizard: OnboardingWizard, core: Core, prefs: Preferences
) -> None:
    wizard.language_page.buttons["fr"].setChecked(True)
    with qtbot.wait_signal(wizard.sig_language_chosen) as chosen:
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert chosen.args == ["fr"]
    assert wizard.currentPage() is wizard.start_page
    assert wizard.start_page.demo_button.isChecked()  # the safe choice is the default
    with (
        qtbot.wait_signal(wizard.sig_demo_created, timeout=10_000) as created,
        qtbot.assert_not_emitted(wizard.sig_connect_requested),
    ):
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    platform = created.args[0]
    assert (platform.name, platform.type) == (DEMO_NAME, PlatformType.SIMULATED)
    assert [(p.name, p.type) for p in core.platforms.list()] == [
        (DEMO_NAME, PlatformType.SIMULATED)
    ]
    assert prefs.get(LANGUAGE) == "fr"
    assert prefs.get(ONBOARDING_DONE) is True
    assert not wizard.isVisible()
    assert wizard.result() == QWizard.DialogCode.Accepted


def test_binance_path_asks_to_connect_and_creates_nothing(
    qtbot, wizard: OnboardingWizard, core: Core, prefs: Preferences
) -> None:
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    radio = wizard.start_page.binance_button
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked()
    with (
        qtbot.wait_signal(wizard.sig_connect_requested),
        qtbot.assert_not_emitted(wizard.sig_demo_created),
    ):
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert core.platforms.list() == []
    assert prefs.get(ONBOARDING_DONE) is True
    assert prefs.get(LANGUAGE) in ("fr", "en")


def test_skip_creates_nothing_and_is_not_shown_again(
    qtbot, wizard: OnboardingWizard, core: Core, prefs: Preferences, monkeypatch
) -> None:
    monkeypatch.delenv(NO_ONBOARDING_ENV, raising=False)
    assert wizard.button(QWizard.WizardButton.CancelButton).text() == "Skip"
    with qtbot.assert_not_emitted(wizard.sig_demo_created):
        click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert wizard.result() == QWizard.DialogCode.Rejected
    assert core.platforms.list() == []
    assert not should_show_onboarding(prefs)


def test_demo_twice_keeps_one_demo(core: Core) -> None:
    first = create_demo_platform(core)
    second = create_demo_platform(core)
    assert first.id == second.id
    assert len(core.platforms.list()) == 1


def test_language_page_preselects_the_stored_language(
    qtbot, core: Core, prefs: Preferences
) -> None:
    prefs.set(LANGUAGE, "fr")
    widget = OnboardingWizard(core, preferences=prefs)
    qtbot.add_widget(widget)
    assert widget.language_page.language == "fr"
