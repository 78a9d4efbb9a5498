"""Settings…: language, colours, bots at start-up, closing, notifications, default budget, data.

Everything is read from and written to the typed registry (``gui/preferences.py``) when the user
presses OK; Cancel changes nothing. The language applies on the next start; the theme at once.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from crypty_desktop.alerts import Alerts
from crypty_desktop.domain.amounts import written_places
from crypty_desktop.gui import preferences as prefs
from crypty_desktop.gui.alerts_panel import AlertsPanel
from crypty_desktop.gui.amount_field import AmountEdit, amount_cell
from crypty_desktop.gui.i18n import system_language
from crypty_desktop.gui.preferences import Preferences
from crypty_desktop.gui.qt import (
    QCheckBox,
    QComboBox,
    QDesktopServices,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)
from crypty_desktop.notifications import NotificationKind

MAX_BUDGET = Decimal("1000000000")


class SettingsDialog(QDialog):
    """The Settings window.

    Signals:
        sig_applied(list): the keys of the preferences that changed, after OK.
    """

    sig_applied = Signal(list)

    def __init__(
        self,
        data_dir: Path,
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
        alerts: Alerts | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.prefs = preferences or Preferences()
        self.data_dir = data_dir
        self.alerts_panel = AlertsPanel(alerts) if alerts is not None else None
        self._build()
        self.load()

    # --- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        general = QGroupBox(self.tr("General"))
        form = QFormLayout(general)
        self.language_box = QComboBox()
        names = {"en": "English", "fr": "Français"}
        self.language_box.addItem(
            self.tr("System language (%1)").replace("%1", names[system_language()]), ""
        )
        self.language_box.addItem("English", "en")
        self.language_box.addItem("Français", "fr")
        self.language_note = QLabel(self.tr("A new language applies when the app next starts."))
        self.language_note.setWordWrap(True)
        self.language_note.setEnabled(False)
        form.addRow(self.tr("&Language:"), self.language_box)
        form.addRow("", self.language_note)
        self.theme_box = QComboBox()
        self.theme_box.addItem(self.tr("Follow the system"), "system")
        self.theme_box.addItem(self.tr("Light"), "light")
        self.theme_box.addItem(self.tr("Dark"), "dark")
        form.addRow(self.tr("&Colours:"), self.theme_box)
        self._buddies(form)

        bots = QGroupBox(self.tr("Bots"))
        bots_form = QFormLayout(bots)
        self.auto_resume_box = QCheckBox(self.tr("&Resume running bots when the app starts"))
        bots_form.addRow(self.auto_resume_box)
        self.close_box = QComboBox()
        self.close_box.addItem(self.tr("Ask each time"), prefs.CLOSE_ASK)
        self.close_box.addItem(
            self.tr("Keep them running in the background"), prefs.CLOSE_BACKGROUND
        )
        self.close_box.addItem(self.tr("Stop them and quit"), prefs.CLOSE_STOP)
        bots_form.addRow(self.tr("Closing the &window with bots running:"), self.close_box)
        self.close_box.setToolTip(
            self.tr(
                "What the window's close button does while bots run. File › Quit always quits "
                "(running bots stop and resume at the next start if Resume bots on start is on)."
            )
        )
        self.budget_edit = AmountEdit()
        self.budget_edit.setAccessibleName(self.tr("Default budget of a new bot"))
        self.budget_error = self.budget_edit.error_label
        bots_form.addRow(self.tr("Default &budget of a new bot:"), amount_cell(self.budget_edit))
        self._buddies(bots_form)

        notices = QGroupBox(self.tr("On this computer"))
        notices_column = QVBoxLayout(notices)
        self.notify_boxes: dict[NotificationKind, QCheckBox] = {}
        for kind in NotificationKind:
            box = QCheckBox(self._kind_label(kind))
            box.setObjectName(f"notify-{kind.value}")
            notices_column.addWidget(box)
            self.notify_boxes[kind] = box

        data = QGroupBox(self.tr("Data"))
        data_row = QHBoxLayout(data)
        self.data_edit = QLineEdit(str(self.data_dir))
        self.data_edit.setReadOnly(True)
        self.data_edit.setAccessibleName(self.tr("Data folder"))
        self.data_edit.setToolTip(
            self.tr("The database, the logs and the settings of the bots. Keys are not here.")
        )
        self.open_data_button = QPushButton(self.tr("&Open"))
        self.open_data_button.setAccessibleName(self.tr("Open the data folder"))
        self.open_data_button.clicked.connect(self._on_open_data_clicked)
        data_row.addWidget(QLabel(self.tr("Folder:")))
        data_row.addWidget(self.data_edit, 1)
        data_row.addWidget(self.open_data_button)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings pages"))
        general_page = QWidget()
        general_column = QVBoxLayout(general_page)
        for group in (general, bots, data):
            general_column.addWidget(group)
        general_column.addStretch(1)
        notices_page = QWidget()
        notices_column_outer = QVBoxLayout(notices_page)
        notices_column_outer.addWidget(notices)
        if self.alerts_panel is not None:
            elsewhere = QGroupBox(self.tr("Alerts elsewhere"))
            QVBoxLayout(elsewhere).addWidget(self.alerts_panel)
            notices_column_outer.addWidget(elsewhere)
        notices_column_outer.addStretch(1)
        self.tabs.addTab(general_page, self.tr("General"))
        self.tabs.addTab(notices_page, self.tr("Notifications"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    @staticmethod
    def _buddies(form: QFormLayout) -> None:
        """Let each label's mnemonic (Alt+letter) focus its field."""
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            text = label.widget() if label is not None else None
            buddy = field.widget() if field is not None else None
            if isinstance(text, QLabel) and buddy is not None:
                text.setBuddy(buddy)

    def _kind_label(self, kind: NotificationKind) -> str:
        return {
            NotificationKind.FILL: self.tr("An order of a Trader bot is filled"),
            NotificationKind.BOT_STOPPED: self.tr("A bot stops on a risk limit or an error"),
            NotificationKind.KEY_FAILED: self.tr(
                "A Binance key stops working (revoked, or your IP address changed)"
            ),
            NotificationKind.RATE_LIMITED: self.tr("Binance asks the app to slow down"),
            NotificationKind.ORDER_UNCONFIRMED: self.tr(
                "A Trader bot waits long for Binance to confirm an order"
            ),
        }[kind]

    # --- values -----------------------------------------------------------------------------------
    def load(self) -> None:
        """Show the stored preferences."""
        p = self.prefs
        self._select(self.language_box, p.get(prefs.LANGUAGE))
        self._select(self.theme_box, p.get(prefs.THEME))
        self._select(self.close_box, p.get(prefs.CLOSE_ACTION))
        self.auto_resume_box.setChecked(p.get(prefs.AUTO_RESUME))
        budget = p.default_budget()
        self.budget_edit.set_amount(budget, written_places(budget))  # as it was typed
        for kind, box in self.notify_boxes.items():
            box.setChecked(p.notify_enabled(kind))
        if self.alerts_panel is not None:
            self.alerts_panel.load()

    @staticmethod
    def _select(box: QComboBox, value: str) -> None:
        index = box.findData(value)
        box.setCurrentIndex(max(index, 0))

    def budget(self) -> Decimal | None:
        """The default budget typed; None (with the reason under the field) if it is refused."""
        ok, value = self.budget_edit.checked_amount()
        if not ok:
            return None
        if value is None or value <= 0 or value > MAX_BUDGET:
            self.budget_edit.show_error(self.tr("Enter an amount greater than zero, e.g. 100."))
            return None
        return value

    def apply(self) -> list[str] | None:
        """Write the values; the keys that changed, or None if a value is not acceptable."""
        budget = self.budget()
        if budget is None:
            self.budget_edit.setFocus()
            return None
        p = self.prefs
        values: list[tuple[prefs.Pref, object]] = [
            (prefs.LANGUAGE, str(self.language_box.currentData())),
            (prefs.THEME, str(self.theme_box.currentData())),
            (prefs.CLOSE_ACTION, str(self.close_box.currentData())),
            (prefs.AUTO_RESUME, self.auto_resume_box.isChecked()),
            (prefs.DEFAULT_BUDGET, format(budget, "f")),  # plain, with the decimals typed
        ]
        values += [(prefs.NOTIFY[k], box.isChecked()) for k, box in self.notify_boxes.items()]
        different = [(pref, value) for pref, value in values if p.get(pref) != value]
        if different:
            p.set_many(different)  # one write of the preferences file
        changed = [pref.key for pref, _value in different]
        if self.alerts_panel is not None:
            self.alerts_panel.apply()
        return changed

    # --- slots ------------------------------------------------------------------------------------
    def _on_ok_clicked(self) -> None:
        changed = self.apply()
        if changed is None:
            return
        self.sig_applied.emit(changed)
        self.accept()

    def _on_open_data_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
