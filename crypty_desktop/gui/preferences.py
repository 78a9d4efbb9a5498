"""The window's access to the user's preferences, and the window's own state.

The preferences themselves live in the core (``crypty_desktop.preferences``: a typed registry in
a JSON file the command line reads too); ``Preferences`` reads and writes them with their type, so
no widget spells a key or converts a value itself. QSettings keeps only what belongs to this
window: its geometry, dock state and the sizes of named splitters (``save_window_state`` and
``restore_window_state``). Preferences an older version kept in QSettings are copied into the file
once, on the first start, and removed from QSettings.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from crypty_desktop.gui.qt import (
    QByteArray,
    QGuiApplication,
    QMainWindow,
    QSettings,
    QSplitter,
)
from crypty_desktop.notifications import NotificationKind
from crypty_desktop.preferences import (
    AUTO_RESUME,
    CLOSE_ACTION,
    CLOSE_ASK,
    CLOSE_BACKGROUND,
    CLOSE_STOP,
    DEFAULT_BUDGET,
    LANGUAGE,
    LANGUAGE_CHOICES,
    NOTIFY,
    ONBOARDING_DONE,
    REGISTRY,
    THEME,
    THEMES,
    Pref,
    PreferenceStore,
    T,
    default_budget,
)
from crypty_desktop.settings import Settings

__all__ = [
    "AUTO_RESUME",
    "CLOSE_ACTION",
    "CLOSE_ASK",
    "CLOSE_BACKGROUND",
    "CLOSE_STOP",
    "DEFAULT_BUDGET",
    "LANGUAGE",
    "LANGUAGE_CHOICES",
    "NOTIFY",
    "ONBOARDING_DONE",
    "REGISTRY",
    "THEME",
    "THEMES",
    "Pref",
    "Preferences",
]

_GEOMETRY_KEY = "window/geometry"
_STATE_KEY = "window/state"
_SPLITTER_KEY = "window/splitter/"  # + the splitter's objectName


def migrate_qsettings(settings: QSettings, store: PreferenceStore) -> list[str]:
    """Copy the preferences an older version kept in ``settings`` into ``store`` (once: the file
    records it), then remove them from QSettings. Returns the keys copied."""
    copied = store.migrate_once(lambda key: settings.value(key) if settings.contains(key) else None)
    for pref in REGISTRY:
        if settings.contains(pref.key):
            settings.remove(pref.key)
    return copied


class Preferences:
    """Typed access to the core's preferences file; the window's state in a QSettings (the app's
    one by default)."""

    def __init__(
        self, settings: QSettings | None = None, store: PreferenceStore | None = None
    ) -> None:
        self.settings = settings if settings is not None else QSettings()
        self.store = store or PreferenceStore.beside(Settings.from_env().data_dir)
        migrate_qsettings(self.settings, self.store)

    def get(self, pref: Pref[T]) -> T:
        return self.store.get(pref)

    def set(self, pref: Pref[T], value: T) -> None:
        self.store.set(pref, value)

    def set_many(self, values: list[tuple[Pref[Any], Any]]) -> None:
        self.store.set_many(values)

    def reset(self, pref: Pref[Any]) -> None:
        self.store.reset(pref)

    def notify_enabled(self, kind: NotificationKind) -> bool:
        return self.get(NOTIFY[kind])

    def default_budget(self) -> Decimal:
        """The budget proposed for a new bot (the default when the stored one is not a number)."""
        return default_budget(self.get(DEFAULT_BUDGET))

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
