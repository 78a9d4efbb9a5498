"""The pages of the main window: Dashboard, Bots (with the first-run empty state), Platforms."""

from __future__ import annotations

from crypty_desktop.domain.platform import Platform
from crypty_desktop.gui.feedback import MessagePanel
from crypty_desktop.gui.platform_table import PlatformTable
from crypty_desktop.gui.qt import (
    QCoreApplication,
    QFont,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
)


def heading(text: str, scale: float = 1.5) -> QLabel:  # float-ok: font scale
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class Page(QWidget):
    """A page with a title row (title on the left, actions on the right) and a body."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading(title)
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addLayout(self.action_row)
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addLayout(self.body, 1)


class EmptyState(QFrame):
    """What to do first, when there is no platform: try the demo, or add a Binance key."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.title = heading(self.tr("Start here"), 1.3)
        self.text = paragraph(
            self.tr(
                "Bots need a platform to trade on. Start with the offline demo: it replays real "
                "past prices with play money, so nothing is at risk and no account is needed.\n\n"
                "When you are ready, add a Binance API key. A read-only key is enough for Ghost "
                "bots, which trade paper money on live prices; Trader bots place real orders and "
                "need a key that can trade."
            )
        )
        self.text.setMaximumWidth(560)
        self.demo_button = QPushButton(self.tr("Try the demo"))
        self.demo_button.setDefault(True)
        self.binance_button = QPushButton(self.tr("Add a Binance key"))
        for button in (self.demo_button, self.binance_button):
            button.setMinimumHeight(34)
            button.setMinimumWidth(170)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.binance_button)
        buttons.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(200)
        self.progress.setMaximumHeight(12)
        self.progress.setVisible(False)
        self.message = MessagePanel()
        self.message.setMaximumWidth(560)
        column = QVBoxLayout()
        column.setSpacing(14)
        column.addWidget(self.title)
        column.addWidget(self.text)
        column.addSpacing(6)
        column.addLayout(buttons)
        column.addWidget(self.progress)
        column.addWidget(self.message)
        column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 24, 0, 0)
        layout.addLayout(column)
        layout.addStretch(1)

    def set_busy(self, busy: bool) -> None:
        self.demo_button.setEnabled(not busy)
        self.binance_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.message.clear()


class NextSteps(QFrame):
    """Shown on the Bots page once a platform exists, until the first bot is created."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading(self.tr("Your platforms are ready"), 1.3)
        self.text = paragraph("")
        self.text.setMaximumWidth(560)
        self.platforms_button = QPushButton(self.tr("Manage platforms…"))
        row = QHBoxLayout()
        row.addWidget(self.platforms_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 24, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addStretch(1)

    def set_platforms(self, platforms: list[Platform]) -> None:
        names = ", ".join(p.name for p in platforms)
        self.text.setText(
            self.tr(
                "Bots will run on: %1.\n\nBots come next: each bot follows one strategy on one "
                "market, as a Ghost (paper money) or a Trader (real orders). The list of your bots "
                "will appear here, with their state and results."
            ).replace("%1", names)
        )


class BotsPage(Page):
    """The bot list's place. ``content`` shows the empty state, the next steps, or the bot list.

    The bot list widget is added to ``content`` and shown by ``show_bot_list(widget)``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("BotsPage", "Bots"), parent)
        self.empty_state = EmptyState()
        self.next_steps = NextSteps()
        self.bot_list: QWidget | None = None
        self.content = QStackedWidget()
        self.content.addWidget(self.empty_state)
        self.content.addWidget(self.next_steps)
        self.body.addWidget(self.content, 1)
        self.has_platforms = False

    def set_platforms(self, platforms: list[Platform]) -> None:
        self.has_platforms = bool(platforms)
        self.next_steps.set_platforms(platforms)
        if not platforms:
            self.content.setCurrentWidget(self.empty_state)
        elif self.bot_list is not None:
            self.content.setCurrentWidget(self.bot_list)
        else:
            self.content.setCurrentWidget(self.next_steps)

    def show_bot_list(self, widget: QWidget) -> None:
        """Install the bot list; it is shown whenever a platform exists."""
        if self.bot_list is None:
            self.content.addWidget(widget)
            self.bot_list = widget
        if self.has_platforms:
            self.content.setCurrentWidget(widget)


class PlatformsPage(Page):
    """The platforms at a glance; changes happen in the Platforms window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("PlatformsPage", "Platforms"), parent)
        self.manage_button = QPushButton(self.tr("Manage platforms…"))
        self.action_row.addWidget(self.manage_button)
        self.table = PlatformTable()
        self.body.addWidget(self.table, 1)

    def set_platforms(self, platforms: list[Platform]) -> None:
        self.table.set_platforms(platforms)
