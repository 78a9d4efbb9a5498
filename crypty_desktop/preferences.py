"""The user's preferences: a typed registry in a JSON file beside the database, for every front end.

Each preference is declared once (:class:`Pref`: key, default, type, what it means) and read by
one rule (:func:`read_value`): a value of the wrong type, or a text that is not one of the
preference's forms, reads as the default, never as something else. ``PreferenceStore`` reads
and writes ``preferences.json`` in the data folder (atomically, ``files.write_atomically``); the
window, the command line and the core read the same file the same way. Window geometry and dock
state are not preferences: the window keeps them in QSettings.

Before this file existed the window kept these in QSettings: ``migrate_once`` copies them over on
the first start (the window hands in what QSettings holds) and records that it did.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Generic, TypeVar

from crypty_desktop.files import write_atomically
from crypty_desktop.notifications import NotificationKind

log = logging.getLogger(__name__)

T = TypeVar("T", str, bool)

PREFERENCES_FILENAME = "preferences.json"
MIGRATED_KEY = "_migrated_from_qsettings"
THEMES = ("system", "light", "dark")
LANGUAGE_CHOICES = ("", "en", "fr")  # "" follows the system
CLOSE_ASK, CLOSE_BACKGROUND, CLOSE_STOP = "", "background", "stop"
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


@dataclass(frozen=True, slots=True)
class Pref(Generic[T]):
    """One preference: its key, default, Python type, what it means, and its allowed values
    (``choices``; empty: any value of the type)."""

    key: str
    default: T
    type_: type[T]
    description: str
    choices: tuple[T, ...] = ()


LANGUAGE = Pref(
    "ui/language", "", str, "Interface and guide language; empty follows the system",
    LANGUAGE_CHOICES,
)  # fmt: skip
THEME = Pref("ui/theme", "system", str, "Colours: follow the system, light or dark", THEMES)
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
    (CLOSE_ASK, CLOSE_BACKGROUND, CLOSE_STOP),
)
ONBOARDING_DONE = Pref(
    "onboarding/done", False, bool, "The first-start wizard was finished or skipped"
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
    ONBOARDING_DONE,
    *NOTIFY.values(),
)


def parse_value(pref: Pref[T], raw: object) -> T:
    """``raw`` (from the file, the old QSettings or the command line) as the preference's type.

    A bool reads from a bool, 0 or 1, or their text forms (``true``/``1``/``yes``/``on`` and
    ``false``/``0``/``no``/``off``, any case); a str from a str among ``choices`` if it has some.

    Raises:
        ValueError: anything else.
    """
    value: object = raw
    if pref.type_ is bool and isinstance(raw, str):
        text = raw.strip().lower()
        value = True if text in _TRUE else False if text in _FALSE else None
    elif pref.type_ is bool and isinstance(raw, int) and not isinstance(raw, bool):
        value = bool(raw) if raw in (0, 1) else None
    if not isinstance(value, pref.type_) or (pref.choices and value not in pref.choices):
        allowed = "true or false" if pref.type_ is bool else ", ".join(map(repr, pref.choices))
        raise ValueError(f"{pref.key}: {raw!r} is not {allowed or 'text'}")
    return value


def read_value(pref: Pref[T], raw: object) -> T:
    """``parse_value``, with the default for what it cannot read (a stored value is never
    guessed at)."""
    try:
        return parse_value(pref, raw)
    except ValueError:
        return pref.default


def default_budget(text: str) -> Decimal:
    """The stored default budget (a plain number, ``2500.50``) as a Decimal; the default when the
    text is not a positive number."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal(DEFAULT_BUDGET.default)
    return value if value.is_finite() and value > 0 else Decimal(DEFAULT_BUDGET.default)


class PreferenceStore:
    """The preferences file. Each read looks at the file, so every window, dialog and process sees
    the latest choice; each write replaces the file atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def beside(cls, data_dir: Path) -> PreferenceStore:
        return cls(data_dir / PREFERENCES_FILENAME)

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("Preferences file %s unreadable (%s): defaults apply.", self.path, exc)
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, json.dumps(data, indent=2, sort_keys=True) + "\n")

    def get(self, pref: Pref[T]) -> T:
        return read_value(pref, self._load().get(pref.key, pref.default))

    def set(self, pref: Pref[T], value: T) -> None:
        if not isinstance(value, pref.type_) or (pref.choices and value not in pref.choices):
            raise TypeError(f"{pref.key} takes a {pref.type_.__name__} {pref.choices or ''}")
        data = self._load()
        data[pref.key] = value
        self._save(data)

    def set_many(self, values: list[tuple[Pref[Any], Any]]) -> None:
        """Several preferences in one write."""
        data = self._load()
        for pref, value in values:
            if not isinstance(value, pref.type_) or (pref.choices and value not in pref.choices):
                raise TypeError(f"{pref.key} takes a {pref.type_.__name__}")
            data[pref.key] = value
        self._save(data)

    def reset(self, pref: Pref[Any]) -> None:
        data = self._load()
        if data.pop(pref.key, None) is not None:
            self._save(data)

    def values(self) -> dict[str, Any]:
        """Every preference as read (defaults included), by key."""
        data = self._load()
        return {p.key: read_value(p, data.get(p.key, p.default)) for p in REGISTRY}

    def migrate_once(self, legacy: Callable[[str], object | None]) -> list[str]:
        """On the first start with this file, copy the preferences ``legacy(key)`` still holds
        (the window's old QSettings; None: not there), read by the one rule. Returns the keys
        copied; does nothing (returns []) once the file records that it was done.
        """
        data = self._load()
        if data.get(MIGRATED_KEY):
            return []
        copied = []
        for pref in REGISTRY:
            raw = legacy(pref.key)
            if raw is None or pref.key in data:
                continue
            data[pref.key] = read_value(pref, raw)
            copied.append(pref.key)
        data[MIGRATED_KEY] = True
        self._save(data)
        return copied
