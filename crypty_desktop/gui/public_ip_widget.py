"""The opt-in "Show my public IP" panel: the address to trust in a Binance key's IP restriction.

Nothing is sent before the user clicks. The lookup runs off the GUI thread; the panel then shows the
address with a ``Copy`` button, or, offline, says it could not be found and how to find it another
way.
"""

from __future__ import annotations

from collections.abc import Callable

from crypty_desktop.gui.jobs import run_in_background
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QFrame,
    QGuiApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from crypty_desktop.public_ip import lookup_public_ip

Lookup = Callable[[], str]

WHY = QT_TRANSLATE_NOOP(
    "PublicIpPanel",
    "Your bots reach Binance from this computer, so this is the address to add to your key's "
    "trusted IPs. The button asks a public service (ipify) once; nothing is sent before you click.",
)
OTHER_WAYS = QT_TRANSLATE_NOOP(
    "PublicIpPanel",
    "Other ways to find it: Binance shows your current address in the key's “Edit restrictions” "
    "dialog; your router shows its public (WAN) address on its administration page; any “what is "
    "my IP” website opened on this computer gives it too.",
)


class PublicIpPanel(QFrame):
    """Finds and shows this computer's public IP address, on request only.

    Signals:
        sig_ip_found(str): the address was found.
        sig_lookup_failed(str): the lookup failed; the argument is the message shown.
    """

    sig_ip_found = Signal(str)
    sig_lookup_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, lookup: Lookup | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publicIpPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._lookup: Lookup = lookup or lookup_public_ip
        self._job: object | None = None

        title = QLabel("<b>" + self.tr("This computer's public IP address") + "</b>")
        why = QLabel(self.tr(WHY))
        why.setWordWrap(True)

        self.show_button = QPushButton(self.tr("Show my public IP"))
        self.show_button.setToolTip(
            self.tr("Ask a public address service which address Binance sees")
        )
        self.show_button.clicked.connect(self._on_show_clicked)

        self.address = QLineEdit()
        self.address.setReadOnly(True)
        self.address.setAccessibleName(self.tr("Public IP address"))
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the address to the clipboard"))
        self.copy_button.clicked.connect(self._on_copy_clicked)
        result_row = QHBoxLayout()
        result_row.setContentsMargins(0, 0, 0, 0)
        result_row.addWidget(self.address, 1)
        result_row.addWidget(self.copy_button)
        self.result = QWidget()
        self.result.setLayout(result_row)
        self.result.setVisible(False)

        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(why)
        layout.addWidget(self.show_button)
        layout.addWidget(self.result)
        layout.addWidget(self.status)

    # --- public -------------------------------------------------------------------------------
    def start_lookup(self) -> None:
        """Ask for the address now (what the button does). Ignored while a lookup runs."""
        if self._job is not None:
            return
        self.show_button.setEnabled(False)
        self.show_button.setText(self.tr("Looking up…"))
        self._say(self.tr("Asking the address service…"))
        self._job = run_in_background(self._lookup, self._on_found, self._on_failed, parent=self)

    @property
    def busy(self) -> bool:
        return self._job is not None

    # --- slots --------------------------------------------------------------------------------
    def _on_show_clicked(self) -> None:
        self.start_lookup()

    def _on_found(self, address: object) -> None:
        self._job = None
        text = str(address)
        self._reset_button()
        self.address.setText(text)
        self.result.setVisible(True)
        self._say(self.tr("Add this address to your key's trusted IPs on Binance."))
        self.sig_ip_found.emit(text)

    def _on_failed(self, error: BaseException) -> None:
        self._job = None
        self._reset_button()
        self.result.setVisible(False)
        message = self.tr(
            "Your public IP address could not be found (no connection, or the service is blocked)."
        )
        self._say(f"{message}\n{self.tr(OTHER_WAYS)}", error=True)
        self.sig_lookup_failed.emit(message)

    def _on_copy_clicked(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.address.text())
        self._say(self.tr("Copied. Paste it in Binance's “Edit restrictions” dialog."))

    # --- helpers ------------------------------------------------------------------------------
    def _reset_button(self) -> None:
        self.show_button.setEnabled(True)
        self.show_button.setText(self.tr("Show my public IP"))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setProperty("error", error)
        self.status.setStyleSheet("color: palette(highlight);" if not error else "")
        self.status.setVisible(bool(text))
