"""Names people give platforms and bots: printable, trimmed, bounded, unique whatever the case.

A name is shown in the window, in terminals and in logs. Control characters (newlines, ANSI
escape sequences), format characters (right-to-left overrides and other direction marks, zero
width characters) and separators other than the plain space could rewrite what a terminal or a
list shows, so they are refused, not silently removed: the user sees the name they will get.
"""

from __future__ import annotations

import unicodedata

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.wording import QT_TRANSLATE_NOOP

NAME_UNPRINTABLE = QT_TRANSLATE_NOOP(
    "Core",
    "The name can only hold printable characters: no line breaks, tabs, control codes or "
    "text-direction marks.",
)

# Cc: controls (ESC, newline, tab, DEL…); Cf: format (U+202A–U+202E, U+2066–U+2069, U+200E/F,
# U+061C, zero-width joiners…); Cs/Co/Cn: surrogates, private use, unassigned; Zl/Zp: line and
# paragraph separators. Zs other than the plain space (e.g. U+2028 is Zl, U+00A0 is Zs) is
# turned into a plain space so two names that look alike are one name.
_REFUSED = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def clean_name(text: str, *, max_length: int, missing: str, too_long: str) -> str:
    """The name as it will be saved: NFC, spaces unified, trimmed, checked; else ValidationError.

    ``missing`` and ``too_long`` are the caller's sentences (``too_long`` has ``{count}``).
    """
    name = unicodedata.normalize("NFC", text).strip()
    if any(unicodedata.category(ch) in _REFUSED for ch in name):
        raise ValidationError(NAME_UNPRINTABLE)
    name = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in name).strip()
    if not name:
        raise ValidationError(missing.format(count=max_length))
    if len(name) > max_length:
        raise ValidationError(too_long.format(count=max_length))
    return name


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same name: "TR" and "tr" are."""
    return a.casefold() == b.casefold()


def shown(text: str) -> str:
    """Text safe to print in a terminal: anything that is not printable appears as ``\\uXXXX``.

    For names saved before names were checked, and for any user text echoed back in a message.
    """
    if text.isprintable():  # the refused categories are all unprintable: nothing to escape
        return text
    out = []
    for ch in text:
        if ch == " " or (ch.isprintable() and unicodedata.category(ch) not in _REFUSED):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return "".join(out)
