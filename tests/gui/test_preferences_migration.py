"""Preferences an older version kept in QSettings move to the core's file on the first start."""

from __future__ import annotations

from pathlib import Path

from crypty_desktop.gui.preferences import (
    AUTO_RESUME,
    DEFAULT_BUDGET,
    LANGUAGE,
    ONBOARDING_DONE,
    THEME,
    Preferences,
)
from crypty_desktop.gui.qt import QSettings
from crypty_desktop.preferences import PreferenceStore
from crypty_desktop.settings import Settings


def _old_settings(path: Path) -> QSettings:
    """A QSettings as 0.2.0 left it: preferences and window state side by side, as INI text."""
    old = QSettings(str(path), QSettings.Format.IniFormat)
    old.setValue("bots/auto_resume", "true")  # an INI file gives a bool back as text
    old.setValue("ui/language", "fr")
    old.setValue("ui/theme", "dark")
    old.setValue("bots/default_budget", "2500.50")
    old.setValue("onboarding/done", "true")
    old.setValue("window/geometry", b"\x01\x02")
    old.sync()
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_the_first_start_moves_the_preferences_and_keeps_the_window_state(tmp_path: Path) -> None:
    qsettings = _old_settings(tmp_path / "ui.ini")
    store = PreferenceStore(tmp_path / "preferences.json")
    prefs = Preferences(qsettings, store)
    assert prefs.get(AUTO_RESUME) is True and prefs.get(LANGUAGE) == "fr"
    assert prefs.get(THEME) == "dark" and prefs.get(ONBOARDING_DONE) is True
    assert prefs.get(DEFAULT_BUDGET) == "2500.50"
    qsettings.sync()
    assert qsettings.allKeys() == ["window/geometry"]  # QSettings keeps the window's state only
    assert PreferenceStore(store.path).get(AUTO_RESUME) is True  # the core reads the same


def test_the_migration_runs_once(tmp_path: Path) -> None:
    store = PreferenceStore(tmp_path / "preferences.json")
    Preferences(_old_settings(tmp_path / "ui.ini"), store).set(LANGUAGE, "en")
    again = Preferences(_old_settings(tmp_path / "ui.ini"), store)  # an old copy wrote again
    assert again.get(LANGUAGE) == "en"  # the user's later choice stands


def test_the_window_and_the_core_use_the_same_file(tmp_path: Path) -> None:
    prefs = Preferences()  # the window's default: the data folder's file
    prefs.set(AUTO_RESUME, True)
    core_side = PreferenceStore.beside(Settings.from_env().data_dir)
    assert core_side.path == prefs.store.path and core_side.get(AUTO_RESUME) is True
