"""The preferences file: one reading rule, atomic writes, a one-time migration, the CLI's view."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from crypty_desktop.cli import main
from crypty_desktop.preferences import (
    AUTO_RESUME,
    CLOSE_ACTION,
    DEFAULT_BUDGET,
    LANGUAGE,
    MIGRATED_KEY,
    NOTIFY,
    REGISTRY,
    THEME,
    PreferenceStore,
    default_budget,
    parse_value,
    read_value,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(True, True), (False, False), ("true", True), ("True", True), ("1", True), ("yes", True),
     ("on", True), ("false", False), ("0", False), ("no", False), ("OFF", False), (1, True),
     (0, False)],
)  # fmt: skip
def test_a_switch_reads_one_way_wherever_it_comes_from(raw: object, expected: bool) -> None:
    assert parse_value(AUTO_RESUME, raw) is expected


@pytest.mark.parametrize("raw", ["maybe", "", 2, None, 1.0, ["true"]])
def test_what_is_not_a_switch_is_refused_or_read_as_the_default(raw: object) -> None:
    with pytest.raises(ValueError, match="bots/auto_resume"):
        parse_value(AUTO_RESUME, raw)
    assert read_value(AUTO_RESUME, raw) is False


def test_a_choice_outside_its_list_reads_as_the_default() -> None:
    assert read_value(THEME, "dark") == "dark"
    assert read_value(THEME, "purple") == "system"
    assert read_value(LANGUAGE, "de") == ""
    assert read_value(DEFAULT_BUDGET, 250) == "100"  # a number where text is kept: default
    assert default_budget("2500.50") == default_budget("2500.5") and default_budget("lots") == 100


@pytest.mark.logs(r"Preferences file .* unreadable")
def test_the_file_is_written_whole_and_read_back(tmp_path: Path) -> None:
    store = PreferenceStore.beside(tmp_path)
    assert store.get(THEME) == "system" and not store.path.exists()
    store.set(THEME, "dark")
    store.set_many([(AUTO_RESUME, True), (CLOSE_ACTION, "stop")])
    again = PreferenceStore(store.path)
    assert again.get(THEME) == "dark" and again.get(AUTO_RESUME) is True
    assert again.get(CLOSE_ACTION) == "stop"
    assert [p.name for p in tmp_path.iterdir()] == ["preferences.json"]  # no temp file left
    with pytest.raises(TypeError):
        store.set(THEME, "purple")
    store.reset(THEME)
    assert again.get(THEME) == "system"
    store.path.write_text("{not json", encoding="utf-8")
    assert again.get(AUTO_RESUME) is False  # a broken file: defaults, never a crash


def test_old_preferences_are_migrated_once(tmp_path: Path) -> None:
    legacy = {"bots/auto_resume": "true", "ui/language": "fr", "bots/default_budget": "250",
              "notifications/fill": "false", "window/geometry": b"..."}  # fmt: skip
    store = PreferenceStore.beside(tmp_path)
    copied = store.migrate_once(legacy.get)
    assert sorted(copied) == ["bots/auto_resume", "bots/default_budget", "notifications/fill",
                              "ui/language"]  # fmt: skip
    assert store.get(AUTO_RESUME) is True and store.get(LANGUAGE) == "fr"
    assert store.get(NOTIFY[next(iter(NOTIFY))]) in (True, False)
    assert json.loads(store.path.read_text())[MIGRATED_KEY] is True
    store.set(LANGUAGE, "en")
    assert store.migrate_once({"ui/language": "fr"}.get) == []  # never again
    assert store.get(LANGUAGE) == "en"


def test_the_command_line_reads_and_writes_the_same_file(tmp_path: Path) -> None:
    store = PreferenceStore.beside(tmp_path / "data")  # CRYPTY_DATA_DIR of the test
    store.set(THEME, "dark")
    out = io.StringIO()
    assert main(["preferences", "--json"], stdout=out) == 0
    shown = json.loads(out.getvalue())
    assert shown["ui/theme"] == "dark" and set(shown) == {p.key for p in REGISTRY}
    assert main(["preferences", "bots/auto_resume", "yes"]) == 0
    assert store.get(AUTO_RESUME) is True
    err = io.StringIO()
    assert main(["preferences", "bots/auto_resume", "maybe"], stderr=err) == 1
    assert "true or false" in err.getvalue() and store.get(AUTO_RESUME) is True
    assert main(["preferences", "ui/colour", "red"], stderr=err) == 1
    assert "No preference" in err.getvalue()
