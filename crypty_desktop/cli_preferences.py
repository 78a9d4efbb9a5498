"""``crypty preferences``: the preferences of the window's Settings, the same file and rules."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, TextIO

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.settings import Settings

if TYPE_CHECKING:  # the registry names the notifications: loaded only when asked
    from crypty_desktop.preferences import Pref


def _pref(key: str) -> Pref[Any]:
    from crypty_desktop.preferences import REGISTRY

    for pref in REGISTRY:
        if pref.key == key:
            return pref
    known = ", ".join(p.key for p in REGISTRY)
    raise ValidationError(f"No preference “{key}”. Known: {known}.")


def cmd_preferences(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    from crypty_desktop.preferences import REGISTRY, PreferenceStore, parse_value

    store = PreferenceStore.beside(settings.data_dir)
    if args.key is not None:
        pref = _pref(args.key)
        if args.value is None:
            raise ValidationError(f"Give the value of {pref.key}.")
        try:
            value = parse_value(pref, args.value)
        except ValueError as exc:
            raise ValidationError(f"{exc}.") from None
        store.set(pref, value)
        return 0
    values = store.values()
    if args.json:
        json.dump(values, out, indent=2)
        out.write("\n")
        return 0
    for pref in REGISTRY:
        print(f"{pref.key:<36} {json.dumps(values[pref.key]):<14} {pref.description}", file=out)
    return 0


def add_preferences_command(groups: Any) -> None:
    prefs = groups.add_parser(
        "preferences",
        help="show or change the preferences the window's Settings shows",
        description="Without arguments: every preference and its value. With KEY VALUE: change "
        "one (the window reads it on its next look).",
    )
    prefs.add_argument("key", nargs="?", metavar="KEY")
    prefs.add_argument("value", nargs="?", metavar="VALUE")
    prefs.add_argument("--json", action="store_true")
    prefs.set_defaults(handler=cmd_preferences, needs_core=False)
