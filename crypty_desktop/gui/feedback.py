"""Shared widgets that say what is going on: busy rows, messages, audits in words."""

from __future__ import annotations

from crypty_desktop.domain.audit import describe
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.domain.platform import Audit
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.qt import (
    QApplication,
    QCoreApplication,
    QEvent,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPalette,
    QProgressBar,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

# Calm colours on the light Fusion palette; the words carry the meaning, never colour alone.
_LEVEL_STYLE = {
    "error": "background: #fdecea; border: 1px solid #f5c2bd; border-radius: 4px;",
    "warning": "background: #fff6e0; border: 1px solid #f0d9a0; border-radius: 4px;",
    "ok": "background: #eaf6ec; border: 1px solid #bfe3c6; border-radius: 4px;",
    "info": "background: palette(alternate-base); border: 1px solid palette(mid); "
    "border-radius: 4px;",
}
# The same on the dark palette: dark backgrounds under its light text (a light pink under light
# grey text could not be read).
_LEVEL_STYLE_DARK = {
    "error": "background: #4a2427; border: 1px solid #9a4a4f; border-radius: 4px;",
    "warning": "background: #463a1c; border: 1px solid #8f7630; border-radius: 4px;",
    "ok": "background: #1e3a26; border: 1px solid #3f7a4d; border-radius: 4px;",
    "info": _LEVEL_STYLE["info"],
}
_LEVEL_ICON = {"error": "✗", "warning": "⚠", "ok": "✓", "info": "•"}


def error_text(error: BaseException) -> tuple[str, str]:
    """The words to show for an error, and the small print (the code), never a stack trace.

    The core writes its messages in English; they are shown in the interface language.
    """
    if isinstance(error, CryptyError):
        small = (
            QCoreApplication.translate("Feedback", "Code %1").replace("%1", str(error.code))
            if error.code is not None
            else ""
        )
        return core_text(error.message), small
    return (
        QCoreApplication.translate(
            "Feedback",
            "Something unexpected went wrong. Nothing was changed. If it happens again, "
            "restart the app and send the log file to support.",
        ),
        type(error).__name__,
    )


class BusyRow(QWidget):
    """An indeterminate progress bar with a sentence and, optionally, a Cancel button.

    Signals:
        sig_cancel_clicked(): the user asked to stop the work.
    """

    sig_cancel_clicked = Signal()

    def __init__(self, *, cancellable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyRow")
        self.label = QLabel("")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # indeterminate
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(14)
        self.bar.setFixedWidth(140)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.sig_cancel_clicked)
        self.cancel_button.setVisible(cancellable)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.cancel_button)
        self.setVisible(False)

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(True)

    def stop(self) -> None:
        self.setVisible(False)
        self.label.setText("")


class MessagePanel(QFrame):
    """A boxed message with a level (error, warning, ok, info) and optional small print."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messagePanel")
        self.icon = QLabel("")
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.small = QLabel("")
        small_font = self.small.font()
        small_font.setPointSizeF(max(small_font.pointSizeF() * 0.85, 7.0))  # float-ok: font size
        self.small.setFont(small_font)
        self.small.setStyleSheet("color: palette(dark); border: none; background: transparent;")
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.text)
        column.addWidget(self.small)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.icon)
        layout.addLayout(column, 1)
        for label in (self.icon, self.text):
            label.setStyleSheet("border: none; background: transparent;")
        self.level = ""
        self.setVisible(False)

    def show_message(self, level: str, text: str, small: str = "") -> None:
        self.level = level
        self._restyle()
        self.icon.setText(_LEVEL_ICON[level])
        self.text.setText(text)
        self.small.setText(small)
        self.small.setVisible(bool(small))
        self.setVisible(True)

    def show_error(self, error: BaseException) -> None:
        text, small = error_text(error)
        self.show_message("error", text, small)

    def _restyle(self) -> None:
        if not getattr(self, "level", ""):  # also called while being built
            return
        window = QApplication.palette().color(QPalette.ColorRole.Window)
        styles = _LEVEL_STYLE_DARK if window.lightness() < 128 else _LEVEL_STYLE
        sheet = f"QFrame#messagePanel {{ {styles[self.level]} }}"
        if sheet != self.styleSheet():  # setting it again would repaint, and re-enter here
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """The theme changed (Settings › Colours): the box takes the new theme's colours."""
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self._restyle()
        super().changeEvent(event)

    def clear(self) -> None:
        self.level = ""
        self.text.setText("")
        self.small.setText("")
        self.setVisible(False)


def verdict_lines(audit: Audit) -> list[str]:
    """The verdict in words: which kinds of bots the key serves."""
    if audit.refused:
        return [
            QCoreApplication.translate(
                "Feedback", "Refused: this key is not saved and no bot can use it."
            )
        ]
    yes, no = (
        QCoreApplication.translate("Feedback", "yes"),
        QCoreApplication.translate("Feedback", "no"),
    )
    ghost = QCoreApplication.translate("Feedback", "Ghost bots (paper trading): %1")
    trader = QCoreApplication.translate("Feedback", "Trader bots (real orders): %1")
    return [
        ghost.replace("%1", yes if audit.ghost_ok else no),
        trader.replace("%1", yes if audit.trader_ok else no),
    ]


class AuditView(QFrame):
    """An audit in words: what the key can do (✓/✗), the verdict, and what to fix."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditView")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel("")
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.permissions = QLabel("")
        self.permissions.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict = QLabel("")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        verdict_font = self.verdict.font()
        verdict_font.setBold(True)
        self.verdict.setFont(verdict_font)
        self.findings_box = QVBoxLayout()
        self.findings_box.setSpacing(6)
        self.findings: list[MessagePanel] = []
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addWidget(self.permissions, 0, Qt.AlignmentFlag.AlignTop)
        columns.addWidget(self.verdict, 0, Qt.AlignmentFlag.AlignTop)
        columns.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addWidget(self.title)
        layout.addLayout(columns)
        layout.addLayout(self.findings_box)
        self.setVisible(False)

    def show_audit(self, title: str, audit: Audit) -> None:
        self.title.setText(title)
        self.permissions.setText("\n".join(core_text(line) for line in describe(audit.permissions)))
        self.verdict.setText("\n".join(verdict_lines(audit)))
        for panel in self.findings:
            self.findings_box.removeWidget(panel)
            panel.deleteLater()
        self.findings = []
        for finding in audit.findings:
            panel = MessagePanel()
            level = "error" if finding.level == "refusal" else finding.level
            panel.show_message(
                level if level in _LEVEL_STYLE else "info", core_text(finding.message)
            )
            self.findings_box.addWidget(panel)
            self.findings.append(panel)
        self.setVisible(True)

    def text(self) -> str:
        """Everything the view says, as plain text (for tests and accessibility)."""
        parts = [self.title.text(), self.permissions.text(), self.verdict.text()]
        parts += [f"{p.icon.text()} {p.text.text()}" for p in self.findings]
        return "\n".join(parts)

    def clear(self) -> None:
        self.setVisible(False)
