"""Settings › Notifications › Alerts elsewhere: Apprise targets, a test, and a switch per event.

The targets' addresses go to the keychain and messages are sent by the core (``crypty_desktop.
alerts``); every keychain call runs in a background job. The list shows each target's last
delivery (refreshed while the panel is visible): a failing target says why, never its address.
"""

from __future__ import annotations

from crypty_desktop.alerts import AlertEvent, Alerts, Target
from crypty_desktop.gui.feedback import MessagePanel
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.jobs import Job, run_in_background
from crypty_desktop.gui.qt import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)

REFRESH_MS = 1000


class AlertsPanel(QWidget):
    """The alert targets and the events that send an alert."""

    def __init__(self, alerts: Alerts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertsPanel")
        self.alerts = alerts
        self.job: Job | None = None
        intro = QLabel(
            self.tr(
                "Send alerts to your phone, chat or e-mail through Apprise: add the address of "
                "each place (for example tgram://…, ntfys://…, mailto://…). Addresses are kept "
                "in the keychain; alerts never contain a key."
            )
        )
        intro.setWordWrap(True)
        self.target_list = QListWidget()
        self.target_list.setObjectName("alertTargets")
        self.target_list.setAccessibleName(self.tr("Alert targets"))
        self.target_list.setMaximumHeight(84)
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText(self.tr("Name, e.g. Phone"))
        self.label_edit.setAccessibleName(self.tr("Target name"))
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText(self.tr("Apprise address, e.g. ntfys://my-topic"))
        self.url_edit.setAccessibleName(self.tr("Target address"))
        self.url_edit.setEchoMode(QLineEdit.EchoMode.Password)  # it may carry a token
        self.add_button = QPushButton(self.tr("&Add"))
        self.remove_button = QPushButton(self.tr("Re&move"))
        self.test_button = QPushButton(self.tr("Send a &test"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.test_button.clicked.connect(self._on_test_clicked)
        add_row = QHBoxLayout()
        add_row.addWidget(self.label_edit, 1)
        add_row.addWidget(self.url_edit, 2)
        add_row.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.message = MessagePanel()
        self.event_boxes: dict[AlertEvent, QCheckBox] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for index, event in enumerate(AlertEvent):
            box = QCheckBox(self._event_label(event))
            box.setObjectName(f"alert-{event.value}")
            self.event_boxes[event] = box
            grid.addWidget(box, index // 2, index % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.target_list)
        layout.addLayout(add_row)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("Send an alert when:")))
        layout.addLayout(grid)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.load()

    def _event_label(self, event: AlertEvent) -> str:
        return {
            AlertEvent.TRADER_FILL: self.tr("a Trader bot's order fills"),
            AlertEvent.RISK_STOP: self.tr("a bot is stopped by a risk rule"),
            AlertEvent.ORDER_REFUSED: self.tr("an order is refused"),
            AlertEvent.KEY_REFUSED: self.tr("Binance refuses a key"),
            AlertEvent.RATE_LIMITED: self.tr("Binance pauses or blocks requests"),
            AlertEvent.ORDER_UNCONFIRMED: self.tr(
                "a Trader bot waits long for Binance to confirm an order"
            ),
            AlertEvent.PANIC: self.tr("Make everything safe was used"),
            AlertEvent.DAILY_SUMMARY: self.tr("every day: the bots' P&&L"),
        }[event]

    # --- values -----------------------------------------------------------------------------------
    def load(self) -> None:
        config = self.alerts.config
        for event, box in self.event_boxes.items():
            box.setChecked(config.enabled(event))
        self.refresh()

    def apply(self) -> None:
        """Write the switches (Settings' OK); the targets are saved as they are added."""
        config = self.alerts.config
        for event, box in self.event_boxes.items():
            if config.enabled(event) != box.isChecked():
                self.alerts.set_enabled(event, box.isChecked())

    def refresh(self) -> None:
        """The targets and their last delivery (memory only: safe on the GUI thread)."""
        selected = self._selected()
        self.target_list.clear()
        for target in self.alerts.config.targets:
            item = QListWidgetItem(self._target_text(target))
            item.setData(Qt.ItemDataRole.UserRole, target.id)
            self.target_list.addItem(item)
            if target.id == selected:
                self.target_list.setCurrentItem(item)
        has = self.target_list.count() > 0
        self.test_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def _target_text(self, target: Target) -> str:
        status = self.alerts.status(target.id)
        if status is None:
            state = self.tr("nothing sent yet")
        elif status.ok:
            state = self.tr("last alert delivered")
        else:
            state = self.tr("failing: %1").replace("%1", core_text(status.error))
        return f"{target.label} — {state}"

    def _selected(self) -> int | None:
        item = self.target_list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    # --- Qt ---------------------------------------------------------------------------------------
    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        self.timer.start()
        super().showEvent(event)  # type: ignore[arg-type]

    def hideEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        self.timer.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    # --- slots ------------------------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        for button in (self.add_button, self.remove_button, self.test_button):
            button.setEnabled(not busy)

    def _on_add_clicked(self) -> None:
        if self.job is not None:
            return
        label, url = self.label_edit.text(), self.url_edit.text()
        alerts = self.alerts
        self._busy(True)
        self.job = run_in_background(
            lambda: alerts.add_target(label, url), self._on_added, self._on_failed, parent=self
        )

    def _on_added(self, _target: object) -> None:
        self.job = None
        self.label_edit.clear()
        self.url_edit.clear()
        self.message.clear()
        self._busy(False)
        self.refresh()

    def _on_failed(self, error: BaseException) -> None:
        self.job = None
        self._busy(False)
        self.refresh()
        self.message.show_error(error)

    def _on_remove_clicked(self) -> None:
        target = self._selected()
        if target is None or self.job is not None:
            return
        alerts = self.alerts
        self._busy(True)
        self.job = run_in_background(
            lambda: alerts.remove_target(target), self._on_added, self._on_failed, parent=self
        )

    def _on_test_clicked(self) -> None:
        self.alerts.send_test(self._selected())  # queued: the delivery thread sends it
        self.message.show_message(
            "info", self.tr("Test sent. The list says whether each target received it.")
        )
