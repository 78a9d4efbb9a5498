"""The user's preferences: a typed registry over QSettings.

Each preference is declared once with its key, default, type and a description
(:class:`Pref`); ``Preferences`` reads and writes them with the right type, so no widget spells a
key or converts a value itself. Window geometry, dock state and the sizes of named splitters are
saved by ``save_window_state`` and ``restore_window_state``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar

from crypty_desktop.gui.qt import (
    QByteArray,
    QGuiApplication,
    QMainWindow,
    QSettings,
    QSplitter,
)
from crypty_desktop.notifications import NotificationKind

T = TypeVar("T", str, bool, int)

THEMES = ("system", "light", "dark")
LANGUAGE_CHOICES = ("", "en", "fr")  # "" follows the system
CLOSE_ASK, CLOSE_BACKGROUND, CLOSE_STOP = "", "background", "stop"


@dataclass(frozen=True, slots=True)
class Pref(Generic[T]):
    """One preference: its QSettings key, default, Python type and what it means."""

    key: str
    default: T
    type_: type[T]
    description: str


LANGUAGE = Pref("ui/language", "", str, "Interface and guide language; empty follows the system")
THEME = Pref("ui/theme", "system", str, "Colours: follow the system, light or dark")
AUTO_RESUME = Pref(
    "bots/auto_resume", False, bool, "Start again, when the app starts, the bots that were running"
)
DEFAULT_BUDGET = Pref(
    "bots/default_budget", "100", str, "Budget proposed for a new bot, in the quote asset"
)
CLOSE_ACTION = Pref(
    "window/close_with_running_bots",
    CLOSE_ASK,
    str,
    "Closing the window with bots running: ask, keep them running in the background, or stop",
)
NOTIFY: dict[NotificationKind, Pref[bool]] = {
    kind: Pref(f"notifications/{kind.value}", True, bool, kind.description)
    for kind in NotificationKind
}
REGISTRY: tuple[Pref[Any], ...] = (
    LANGUAGE,
    THEME,
    AUTO_RESUME,
    DEFAULT_BUDGET,
    CLOSE_ACTION,
    *NOTIFY.values(),
)

_GEOMETRY_KEY = "window/geometry"
_STATE_KEY = "window/state"
_SPLITTER_KEY = "window/splitter/"  # + the splitter's objectName


class Preferences:
    """Typed access to the registry, over a QSettings (the app's one by default)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else QSettings()

    def get(self, pref: Pref[T]) -> T:
        raw = self.settings.value(pref.key, pref.default)
        if pref.type_ is bool:
            if isinstance(raw, str):
                return raw.strip().lower() in ("1", "true", "yes", "on")  # type: ignore[return-value]
            return bool(raw)  # type: ignore[return-value]
        try:
            return pref.type_(raw)
        except (TypeError, ValueError):
            return pref.default

    def set(self, pref: Pref[T], value: T) -> None:
        if not isinstance(value, pref.type_):
            raise TypeError(f"{pref.key} takes a {pref.type_.__name__}")
        self.settings.setValue(pref.key, value)

    def reset(self, pref: Pref[Any]) -> None:
        self.settings.remove(pref.key)

    def notify_enabled(self, kind: NotificationKind) -> bool:
        return self.get(NOTIFY[kind])

    def default_budget(self) -> Decimal:
        """The budget proposed for a new bot (the default when the stored one is not a number)."""
        try:
            value = Decimal(self.get(DEFAULT_BUDGET))
        except InvalidOperation:
            value = Decimal(DEFAULT_BUDGET.default)
        return value if value.is_finite() and value > 0 else Decimal(DEFAULT_BUDGET.default)

    def sync(self) -> None:
        self.settings.sync()

    # --- window state -----------------------------------------------------------------------------
    def save_window_state(self, window: QMainWindow) -> None:
        """Remember the window's geometry and its docks and toolbars."""
        self.settings.setValue(_GEOMETRY_KEY, window.saveGeometry())
        self.settings.setValue(_STATE_KEY, window.saveState())
        for splitter in window.findChildren(QSplitter):
            if splitter.objectName():
                self.settings.setValue(_SPLITTER_KEY + splitter.objectName(), splitter.saveState())

    def restore_window_state(self, window: QMainWindow) -> bool:
        """Put the window back where it was; False when there is nothing saved (first start)."""
        geometry = self.settings.value(_GEOMETRY_KEY)
        state = self.settings.value(_STATE_KEY)
        restored = False
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            restored = bool(window.restoreGeometry(geometry))
            fit_to_screen(window)
        if isinstance(state, QByteArray) and not state.isEmpty():
            window.restoreState(state)
        for splitter in window.findChildren(QSplitter):
            saved = self.settings.value(_SPLITTER_KEY + splitter.objectName())
            if splitter.objectName() and isinstance(saved, QByteArray) and not saved.isEmpty():
                splitter.restoreState(saved)
        return restored


def fit_to_screen(window: QMainWindow) -> None:
    """Bring the window inside its screen's available area: a geometry saved on a larger screen
    (or when the window was wider) never leaves Stop all or the guide out of reach."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w = frame.width() - window.width()  # the window manager's borders and title
    extra_h = frame.height() - window.height()
    width = min(window.width(), max(area.width() - extra_w, 1))
    height = min(window.height(), max(area.height() - extra_h, 1))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(frame.x(), area.left()), area.right() + 1 - width - extra_w)
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - height - extra_h)
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.left()), max(y, area.top()))
