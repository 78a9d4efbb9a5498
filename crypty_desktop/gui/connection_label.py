"""The status bar's exchange line: ``Binance: connected · weight 3 %`` (empty on the demo alone)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.qt import QLabel, QTimer, QWidget, Signal
from crypty_desktop.reports.connection_status import (
    SEPARATOR,
    PauseWatch,
    describe_lines,
    exchange_statuses,
)

if TYPE_CHECKING:
    from crypty_desktop.app import Core

REFRESH_MS = 2000


class ConnectionLabel(QLabel):
    """Refreshed every two seconds from memory (the limiters and stream links): no network.

    Signals:
        sig_paused(str, float, bool): a platform's requests were just paused by the rate limit
            (platform name, seconds left, True for an IP ban rather than a 429 pause).
    """

    sig_paused = Signal(str, float, bool)  # float-ok: seconds

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("connectionLabel")
        self.setAccessibleName(self.tr("Exchange connection"))
        self.setContentsMargins(8, 0, 8, 0)
        self._core = core
        self._pauses = PauseWatch()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        statuses = exchange_statuses(self._core.connections())
        for platform, seconds, banned in self._pauses.new_pauses(statuses):
            self.sig_paused.emit(platform, seconds, banned)
        lines = describe_lines(statuses)
        text = SEPARATOR.join(core_text(line) for line in lines)
        self.setText(text)
        self.setVisible(bool(text))
