"""The add/edit form for one platform: name, type, key (pasted or generated here), intended use,
and the daily loss limit of its Trader bots.

Saving checks the key with the exchange in a background job; the form stays responsive, shows
what it is doing, and Cancel aborts (the service then saves nothing). Secrets live only in the
masked field or in memory until the save hands them to the keychain; they are cleared when the
form closes and never logged, put in a title or a tooltip.
"""

from __future__ import annotations

from decimal import Decimal

from crypty_desktop.app import Core
from crypty_desktop.domain.errors import CryptyError, ValidationError
from crypty_desktop.domain.platform import (
    ApiCredentials,
    IntendedUse,
    KeyKind,
    Platform,
    PlatformType,
)
from crypty_desktop.gui.amount_field import AmountEdit, add_amount_row
from crypty_desktop.gui.feedback import BusyRow, MessagePanel
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.jobs import Job, JobControl, run_cancellable, run_in_background
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFontDatabase,
    QFormLayout,
    QFrame,
    QGuiApplication,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from crypty_desktop.help import LOSS_LIMIT_TOPIC, form_help_topic
from crypty_desktop.keypair import KeyPair, generate_ed25519
from crypty_desktop.platforms import LOSS_LIMIT_HELP, validate_loss_limit

TYPE_TEXT = {
    PlatformType.BINANCE: QT_TRANSLATE_NOOP("PlatformForm", "Binance — your real account"),
    PlatformType.BINANCE_TESTNET: QT_TRANSLATE_NOOP(
        "PlatformForm", "Binance testnet — test money, for trying things out"
    ),
    PlatformType.BINANCE_DEMO: QT_TRANSLATE_NOOP(
        "PlatformForm",
        "Binance Demo Mode — play money on live markets (keys from demo.binance.com)",
    ),
    PlatformType.BINANCE_PUBLIC: QT_TRANSLATE_NOOP(
        "PlatformForm", "Binance public data — live prices, no key (Ghost bots only)"
    ),
    PlatformType.SIMULATED: QT_TRANSLATE_NOOP(
        "PlatformForm", "Simulated — offline demo, needs no keys"
    ),
}
USE_TEXT = {
    IntendedUse.GHOST: QT_TRANSLATE_NOOP("PlatformForm", "Ghost bots (read-only)"),
    IntendedUse.TRADER: QT_TRANSLATE_NOOP("PlatformForm", "Trader bots"),
    IntendedUse.ANY: QT_TRANSLATE_NOOP("PlatformForm", "Both"),
}
KEYPAIR_STEPS = QT_TRANSLATE_NOOP(
    "KeyPairPanel",
    "1. Click Copy.\n"
    "2. On Binance, open API Management → Create API → “Self-generated”, and paste this "
    "public key.\n"
    "3. Binance then shows an API Key: paste it into “Access Key” above, then Save.\n"
    "The private key never leaves this computer: it goes to the keychain when you save.",
)
CHECKING_TEXT = QT_TRANSLATE_NOOP("PlatformForm", "Checking the key with Binance…")
_SENSITIVE = Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText


class SecretField(QWidget):
    """A masked line edit with a Show/Hide toggle that is reset to hidden by ``reset()``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setInputMethodHints(_SENSITIVE)
        self.edit.setAccessibleName(self.tr("Secret Key"))
        self.toggle = QToolButton()
        self.toggle.setText(self.tr("Show"))
        self.toggle.setCheckable(True)
        self.toggle.setToolTip(self.tr("Show or hide what you typed"))
        self.toggle.toggled.connect(self._on_toggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.toggle)

    def reset(self) -> None:
        """Forget the text and hide it again."""
        self.edit.clear()
        self.toggle.setChecked(False)

    def _on_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self.toggle.setText(self.tr("Hide") if shown else self.tr("Show"))


class KeyPairPanel(QFrame):
    """The public half of a key pair made here, with Copy and what to do with it."""

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.public_key = QPlainTextEdit()
        self.public_key.setReadOnly(True)
        self.public_key.setAccessibleName(self.tr("Public key"))
        self.public_key.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.public_key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        metrics = self.public_key.fontMetrics()
        self.public_key.setFixedHeight(metrics.lineSpacing() * 3 + 16)
        self.public_key.setMinimumWidth(metrics.horizontalAdvance("0" * 62) + 16)
        self.public_key.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the public key to the clipboard"))
        self.steps = QLabel(QCoreApplication.translate("KeyPairPanel", KEYPAIR_STEPS))
        self.steps.setWordWrap(True)
        self.status = QLabel("")
        self.status.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.public_key, 1)
        row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(QLabel(self.tr("Public key (give this to Binance):")))
        layout.addLayout(row)
        layout.addWidget(self.steps)
        layout.addWidget(self.status)


class PlatformForm(QDialog):
    """Add a platform, or edit one (``platform`` given).

    Signals:
        sig_saved(object): the saved ``Platform`` (with its audit); the form then closes.
        sig_help_requested(str): the user asked for the guide on this topic.
    """

    sig_saved = Signal(object)
    sig_help_requested = Signal(str)

    def __init__(
        self,
        core: Core,
        platform: Platform | None = None,
        parent: QWidget | None = None,
        *,
        type_: PlatformType | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("platformForm")
        self._core = core
        self._platform = platform
        self._job: Job | None = None
        self._keypair_job: Job | None = None
        self._keypair: KeyPair | None = None
        self.setWindowTitle(
            self.tr("Edit %1").replace("%1", platform.name)
            if platform
            else self.tr("Add a platform")
        )
        self._build()
        self._fill(platform, type_)
        self.setMinimumWidth(560)

    # --- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Binance Ghost"))
        self.name_edit.setMaxLength(64)
        self.type_box = QComboBox()
        for type_, text in TYPE_TEXT.items():
            self.type_box.addItem(QCoreApplication.translate("PlatformForm", text), type_)
        self.type_box.currentIndexChanged.connect(self._on_type_changed)
        self.access_edit = QLineEdit()
        self.access_edit.setInputMethodHints(_SENSITIVE)
        self.access_edit.setPlaceholderText(self.tr("The API Key Binance shows you"))
        self.secret = SecretField()
        self.keypair_check = QCheckBox(
            self.tr("Generate a key pair here (Ed25519) instead of a secret")
        )
        self.keypair_check.toggled.connect(self._on_keypair_toggled)
        self.keypair_panel = KeyPairPanel()
        self.keypair_panel.copy_button.clicked.connect(self._on_copy_public_key)
        self.keypair_panel.setVisible(False)
        self.no_keys_note = QLabel(
            self.tr("The offline demo needs no keys: it trades play money on replayed real prices.")
        )
        self.no_keys_note.setWordWrap(True)
        self.use_group = QButtonGroup(self)
        self.use_buttons: dict[IntendedUse, QRadioButton] = {}
        use_row = QHBoxLayout()
        use_row.setContentsMargins(0, 0, 0, 0)
        for use, text in USE_TEXT.items():
            button = QRadioButton(QCoreApplication.translate("PlatformForm", text))
            self.use_group.addButton(button)
            self.use_buttons[use] = button
            use_row.addWidget(button)
        use_row.addStretch(1)
        use_widget = QWidget()
        use_widget.setLayout(use_row)
        self.use_widget = use_widget

        self.fields = QWidget()
        self.form = QFormLayout(self.fields)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow(self.tr("Name"), self.name_edit)
        self.form.addRow(self.tr("Type"), self.type_box)
        self.form.addRow("", self.no_keys_note)
        self.form.addRow(self.tr("Access Key"), self.access_edit)
        self.form.addRow(self.tr("Secret Key"), self.secret)
        self.form.addRow("", self.keypair_check)
        self.form.addRow("", self.keypair_panel)
        self.form.addRow(self.tr("Use"), use_widget)
        self.loss_limit_edit = AmountEdit(self.tr("no limit"))
        self.loss_limit_edit.setToolTip(core_text(LOSS_LIMIT_HELP))
        self.loss_limit_unit = QLabel(self.tr("in the bots' quote asset, per UTC day"))
        self.loss_limit_cell = add_amount_row(
            self.form, self.tr("Daily loss limit"), self.loss_limit_edit, self.loss_limit_unit
        )
        self.loss_limit_help = QLabel(
            f'<a href="{LOSS_LIMIT_TOPIC}">'
            + self.tr("What happens when the limit is reached?")
            + "</a>"
        )
        self.loss_limit_help.setObjectName("lossLimitHelp")
        self.loss_limit_help.linkActivated.connect(self.sig_help_requested)
        self.form.addRow("", self.loss_limit_help)

        self.help_link = QLabel(
            '<a href="add-key">' + self.tr("How do I create a key on Binance?") + "</a>"
        )
        self.help_link.linkActivated.connect(self.sig_help_requested)
        self.message = MessagePanel()
        self.busy = BusyRow(cancellable=False)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.help_button = self.buttons.addButton("?", QDialogButtonBox.ButtonRole.HelpRole)
        self.help_button.setToolTip(self.tr("Open the guide for this form (F1)"))
        self.help_button.setAccessibleName(self.tr("Help for this form"))
        self.help_button.setFixedWidth(self.help_button.sizeHint().height() + 12)
        self.help_button.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.help_button.clicked.connect(self._on_help_clicked)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows with its rows
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(self.fields)
        layout.addWidget(self.help_link)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

    def _fill(self, platform: Platform | None, type_: PlatformType | None) -> None:
        chosen = platform.type if platform else (type_ or PlatformType.BINANCE)
        self.type_box.setCurrentIndex(self.type_box.findData(chosen))
        self.use_buttons[platform.intended_use if platform else IntendedUse.GHOST].setChecked(True)
        if platform is not None:
            self.name_edit.setText(platform.name)
            self.type_box.setEnabled(False)
            self.loss_limit_edit.set_amount(platform.max_daily_loss)
            if platform.type.needs_keys:
                self.access_edit.setPlaceholderText(
                    self.tr("Leave empty to keep the current key (%1)").replace(
                        "%1", platform.key_masked
                    )
                )
                self.secret.edit.setPlaceholderText(
                    self.tr("Leave empty to keep the current secret")
                )
        self._on_type_changed()

    # --- reading the form -------------------------------------------------------------------------
    @property
    def platform_type(self) -> PlatformType:
        data = self.type_box.currentData()
        return PlatformType(data)

    @property
    def intended_use(self) -> IntendedUse:
        for use, button in self.use_buttons.items():
            if button.isChecked():
                return use
        return IntendedUse.ANY

    @property
    def busy_saving(self) -> bool:
        return self._job is not None

    @property
    def save_job(self) -> Job | None:
        """The save in progress, if any."""
        return self._job

    @property
    def keypair_job(self) -> Job | None:
        return self._keypair_job

    def loss_limit(self) -> Decimal | None:
        """The daily loss limit as typed (None: empty, no limit), read the way amounts are shown.

        Raises:
            ValidationError: not a number written the interface language's way, or not greater
                than 0 (the sentence says which, in the interface language).
        """
        if not self.form.isRowVisible(self.loss_limit_cell):
            return self._platform.max_daily_loss if self._platform else None
        try:
            value = self.loss_limit_edit.amount()
        except ValidationError as error:
            raise ValidationError(core_text(error.message)) from None
        try:
            return validate_loss_limit(value)
        except ValidationError:
            words = self.tr(
                "The daily loss limit is an amount greater than 0; leave it empty for none."
            )
            raise ValidationError(words) from None

    def credentials(self) -> ApiCredentials | None:
        """The key as typed (None: no key for this type, or keep the current one when editing)."""
        if not self.platform_type.needs_keys:
            return None
        api_key = self.access_edit.text()
        if self.keypair_check.isChecked():
            if self._keypair is None:
                raise ValidationError(self.tr("The key pair is still being generated. Try again."))
            return ApiCredentials(api_key, self._keypair.private_pem, KeyKind.ED25519)
        secret = self.secret.edit.text()
        if self._platform is not None and not api_key.strip() and not secret.strip():
            return None
        return ApiCredentials(api_key, secret, KeyKind.HMAC)

    # --- slots ----------------------------------------------------------------------------------
    def _on_type_changed(self, _index: int = 0) -> None:
        needs_keys = self.platform_type.needs_keys
        for field in (self.access_edit, self.secret, self.keypair_check):
            self.form.setRowVisible(field, needs_keys)
        self.form.setRowVisible(self.keypair_panel, needs_keys and self.keypair_check.isChecked())
        self.form.setRowVisible(self.secret, needs_keys and not self.keypair_check.isChecked())
        self.form.setRowVisible(self.no_keys_note, not needs_keys)
        # Keyless public data runs Ghost bots only: no Trader bot, no loss to limit.
        trades = self.platform_type is not PlatformType.BINANCE_PUBLIC
        self.form.setRowVisible(self.loss_limit_cell, trades)
        self.form.setRowVisible(self.loss_limit_help, trades)
        if self.platform_type is PlatformType.BINANCE_PUBLIC:
            self.no_keys_note.setText(
                self.tr(
                    "Binance's public prices need no key: live prices for charts, backtests and "
                    "Ghost bots. No order can be placed."
                )
            )
        else:
            self.no_keys_note.setText(
                self.tr(
                    "The offline demo needs no keys: it trades play money on replayed real prices."
                )
            )
        self.help_link.setVisible(needs_keys)
        if not needs_keys and not self.name_edit.text() and self._platform is None:
            self.name_edit.setPlaceholderText(self.tr("e.g. Demo"))
        self.adjustSize()

    def _on_keypair_toggled(self, on: bool) -> None:
        self.form.setRowVisible(self.secret, not on)
        self.form.setRowVisible(self.keypair_panel, on)
        if not on:
            self._forget_keypair()
        elif self._keypair is None and self._keypair_job is None:
            self.keypair_panel.say(self.tr("Generating a key pair…"))
            self.keypair_panel.copy_button.setEnabled(False)
            self._keypair_job = run_in_background(
                generate_ed25519,
                self._on_keypair_ready,
                self._on_keypair_failed,
                parent=self,
                name="keypair",
            )
        self.adjustSize()

    def _on_keypair_ready(self, pair: object) -> None:
        self._keypair_job = None
        if not isinstance(pair, KeyPair) or not self.keypair_check.isChecked():
            return
        self._keypair = pair
        self.keypair_panel.public_key.setPlainText(pair.public_pem.strip())
        self.keypair_panel.copy_button.setEnabled(True)
        self.keypair_panel.say("")
        self.adjustSize()

    def _on_keypair_failed(self, error: BaseException) -> None:
        self._keypair_job = None
        self.keypair_check.setChecked(False)
        self.message.show_error(error)

    def _on_help_clicked(self) -> None:
        keypair = self.keypair_check.isChecked()
        self.sig_help_requested.emit(form_help_topic(self.platform_type.value, keypair))

    def _on_copy_public_key(self) -> None:
        if self._keypair is not None:
            QGuiApplication.clipboard().setText(self._keypair.public_pem)
            self.keypair_panel.say(self.tr("Copied. Paste it into Binance's “Self-generated” key."))

    def _on_save_clicked(self) -> None:
        if self._job is not None:
            return
        self.message.clear()
        try:
            limit = self.loss_limit()
        except ValidationError as error:  # shown under its field; nothing is saved
            self.loss_limit_edit.show_error(error.message)
            self.loss_limit_edit.setFocus()
            return
        self.loss_limit_edit.clear_error()
        try:
            creds = self.credentials()
        except CryptyError as error:
            self.message.show_error(error)
            return
        name, type_, use = self.name_edit.text(), self.platform_type, self.intended_use
        service, platform = self._core.platforms, self._platform

        def save(control: JobControl) -> Platform:
            if platform is None:
                saved = service.add(name, type_, creds, use, should_continue=control)
            else:
                saved = service.edit(
                    platform, name=name, creds=creds, intended_use=use, should_continue=control
                )
            if saved.max_daily_loss != limit:
                saved = service.set_loss_limit(saved, limit)
            return saved

        checking = type_.needs_keys and creds is not None
        self._set_busy(True, self.tr(CHECKING_TEXT) if checking else self.tr("Saving…"))
        self._job = run_cancellable(
            save, self._on_saved, self._on_save_failed, parent=self, name="save-platform"
        )

    def _on_saved(self, platform: object) -> None:
        self._job = None
        self._set_busy(False)
        self.sig_saved.emit(platform)
        self.accept()

    def _on_save_failed(self, error: BaseException) -> None:
        self._job = None
        self._set_busy(False)
        self.message.show_error(error)

    def _on_cancel_clicked(self) -> None:
        if self._job is not None:
            self.cancel_save()
        else:
            self.reject()

    # --- public -----------------------------------------------------------------------------------
    def cancel_save(self) -> None:
        """Abort a save in progress: its outcome is discarded and the service saves nothing."""
        if self._job is None:
            return
        self._job.cancel()
        self._job = None
        self._set_busy(False)
        self.message.show_message("info", self.tr("Cancelled: nothing was saved."))

    def done(self, result: int) -> None:
        """Closing (saved, cancelled or the window closed): stop any save and forget secrets."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self.secret.reset()
        self.access_edit.clear()
        self._forget_keypair()
        super().done(result)

    # --- helpers ----------------------------------------------------------------------------------
    def _forget_keypair(self) -> None:
        self._keypair = None
        self.keypair_panel.public_key.clear()
        self.keypair_panel.say("")
        if self.keypair_check.isChecked():
            self.keypair_check.blockSignals(True)
            self.keypair_check.setChecked(False)
            self.keypair_check.blockSignals(False)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.fields.setEnabled(not busy)
        self.save_button.setEnabled(not busy)
        self.help_link.setEnabled(not busy)
        if busy:
            self.busy.start(text)
        else:
            self.busy.stop()
