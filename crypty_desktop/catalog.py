"""The core's sentences in the user's language, without Qt (for alerts sent by headless runs too).

Reads the ``Core`` context of ``resources/translations/crypty_<lang>.ts`` (the file the window's
translator is built from) once per language. :func:`say` translates a finished English line made
from a template of ``crypty_desktop.wording``: the template first, then each value that is itself a
known sentence (never a name the user chose: :data:`NAMES`); a decimal number takes the
language's decimal mark. Lines are said one by one unless one template spans them. Anything
unknown stays as it is.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from xml.etree import ElementTree

from crypty_desktop import wording
from crypty_desktop.domain import amounts
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.resources import resource_path

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
_NUMBER = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+\.[0-9]+)")
_lock = threading.Lock()
# Placeholders that hold a name the user chose (a bot called "Grid" stays "Grid" in French).
NAMES = frozenset({"bot", "name", "platform"})


@lru_cache(maxsize=4)
def _catalog(language: str) -> dict[str, str]:
    """English source → translation, for the ``Core`` context of ``language``."""
    path = resource_path("translations", f"crypty_{language}.ts")
    try:
        root = ElementTree.parse(path).getroot()  # noqa: S314 - the app's own bundled file
    except (OSError, ElementTree.ParseError) as exc:
        log.warning("The %s translation cannot be read (%s): English is used.", language, exc)
        return {}
    table: dict[str, str] = {}
    for context in root.iter("context"):
        if context.findtext("name") != wording.CONTEXT:
            continue
        for message in context.iter("message"):
            source = message.findtext("source")
            element = message.find("translation")
            if (
                source is None
                or element is None
                or element.get("type") in ("unfinished", "vanished")
            ):
                continue
            if element.text:
                table[source] = element.text
    return table


def _template(text: str, language: str) -> str:
    with _lock:
        table = _catalog(language)
    return table.get(text, text)


def say(text: str, language: str) -> str:
    """``text`` (a core sentence in English) in ``language``; unknown text is kept as it is."""
    if not text or language == SOURCE_LANGUAGE:
        return text
    parsed = wording.parse(text)
    if "\n" in text and (parsed is None or "\n" not in parsed.template):
        return "\n".join(say(line, language) for line in text.split("\n"))
    if parsed is None:
        return _template(text, language)
    values = {
        name: value if name in NAMES else _value(value, language)
        for name, value in parsed.values.items()
    }
    try:
        return _template(parsed.template, language).format(**values)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return parsed.template.format(**values)


def _value(value: str, language: str) -> str:
    if _NUMBER.fullmatch(value):
        try:
            number = amounts.parse_amount(value, amounts.ENGLISH)
        except ValidationError:
            return value
        return amounts.format_amount(number, language, len(value.partition(".")[2]))
    return say(value, language)
