"""Languages: the Qt translators, and numbers and dates written the way the reader expects.

``install_translators(app, language)`` loads ``resources/translations/crypty_<lang>.qm`` (and
Qt's own ``qtbase_<lang>.qm`` for standard buttons) and makes that language's locale the default.
Widgets built afterwards speak it: switching applies on the next start (windows already built
keep their words).

The formatting helpers take ``Decimal`` (money is never a float): French writes
``1 234,56`` with a narrow no-break space between thousands and a decimal comma, English
``1,234.56``. Dates use the locale's short format.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache

from crypty_desktop import wording
from crypty_desktop.domain import amounts
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.gui.qt import (
    QCoreApplication,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QTranslator,
)
from crypty_desktop.help import FALLBACK_LANGUAGE, LANGUAGES, pick_language
from crypty_desktop.resources import resource_path

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"  # the language the code is written in: no translator needed
MINUS = amounts.MINUS
NARROW_NBSP = amounts.NARROW_NBSP
_PERCENT_GAP = {"en": " ", "fr": NARROW_NBSP}
_LOCALES = {"en": QLocale.Language.English, "fr": QLocale.Language.French}

_installed: list[QTranslator] = []
_current = FALLBACK_LANGUAGE


def translation_path(language: str) -> str:
    """The compiled translation of the interface for ``language`` (``crypty_fr.qm``)."""
    return str(resource_path("translations", f"crypty_{language}.qm"))


def system_language() -> str:
    """The system's language if the app speaks it, else English."""
    return pick_language(None, QLocale.system().name())


def resolve_language(stored: str | None) -> str:
    """The language to use: the stored choice (``"fr"``, ``"en"``), else the system's."""
    return pick_language(stored or None, QLocale.system().name())


def locale_for(language: str) -> QLocale:
    """The locale for a language: the system's own variant when it is that language."""
    system = QLocale.system()
    wanted = _LOCALES.get(language, QLocale.Language.English)
    if system.language() == wanted:
        return system
    return QLocale(wanted)


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Make ``language`` the interface language; returns the translators installed.

    Replaces translators installed by an earlier call. English needs none. A missing or broken
    ``.qm`` file leaves the interface in English and says so in the log.
    """
    global _current
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _translated.cache_clear()
    language = language if language in LANGUAGES else FALLBACK_LANGUAGE
    _current = language
    QLocale.setDefault(locale_for(language))
    if language == SOURCE_LANGUAGE:
        return []
    ours = QTranslator(app)
    if ours.load(translation_path(language)) and not ours.isEmpty():
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("No interface translation for %s; the interface stays in English.", language)
    qt_own = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", folder):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return list(_installed)


def current_language() -> str:
    """The interface language installed last (English until ``install_translators``)."""
    return _current


# --- numbers ------------------------------------------------------------------------------------
# One writer (``domain.amounts.format_amount``) and one reader (``domain.amounts.parse_amount``);
# these add what the window needs around it: "—" for unknown, a sign on P&L, a unit.
def format_amount(
    value: Decimal | None,
    places: int | None = 2,
    *,
    signed: bool = False,
    unit: str = "",
    language: str | None = None,
) -> str:
    """``value`` rounded to ``places`` with the language's separators; ``+``/``−`` if ``signed``.

    None reads "—". A value that rounds to zero carries no sign. ``places=None`` keeps the value's
    own decimals.
    """
    if value is None:
        return "—"
    lang = language or _current
    text = amounts.format_amount(value, lang, places)
    shown = value if places is None else value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_EVEN)
    if signed and shown > 0:
        text = "+" + text
    return f"{text}{NARROW_NBSP if lang == 'fr' else ' '}{unit}" if unit else text


def format_quantity(value: Decimal | None, *, language: str | None = None) -> str:
    """A quantity with all the precision it has (no trailing zeros), grouped."""
    return format_amount(value, None, language=language)


def format_percent(
    value: Decimal | None, places: int = 2, *, signed: bool = True, language: str | None = None
) -> str:
    """A percentage with its sign: ``+1.25 %`` / ``+1,25 %`` (narrow space in French)."""
    if value is None:
        return "—"
    lang = language or _current
    number = format_amount(value, places, signed=signed, language=lang)
    return f"{number}{_PERCENT_GAP.get(lang, ' ')}%"


# --- dates --------------------------------------------------------------------------------------
def format_datetime(ms: int, *, seconds: bool = False, language: str | None = None) -> str:
    """A moment (epoch milliseconds) in the locale's short date and time format, local time."""
    locale = locale_for(language or _current)
    moment = QDateTime.fromMSecsSinceEpoch(int(ms))
    date = locale.toString(moment.date(), QLocale.FormatType.ShortFormat)
    return f"{date} {format_clock(ms, seconds=seconds, language=language)}"


def format_clock(ms: int, *, seconds: bool = False, language: str | None = None) -> str:
    """The local time of day of a moment (epoch milliseconds)."""
    locale = locale_for(language or _current)
    time = QDateTime.fromMSecsSinceEpoch(int(ms)).time()
    if seconds:
        return locale.toString(time, "HH:mm:ss")
    return locale.toString(time, QLocale.FormatType.ShortFormat)


# --- words that come from the core -------------------------------------------------------------
def core_text(text: str) -> str:
    """A word or line the core produced, in the interface language when it is a known one.

    Text of several lines that is not one template is translated line by line. A line that
    starts with a mark (``✓ Spot trading``) keeps its mark. A line made from a template of
    ``crypty_desktop.wording`` is translated template first, then each value: a value that is
    itself a known sentence is translated, a decimal number takes the language's decimal mark, and
    anything else (symbols, assets, names, Binance's own words) is kept as it is.
    """
    if not text:
        return text
    if "\n" in text and wording.parse(text) is None:
        return "\n".join(core_text(line) for line in text.split("\n"))
    mark, space, rest = text.partition(" ")
    if space and mark in ("✓", "✗", "?", "•", "⚠"):
        return f"{mark} {core_text(rest)}"
    if _current == SOURCE_LANGUAGE:
        return text
    return _translated(text, _current)


@lru_cache(maxsize=8192)
def _translated(text: str, language: str) -> str:
    parsed = wording.parse(text)
    if parsed is None:
        return QCoreApplication.translate("Core", text)
    template = QCoreApplication.translate("Core", _form(parsed, language))
    values = {name: _value_text(value, language) for name, value in parsed.values.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        log.warning("Translation of %r does not fit its placeholders.", parsed.template)
        return parsed.template.format(**values)


def core_text_places(text: str, places: Mapping[str, int]) -> str:
    """Like ``core_text``, with the numbers of named values rounded as the tables show them.

    ``places`` maps a placeholder name to its decimals (``{"price": 2, "quantity": 5}``): a bot's
    log shows ``Buy 0.00163 BTC at 61.33 USDT`` as its Orders table does, not the strategy's raw
    ``61.33333333``. Sentences inside values (a reason) follow the same rule.
    """
    parsed = wording.parse(text)
    if parsed is None or not places:
        return core_text(text)
    language = _current
    values = {}
    for name, value in parsed.values.items():
        if name in places and _ANY_NUMBER.fullmatch(value):
            number = amounts.parse_amount(value, amounts.ENGLISH)
            values[name] = amounts.format_amount(number, language, places[name])
        elif _NUMBER.fullmatch(value):
            values[name] = _value_text(value, language)
        else:
            values[name] = core_text_places(value, places)
    if language == SOURCE_LANGUAGE:
        return parsed.template.format(**values)
    template = QCoreApplication.translate("Core", _form(parsed, language))
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return parsed.template.format(**values)


def _form(parsed: wording.Parsed, language: str) -> str:
    """The template to translate: for a count-dependent sentence, the form ``language`` wants
    for the count in the line (French says "0 ordre", English "0 orders")."""
    sentence = wording.plural_of(parsed.template)
    if sentence is None:
        return parsed.template
    count = wording.count_in(parsed.values.get(sentence.count, ""))
    return parsed.template if count is None else sentence.form(language, count)


def _value_text(value: str, language: str) -> str:
    """A value of a core sentence: a number (``60,000.5``, ``-0.25``) is written the language's
    way with the decimals it has; anything else is translated if it is a sentence."""
    if _NUMBER.fullmatch(value):
        try:
            number = amounts.parse_amount(value, amounts.ENGLISH)
        except ValidationError:
            return core_text(value)
        return amounts.format_amount(number, language, _decimals(value))
    return core_text(value)


def _decimals(text: str) -> int:
    return len(text.partition(".")[2])


# 60,000.5, 1,000 or 0.25 (a whole number without separators, a count or a year, stays as it is)
_NUMBER = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+\.[0-9]+)")
_ANY_NUMBER = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")  # also 60000
