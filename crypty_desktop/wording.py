"""Sentences the core says to people, marked so the window can say them in the user's language.

The core has no Qt and writes English. A sentence meant for a person (a bot's log line, a reason, an
error message, an audit finding) is a module-level template marked with ``QT_TRANSLATE_NOOP`` from
this module, filled with ``str.format``::

    WARMED_UP = QT_TRANSLATE_NOOP("Core", "Warmed up on {count} recent candles.")
    ...
    note(WARMED_UP.format(count=used))

The marker only records the template and returns it unchanged; Qt's ``lupdate`` collects the same
calls into the translation file (context ``Core``). The window (``gui.i18n.core_text``) recognises
a finished English line by matching it against every recorded template, translates the template and
then each filled-in value that is itself a known sentence. That works as well for lines read back
from the database, written by an earlier run, as for fresh ones.

A sentence whose words depend on a number ("1 open order", "2 open orders") is a ``Plural``: its
singular and plural templates, each marked as above, and the placeholder holding the count::

    CANCELLED = plural(
        QT_TRANSLATE_NOOP("Core", "Stopped; {count} open order cancelled."),
        QT_TRANSLATE_NOOP("Core", "Stopped; {count} open orders cancelled."),
    )
    note(CANCELLED.format(count=2))

The core writes the English form (``is_singular("en", n)``: 1 only); the window, reading either
form back, takes the count from the line and picks the form its language wants before
translating it (French: 0 and 1 are singular), so "0 open orders" is "0 ordre ouvert".

Templates must be defined at module level (a test imports every module and checks that each
template in the translation file was recorded), so a line is recognised even if the code that
writes it has not run yet in this process. Placeholder names are words (``{quantity}``), each used
once per template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from string import Formatter

CONTEXT = "Core"
SOURCE_LANGUAGE = "en"

_templates: dict[str, None] = {}  # insertion-ordered set of every template recorded
_plurals: dict[str, Plural] = {}  # each form of a count-dependent sentence → the sentence
_PLACEHOLDER = re.compile(r"^[a-z_][a-z0-9_]*$")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Record ``text`` as a sentence for people and return it unchanged (no Qt needed).

    Raises:
        ValueError: the context is not ``Core`` or a placeholder is not a plain, single-use name.
    """
    if context != CONTEXT:
        raise ValueError(f"core sentences use the {CONTEXT!r} context, not {context!r}")
    names = placeholders(text)
    if len(names) != len(set(names)) or not all(_PLACEHOLDER.match(n) for n in names):
        raise ValueError(f"placeholders must be distinct plain names: {text!r}")
    if text not in _templates:
        _templates[text] = None
        _matcher.cache_clear()
    return text


def placeholders(template: str) -> list[str]:
    """The placeholder names of a template, in order (``"{a} and {b}"`` → ``["a", "b"]``)."""
    return [name for _, name, _, _ in Formatter().parse(template) if name is not None]


def templates() -> tuple[str, ...]:
    """Every template recorded so far, in the order the modules defined them."""
    return tuple(_templates)


@dataclass(frozen=True)
class Parsed:
    """A finished line split back into its template and the values filled in."""

    template: str
    values: dict[str, str]


def parse(line: str) -> Parsed | None:
    """The template a finished line was made from, with its values; None if it is not one of ours.

    A template without placeholders matches only itself. Among templates with placeholders, the one
    with the most fixed text that matches the whole line wins, so ``"Bought {quantity} {asset}."``
    is preferred to a catch-all ``"{reason}: {error}"``. Values are matched as short as possible.
    """
    if line in _templates and not placeholders(line):
        return Parsed(line, {})
    pattern, groups = _matcher()
    found = pattern.fullmatch(line)
    if found is None:
        return None
    index = int(str(found.lastgroup)[1:])
    template, names = groups[index]
    return Parsed(template, {name: found.group(f"t{index}_{name}") for name in names})


def _fixed_text(template: str) -> str:
    return "".join(literal for literal, _, _, _ in Formatter().parse(template))


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], list[tuple[str, list[str]]]]:
    """One alternation of every template with placeholders, most fixed text first."""
    with_values = [t for t in _templates if placeholders(t)]
    with_values.sort(
        key=lambda t: -len(Formatter().format(t, **dict.fromkeys(placeholders(t), "")))
    )
    alternatives, groups = [], []
    for index, template in enumerate(with_values):
        parts = []
        for literal, name, _, _ in Formatter().parse(template):
            parts.append(re.escape(literal))
            if name is not None:
                parts.append(f"(?P<t{index}_{name}>.+?)")
        alternatives.append(f"(?P<t{index}>{''.join(parts)})")
        groups.append((template, placeholders(template)))
    return re.compile("|".join(alternatives) or "(?!)", re.DOTALL), groups


# --- count-dependent sentences -------------------------------------------------------------------
def is_singular(language: str, count: int | Decimal) -> bool:
    """Whether ``count`` takes the singular in ``language``: English 1 only, French anything
    below 2 (0, 1, and a fraction such as 0.5 or 1.5)."""
    if language == "fr":
        return -2 < count < 2
    return count in (1, -1)


@dataclass(frozen=True)
class Plural:
    """A sentence in two forms, chosen by the number in its ``count`` placeholder."""

    one: str
    other: str
    count: str = "count"

    def form(self, language: str, count: int) -> str:
        """The template ``language`` uses for ``count`` (still the English source text)."""
        return self.one if is_singular(language, count) else self.other

    def format(self, **values: object) -> str:
        """The English sentence (the core's words) for these values."""
        count = values[self.count]
        assert isinstance(count, int), "a plural's count is a whole number"
        return self.form(SOURCE_LANGUAGE, count).format(**values)


def plural(one: str, other: str, count: str = "count") -> Plural:
    """A count-dependent sentence from its two recorded templates (``QT_TRANSLATE_NOOP``).

    Raises:
        ValueError: a form not recorded, the forms' placeholders differ, or ``count`` is not one.
    """
    if one not in _templates or other not in _templates:
        raise ValueError(f"record both forms with QT_TRANSLATE_NOOP first: {one!r}")
    names = sorted(placeholders(one))
    if names != sorted(placeholders(other)) or count not in names:
        raise ValueError(f"both forms need the same placeholders, {count!r} among them: {one!r}")
    sentence = Plural(one, other, count)
    _plurals[one] = _plurals[other] = sentence
    return sentence


def plural_of(template: str) -> Plural | None:
    """The count-dependent sentence ``template`` is a form of, if it is one."""
    return _plurals.get(template)


def count_in(value: str) -> int | None:
    """The whole number a count placeholder was filled with (``3``, ``1,204``), else None."""
    digits = value.replace(",", "")
    return int(digits) if digits.lstrip("-").isdigit() else None
