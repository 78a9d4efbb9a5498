"""The tray icon and how notifications reach the user.

``TrayController`` (when the desktop has a system tray) shows the app's icon with a menu: the
running bots, Show, Stop all, Quit. Quit stops the bots gracefully with ``resume_later=True``, so
they come back at the next start when "Resume running bots" is on. The menu's logic lives in
methods that work with or without a tray (tests call them offscreen).

``NotificationPresenter`` shows a core :class:`~crypty_desktop.notifications.Notification` as a tray
balloon when a tray icon is visible, else as a toast inside the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from crypty_desktop.domain.bots import STOPPED_APP_CLOSED
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.icons import icon
from crypty_desktop.gui.qt import (
    QAction,
    QApplication,
    QCoreApplication,
    QEvent,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QObject,
    QPushButton,
    QSystemTrayIcon,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from crypty_desktop.notifications import Notification, NotificationKind

if TYPE_CHECKING:
    from crypty_desktop.gui.main_window import MainWindow

QUIT_REASON = STOPPED_APP_CLOSED  # saved with the state; shown through core_text
TOAST_MS = 9000
BALLOON_MS = 8000


def tray_available() -> bool:
    return bool(QSystemTrayIcon.isSystemTrayAvailable())


def notification_words(notice: Notification) -> tuple[str, str]:
    """The title and text of a notification, in the interface language."""
    name = notice.subject
    if notice.kind is NotificationKind.FILL:
        title = (
            QCoreApplication.translate("Notifications", "%1: buy order filled")
            if notice.cause == "buy"
            else QCoreApplication.translate("Notifications", "%1: sell order filled")
        ).replace("%1", name)
    elif notice.kind is NotificationKind.BOT_STOPPED:
        title = (
            QCoreApplication.translate("Notifications", "%1 stopped by a risk limit")
            if notice.cause == "risk"
            else QCoreApplication.translate("Notifications", "%1 stopped by an error")
        ).replace("%1", name)
    elif notice.kind is NotificationKind.KEY_FAILED:
        title = QCoreApplication.translate("Notifications", "%1: Binance refused the key").replace(
            "%1", name
        )
    elif notice.kind is NotificationKind.ORDER_UNCONFIRMED:
        title = QCoreApplication.translate(
            "Notifications", "%1: an order is still not confirmed by Binance"
        ).replace("%1", name)
    elif notice.cause == "ban":
        title = QCoreApplication.translate(
            "Notifications", "%1: Binance blocked requests for a while"
        ).replace("%1", name)
    else:
        title = QCoreApplication.translate(
            "Notifications", "%1: Binance asked the app to slow down"
        ).replace("%1", name)
    return title, core_text(notice.detail)


class Toast(QFrame):
    """An in-app notification at the bottom right of the window; hides itself after a while.

    Signals:
        sig_help_requested(str): the user asked how to fix it (a help topic).
    """

    sig_help_requested = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#toast { background: palette(tool-tip-base); border: 1px solid palette(mid);"
            " border-radius: 6px; } QLabel { color: palette(tool-tip-text); }"
        )
        self.title = QLabel("")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.help_button = QPushButton(QCoreApplication.translate("Toast", "How to fix"))
        self.help_button.clicked.connect(self._on_help_clicked)
        self.close_button = QPushButton("✕")
        self.close_button.setFlat(True)
        self.close_button.setFixedWidth(28)
        self.close_button.setAccessibleName(QCoreApplication.translate("Toast", "Dismiss"))
        self.close_button.setToolTip(QCoreApplication.translate("Toast", "Dismiss"))
        self.close_button.clicked.connect(self.hide)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.close_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.help_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 8, 10)
        column.addLayout(top)
        column.addWidget(self.text)
        column.addLayout(bottom)
        self.setFixedWidth(380)
        self._topic = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        parent.installEventFilter(self)
        self.hide()

    def show_notice(self, title: str, text: str, help_topic: str | None = None) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self._topic = help_topic or ""
        self.help_button.setVisible(bool(help_topic))
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()
        self._timer.start(TOAST_MS)

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.move(parent.width() - self.width() - 16, parent.height() - self.height() - 16)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _on_help_clicked(self) -> None:
        if self._topic:
            self.sig_help_requested.emit(self._topic)
        self.hide()


class NotificationPresenter(QObject):
    """Shows notifications: tray balloon if a tray icon is visible, else a toast.

    Signals:
        sig_shown(object): the Notification that was shown (the activity view lists it).
    """

    sig_shown = Signal(object)

    def __init__(
        self, window: QWidget, tray: Callable[[], QSystemTrayIcon | None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._tray = tray
        self.toast = Toast(window)
        self.shown: list[Notification] = []
        self.last_channel = ""

    def present(self, notice: Notification | None) -> None:
        if notice is None:
            return
        title, text = notification_words(notice)
        tray = self._tray()
        if tray is not None and tray.isVisible() and tray.supportsMessages():
            icon_kind = (
                QSystemTrayIcon.MessageIcon.Critical
                if notice.level == "error"
                else QSystemTrayIcon.MessageIcon.Warning
                if notice.level == "warning"
                else QSystemTrayIcon.MessageIcon.Information
            )
            tray.showMessage(title, text, icon_kind, BALLOON_MS)
            self.last_channel = "tray"
        else:
            self.toast.show_notice(title, text, notice.help_topic)
            self.last_channel = "toast"
        self.shown.append(notice)
        self.sig_shown.emit(notice)


class TrayController(QObject):
    """The tray icon and its menu (running bots, Show, Stop all, Quit).

    Signals:
        sig_quit_requested(): Quit was chosen (bots are already stopping).
    """

    sig_quit_requested = Signal()

    def __init__(self, window: MainWindow, before_quit: Callable[[], None] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self._before_quit = before_quit
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.icon: QSystemTrayIcon | None = None
        if tray_available():
            self.icon = QSystemTrayIcon(icon("app"), self)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._on_activated)
            self.icon.show()
        self.rebuild_menu()
        self.update_tooltip()

    # --- what the menu shows ----------------------------------------------------------------------
    def running_bots(self) -> list[tuple[str, str]]:
        """(id, name) of the running bots, by name."""
        running = set(self.window.bots.running_ids())
        if not running:
            return []
        names = {spec.id: spec.name for spec in self.window.core.bots.list()}
        return sorted(((i, names.get(i, i)) for i in running), key=lambda pair: pair[1].lower())

    def running_text(self, count: int) -> str:
        if count == 0:
            return self.tr("No bot running")
        if count == 1:
            return self.tr("1 bot running")
        return self.tr("%1 bots running").replace("%1", str(count))

    def rebuild_menu(self) -> None:
        self.menu.clear()
        running = self.running_bots()
        header = QAction(self.running_text(len(running)), self.menu)
        header.setEnabled(False)
        self.menu.addAction(header)
        for bot_id, name in running:
            action = QAction("    " + name, self.menu)
            action.triggered.connect(lambda _c=False, b=bot_id: self.show_bot(b))
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.show_action = QAction(self.tr("&Show Crypty Desktop"), self.menu)
        self.show_action.triggered.connect(self.show_window)
        self.stop_all_action = QAction(self.tr("Stop &all bots"), self.menu)
        self.stop_all_action.setEnabled(bool(running))
        self.stop_all_action.triggered.connect(self.stop_all)
        self.quit_action = QAction(self.tr("&Quit"), self.menu)
        self.quit_action.triggered.connect(self.quit)
        for action in (self.show_action, self.stop_all_action):
            self.menu.addAction(action)
        # the same action as Bots › Make everything safe…
        self.menu.addAction(self.window.panic.action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)

    def update_tooltip(self) -> None:
        count = len(self.running_bots())
        text = "Crypty Desktop — " + self.running_text(count)
        if self.icon is not None:
            self.icon.setToolTip(text)

    # --- actions ----------------------------------------------------------------------------------
    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def show_bot(self, bot_id: str) -> None:
        self.show_window()
        self.window.bots.show_bot(bot_id)

    def stop_all(self) -> None:
        self.window.bots.stop_all_asking()

    def quit(self) -> None:
        """Stop the bots gracefully (they resume at the next start if auto-resume is on), quit."""
        self.window.bots.stop_for_exit()
        if self._before_quit is not None:
            self._before_quit()
        self.sig_quit_requested.emit()
        if self.icon is not None:
            self.icon.hide()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_window()
