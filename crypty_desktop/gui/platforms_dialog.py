"""The Platforms window: the list of exchange accounts, and adding, editing, removing, testing them.

Every call that reaches the exchange or the keychain runs as a background job; the window keeps
answering and shows what it is doing. Results are shown in words (the audit's ✓/✗ lines, the
verdict, what to fix).
"""

from __future__ import annotations

from crypty_desktop.app import Core
from crypty_desktop.bots.ownership import Role
from crypty_desktop.bots.removal import NeedsConfirmation
from crypty_desktop.domain.platform import Platform, PlatformType
from crypty_desktop.gui.feedback import AuditView, BusyRow, MessagePanel
from crypty_desktop.gui.jobs import Job, run_in_background
from crypty_desktop.gui.platform_form import CHECKING_TEXT, PlatformForm
from crypty_desktop.gui.platform_table import PlatformTable
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from crypty_desktop.gui.removal_box import ConfirmBox, ask_removal

INTRO = QT_TRANSLATE_NOOP(
    "PlatformsDialog",
    "A platform is an exchange account your bots use: the offline demo, the Binance testnet, or "
    "your Binance account through an API key. Keys are kept in this computer's keychain.",
)


class PlatformsDialog(QDialog):
    """Manage platforms.

    Signals:
        sig_platforms_changed(): a platform was added, edited, removed or re-checked.
        sig_help_requested(str): the user asked for the guide on this topic.
    """

    sig_platforms_changed = Signal()
    sig_help_requested = Signal(str)

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("platformsDialog")
        self.setWindowTitle(self.tr("Platforms"))
        self._core = core
        self._job: Job | None = None
        self.form: PlatformForm | None = None
        self.confirm_box: ConfirmBox | None = None
        self.removal_box: ConfirmBox | None = None  # a platform with bots: what removing does
        self._build()
        self.refresh()
        self.resize(860, 520)

    def _build(self) -> None:
        intro = QLabel(self.tr(INTRO))
        intro.setWordWrap(True)
        self.table = PlatformTable()
        self.table.sig_selection_changed.connect(self._on_selection_changed)
        self.table.sig_activated.connect(self._on_activated)
        self.add_button = QPushButton(self.tr("+ Add"))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.test_button = QPushButton(self.tr("Test connection"))
        self.close_button = QPushButton(self.tr("Close"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.close_button.clicked.connect(self.reject)
        self.add_button.setAutoDefault(False)
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.test_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        self.busy = BusyRow()
        self.busy.sig_cancel_clicked.connect(self._on_busy_cancel_clicked)
        self.message = MessagePanel()
        self.audit_view = AuditView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.audit_view)

    # --- public ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the platforms again (a small local database read)."""
        self.table.set_platforms(self._core.platforms.list())
        self._update_buttons()

    def open_add_form(self, type_: PlatformType | None = None) -> PlatformForm:
        """Open the add form (non-modal: the guide beside it stays usable) and return it."""
        return self._open_form(PlatformForm(self._core, None, self, type_=type_))

    def open_edit_form(self, platform: Platform) -> PlatformForm:
        return self._open_form(PlatformForm(self._core, platform, self))

    def test_connection(self, platform: Platform) -> Job:
        """Re-run the key audit in the background; the result panel shows it in words."""
        self._clear_feedback()
        text = (
            QCoreApplication.translate("PlatformForm", CHECKING_TEXT)
            if platform.type.needs_keys
            else self.tr("Checking the demo exchange…")
        )
        self._start_job(text)
        self._job = run_in_background(
            lambda: self._core.platforms.recheck(platform),
            self._on_checked,
            self._on_job_failed,
            parent=self,
            name="test-connection",
        )
        return self._job

    @property
    def busy_working(self) -> bool:
        return self._job is not None

    @property
    def job(self) -> Job | None:
        """The test or removal in progress, if any."""
        return self._job

    # --- slots ----------------------------------------------------------------------------------
    def _on_selection_changed(self, _platform: object) -> None:
        self._update_buttons()

    def _on_activated(self, platform: object) -> None:
        if isinstance(platform, Platform) and self._job is None:
            self.open_edit_form(platform)

    def _on_add_clicked(self) -> None:
        self.open_add_form()

    def _on_edit_clicked(self) -> None:
        platform = self.table.selected_platform()
        if platform is not None:
            self.open_edit_form(platform)

    def _on_test_clicked(self) -> None:
        platform = self.table.selected_platform()
        if platform is not None:
            self.test_connection(platform)

    def _on_remove_clicked(self) -> None:
        platform = self.table.selected_platform()
        if platform is None:
            return
        box = ConfirmBox(self, self.tr("Remove platform"), self.tr("Remove"))
        box.setText(self.tr("Remove “%1”?").replace("%1", platform.name))
        if platform.type.needs_keys:
            detail = self.tr(
                "Its API key is also removed from this computer's keychain. The key itself stays "
                "valid on Binance: delete it there too if you no longer use it."
            )
        else:
            detail = self.tr("The demo exchange can be added again at any time.")
        box.setInformativeText(detail)
        box.buttonClicked.connect(
            lambda button: self._on_remove_answered(platform, button is box.confirm_button)
        )
        self.confirm_box = box
        box.open()

    def _on_remove_answered(self, platform: Platform, confirmed: bool) -> None:
        self.confirm_box = None
        if confirmed:
            self._remove(platform, with_bots=False)

    def _remove(self, platform: Platform, *, with_bots: bool) -> None:
        """Remove in the background: first without touching bots (a platform that has some is
        refused, saying what removing them involves), then, confirmed, with its bots."""
        self._clear_feedback()
        self._start_job(self.tr("Removing “%1”…").replace("%1", platform.name), cancellable=False)
        core = self._core
        self._job = run_in_background(
            lambda: core.removals.remove_platform(platform, confirmed=with_bots, role=Role.WINDOW),
            lambda _done: self._on_removed(platform),
            lambda error: self._on_remove_failed(platform, error),
            parent=self,
            name="remove-platform",
        )

    def _on_remove_failed(self, platform: Platform, error: BaseException) -> None:
        self._on_job_failed(error)
        if not isinstance(error, NeedsConfirmation):
            return
        self.removal_box = ask_removal(
            self,
            error,
            self.tr("Remove platform"),
            self.tr("Remove its bots and the platform"),
            lambda confirmed: self._on_remove_bots_answered(platform, confirmed),
        )

    def _on_remove_bots_answered(self, platform: Platform, confirmed: bool) -> None:
        self.removal_box = None
        if confirmed:
            self._remove(platform, with_bots=True)

    def _on_removed(self, platform: Platform) -> None:
        self._end_job()
        self.refresh()
        self.message.show_message("info", self.tr("“%1” was removed.").replace("%1", platform.name))
        self.sig_platforms_changed.emit()

    def _on_checked(self, platform: object) -> None:
        self._end_job()
        self.refresh()
        if isinstance(platform, Platform):
            self.table.select_platform(platform.id)
            self._show_audit(
                self.tr("Connection test of “%1”").replace("%1", platform.name), platform
            )
        self.sig_platforms_changed.emit()

    def _on_saved(self, platform: object) -> None:
        self.refresh()
        if isinstance(platform, Platform):
            self.table.select_platform(platform.id)
            self._show_audit(self.tr("Saved “%1”").replace("%1", platform.name), platform)
        self.sig_platforms_changed.emit()

    def _on_job_failed(self, error: BaseException) -> None:
        self._end_job()
        self.refresh()
        self.message.show_error(error)

    def _on_busy_cancel_clicked(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self._end_job()
        self.message.show_message("info", self.tr("Cancelled."))

    def _on_form_finished(self, _result: int) -> None:
        self.form = None
        self._update_buttons()

    # --- helpers --------------------------------------------------------------------------------
    def _open_form(self, form: PlatformForm) -> PlatformForm:
        self._clear_feedback()
        form.sig_saved.connect(self._on_saved)
        form.sig_help_requested.connect(self.sig_help_requested)
        form.finished.connect(self._on_form_finished)
        self.form = form
        # Not modal: the guide docked in the main window must stay usable beside the form (a
        # window-modal form would block its parents, the help pane included). The Platforms
        # window's own actions wait until the form closes.
        form.setWindowModality(Qt.WindowModality.NonModal)
        form.show()
        form.raise_()
        self._update_buttons(working=True)
        return form

    def _show_audit(self, title: str, platform: Platform) -> None:
        if platform.audit is not None:
            self.audit_view.show_audit(title, platform.audit)

    def _clear_feedback(self) -> None:
        self.message.clear()
        self.audit_view.clear()

    def _start_job(self, text: str, *, cancellable: bool = True) -> None:
        self.busy.cancel_button.setVisible(cancellable)
        self.busy.start(text)
        self._update_buttons(working=True)

    def _end_job(self) -> None:
        self._job = None
        self.busy.stop()
        self._update_buttons()

    def _update_buttons(self, *, working: bool | None = None) -> None:
        if working is None:
            working = self._job is not None or self.form is not None
        selected = self.table.selected_platform() is not None
        self.add_button.setEnabled(not working)
        for button in (self.edit_button, self.remove_button, self.test_button):
            button.setEnabled(selected and not working)
