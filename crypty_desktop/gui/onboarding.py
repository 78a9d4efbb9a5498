"""The first-run wizard: pick a language, then try the demo or connect a Binance account.

It opens once, on the first start (``onboarding/done`` in QSettings), can be skipped, and can be
opened again from Help › Getting started…. Tests, screenshots and automation turn it off with the
environment variable ``CRYPTY_NO_ONBOARDING=1``.
"""

from __future__ import annotations

import os

from crypty_desktop import demo
from crypty_desktop.app import Core
from crypty_desktop.demo import ensure_demo, ensure_public_data
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.domain.platform import Platform
from crypty_desktop.gui.help_pane import ui_language
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.jobs import run_in_background
from crypty_desktop.gui.preferences import LANGUAGE, ONBOARDING_DONE, Preferences
from crypty_desktop.gui.qt import (
    QButtonGroup,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
    Signal,
)
from crypty_desktop.help import LANGUAGE_NAMES, LANGUAGES

DONE_KEY = ONBOARDING_DONE.key
NO_ONBOARDING_ENV = "CRYPTY_NO_ONBOARDING"
DEMO_NAME = demo.DEMO_NAME


def onboarding_disabled() -> bool:
    """True when the environment turns the wizard off (tests, screenshots, automation)."""
    return os.environ.get(NO_ONBOARDING_ENV, "").strip() not in ("", "0")


def should_show_onboarding(preferences: Preferences) -> bool:
    """Whether to open the wizard at start-up: first run, and not turned off."""
    if onboarding_disabled():
        return False
    return not preferences.get(ONBOARDING_DONE)


def create_public_platform(core: Core) -> Platform:
    """Binance's public market data as a platform (no key). Worker thread."""
    return ensure_public_data(core.platforms)


def create_demo_platform(core: Core) -> Platform:
    """The demo platform and its sample Ghost bot (see ``crypty_desktop.demo``). Worker thread."""
    return ensure_demo(core.platforms, core.bots)


def _choice(text: str, detail: str, group: QButtonGroup, layout: QVBoxLayout) -> QRadioButton:
    button = QRadioButton(text)
    group.addButton(button)
    layout.addWidget(button)
    if detail:
        label = QLabel(detail)
        label.setWordWrap(True)
        label.setIndent(24)
        label.setBuddy(button)
        layout.addWidget(label)
    return button


class LanguagePage(QWizardPage):
    """Page 1: the language of the app and its guide."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to Crypty Desktop"))
        self.setSubTitle("Choose your language · Choisissez votre langue")
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Crypty Desktop runs trading bots from this computer, on an offline demo or on "
                "your own Binance account. Your keys stay in this computer's keychain."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addSpacing(8)
        self._group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for code in LANGUAGES:
            self.buttons[code] = _choice(LANGUAGE_NAMES[code], "", self._group, layout)
        self.buttons[current].setChecked(True)
        note = QLabel(
            "The app and its guide speak both languages; the guide switches at once, the rest "
            "of the app the next time it starts.\nL'application et son guide parlent les deux "
            "langues ; le guide change tout de suite, le reste de l'application au prochain "
            "démarrage."
        )
        note.setWordWrap(True)
        layout.addSpacing(12)
        layout.addWidget(note)
        layout.addStretch(1)

    @property
    def language(self) -> str:
        for code, button in self.buttons.items():
            if button.isChecked():
                return code
        return LANGUAGES[-1]


class StartPage(QWizardPage):
    """Page 2: try the offline demo, or connect a Binance account."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("How would you like to start?"))
        self.setSubTitle(
            self.tr("You can do the other later, and open this window again from Help.")
        )
        layout = QVBoxLayout(self)
        group = QButtonGroup(self)
        self.demo_button = _choice(
            self.tr("Try the demo (no account needed)"),
            self.tr(
                "Adds an offline demo exchange that replays real past prices, with play money. "
                "No Binance account, no key, nothing at risk."
            ),
            group,
            layout,
        )
        layout.addSpacing(8)
        self.public_button = _choice(
            self.tr("Watch live Binance prices (no key needed)"),
            self.tr(
                "Adds Binance's public market data: today's real prices for charts, backtests "
                "and Ghost bots trading on paper from the budget you give them. No account, no "
                "key; no order can be placed."
            ),
            group,
            layout,
        )
        layout.addSpacing(8)
        self.binance_button = _choice(
            self.tr("Connect my Binance account"),
            self.tr(
                "Opens the Platforms window with the guide beside it. It shows how to create a "
                "read-only key on Binance, restricted to this computer's IP address, and add it "
                "here."
            ),
            group,
            layout,
        )
        self.demo_button.setChecked(True)
        layout.addStretch(1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)


class OnboardingWizard(QWizard):
    """The first-run wizard. Finishing or skipping it marks onboarding as done.

    Signals:
        sig_language_chosen(str): the user picked a language (``"fr"`` or ``"en"``).
        sig_demo_created(object): the demo platform (a ``Platform``) exists and is ready.
        sig_connect_requested(): the user wants to connect Binance; open Platforms and the guide.
    """

    sig_language_chosen = Signal(str)
    sig_demo_created = Signal(object)
    sig_connect_requested = Signal()

    def __init__(
        self,
        core: Core,
        parent: QWidget | None = None,
        *,
        preferences: Preferences | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("onboardingWizard")
        self.setWindowTitle(self.tr("Getting started"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Skip"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Start"))
        self._core = core
        self._prefs = preferences if preferences is not None else Preferences()
        self._job: object | None = None
        self.language_page = LanguagePage(ui_language(self._prefs))
        self.start_page = StartPage()
        self.addPage(self.language_page)
        self.addPage(self.start_page)
        self.currentIdChanged.connect(self._on_page_changed)
        self.resize(560, 420)

    # --- QWizard ------------------------------------------------------------------------------
    def accept(self) -> None:
        """Finish: save the language, then create the demo (in the background) or connect."""
        if self._job is not None:
            return
        self._save_language()
        if self.start_page.binance_button.isChecked():
            self._finish()
            self.sig_connect_requested.emit()
            return
        self._set_busy(True)
        if self.start_page.public_button.isChecked():
            self.start_page.status.setText(self.tr("Adding Binance's public prices…"))
            make = create_public_platform
        else:
            self.start_page.status.setText(self.tr("Adding the demo exchange…"))
            make = create_demo_platform
        core = self._core
        self._job = run_in_background(
            lambda: make(core),
            self._on_demo_created,
            self._on_demo_failed,
            parent=self,
        )

    def reject(self) -> None:
        """Skip: nothing is created; the wizard stays available from Help."""
        if self._job is not None:
            return
        self._prefs.set(ONBOARDING_DONE, True)
        super().reject()

    # --- slots --------------------------------------------------------------------------------
    def _on_page_changed(self, _page_id: int) -> None:
        if self.currentPage() is self.start_page:
            self._save_language()

    def _on_demo_created(self, platform: object) -> None:
        self._job = None
        self._set_busy(False)
        self._finish()
        self.sig_demo_created.emit(platform)

    def _on_demo_failed(self, error: BaseException) -> None:
        self._job = None
        self._set_busy(False)
        message = (
            core_text(error.message)
            if isinstance(error, CryptyError)
            else self.tr("Unexpected error.")
        )
        self.start_page.status.setText(
            self.tr("The demo could not be added: %1").replace("%1", message)
        )

    # --- helpers ------------------------------------------------------------------------------
    def _save_language(self) -> None:
        language = self.language_page.language
        if self._prefs.get(LANGUAGE) != language:
            self._prefs.set(LANGUAGE, language)
            self.sig_language_chosen.emit(language)

    def _finish(self) -> None:
        self._prefs.set(ONBOARDING_DONE, True)
        super().accept()

    def _set_busy(self, busy: bool) -> None:
        for which in (
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.CancelButton,
        ):
            button = self.button(which)
            if button is not None:
                button.setEnabled(not busy)
