"""The one way to read a number a person typed, and the one way to show one.

The app shows amounts the interface language's way: English ``60,000.5`` (commas between
thousands, a point before the decimals), French ``60 000,5`` (a narrow no-break space between
thousands, a comma before the decimals). ``parse_amount`` reads exactly that back, and refuses
with a sentence anything the display could not have produced and that could be read two ways:
in English a comma that is not a thousands separator (``1,5``, ``1.000,5``), in French any point
(``60.000``, ``1.000,5``). It never guesses. Exponents (``1E+2``), ``NaN``, ``Infinity``, an
empty field, a lone ``.`` or ``-`` are refused too.

``format_amount`` writes what ``parse_amount`` reads back. The command line reads plain numbers
only (``1000.5``): ``parse_plain`` refuses any separator, so ``--budget 1,000`` never means 1.

No Qt here: the window and the command line use the same rules.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation, localcontext

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.wording import QT_TRANSLATE_NOOP

MAX_CHARS = 40  # longer text is refused before any Decimal work
MINUS = "\u2212"  # the minus sign the display writes
NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
ENGLISH, FRENCH = "en", "fr"
LOCALES = (ENGLISH, FRENCH)
# What the display writes: (thousands separator, decimal mark).
DISPLAY = {ENGLISH: (",", "."), FRENCH: (NARROW_NBSP, ",")}
# What is read as a thousands separator (French keyboards type a plain or a no-break space).
_GROUPS = {ENGLISH: ",", FRENCH: NARROW_NBSP + NBSP + " "}
EXAMPLE = "60,000.5"  # the example every sentence gives; the window shows it the reader's way

EMPTY = QT_TRANSLATE_NOOP("Core", "Enter a number, e.g. {example}.")
TOO_LONG = QT_TRANSLATE_NOOP("Core", "This is too long for a number (at most {count} characters).")
NOT_A_NUMBER_EN = QT_TRANSLATE_NOOP(
    "Core",
    "Write the number with a point before the decimals and commas only between thousands, "
    "e.g. {example}.",
)
NOT_A_NUMBER_FR = QT_TRANSLATE_NOOP(
    "Core",
    "Write the number with a comma before the decimals and spaces only between thousands, "
    "e.g. {example}.",
)
NOT_PLAIN = QT_TRANSLATE_NOOP(
    "Core", "{label}: “{value}” is not a plain number: write digits and a point, e.g. 1000.5."
)
NOT_PLAIN_GROUPED = QT_TRANSLATE_NOOP(
    "Core", "{label}: write {plain} without thousands separators (“{value}” is not read)."
)

_SIGN = r"(?P<sign>[-+\u2212]?)"
_PLAIN = re.compile(r"(?P<sign>-?)(?P<int>[0-9]*)(?:\.(?P<frac>[0-9]*))?")
_ENGLISH_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")


def _pattern(group: str, point: str) -> re.Pattern[str]:
    g, p = re.escape(group), re.escape(point)
    sep = f"[{g}]" if len(group) > 1 else g
    integer = rf"(?P<int>[0-9]{{1,3}}(?:{sep}[0-9]{{3}})+|[0-9]*)"
    return re.compile(rf"{_SIGN}{integer}(?:{p}(?P<frac>[0-9]*))?")


_PATTERNS = {loc: _pattern(_GROUPS[loc], DISPLAY[loc][1]) for loc in LOCALES}


def parse_amount(text: str, locale: str) -> Decimal:
    """The number ``text`` shows, written the way the app displays numbers in ``locale``.

    ``locale`` is the interface language (``"en"`` or ``"fr"``; anything else reads as English).
    Surrounding spaces are ignored. The result is exact (a Decimal, never rounded).

    Raises:
        ValidationError: empty, too long, not a number, or a number that could be read two ways;
            the message says how to write it, with an example.
    """
    locale = locale if locale in LOCALES else ENGLISH
    if len(text) > MAX_CHARS:
        raise ValidationError(TOO_LONG.format(count=MAX_CHARS))
    cleaned = text.strip(" \t\r\n" + NBSP + NARROW_NBSP)
    if not cleaned:
        raise ValidationError(EMPTY.format(example=EXAMPLE))
    match = _PATTERNS[locale].fullmatch(cleaned)
    if match is None or not (match["int"] or match["frac"]):
        wrong = NOT_A_NUMBER_FR if locale == FRENCH else NOT_A_NUMBER_EN
        raise ValidationError(wrong.format(example=EXAMPLE))
    digits = re.sub(r"[^0-9]", "", match["int"] or "") or "0"
    return _decimal(match["sign"], digits, match["frac"] or "")


def parse_plain(text: str, label: str) -> Decimal:
    """A number as a command line takes it: digits and one point (``1000.5``), nothing else.

    ``label`` names the argument in the message (``--budget``).

    Raises:
        ValidationError: one sentence saying how to write it (``1,000`` → write 1000).
    """
    if len(text) > MAX_CHARS:
        raise ValidationError(f"{label}: " + TOO_LONG.format(count=MAX_CHARS))
    cleaned = text.strip()
    match = _PLAIN.fullmatch(cleaned)
    if match is None or not (match["int"] or match["frac"]):
        if _ENGLISH_GROUPED.fullmatch(cleaned):
            raise ValidationError(
                NOT_PLAIN_GROUPED.format(label=label, plain=cleaned.replace(",", ""), value=text)
            )
        raise ValidationError(NOT_PLAIN.format(label=label, value=text))
    return _decimal(match["sign"], match["int"] or "0", match["frac"] or "")


def _decimal(sign: str, digits: str, fraction: str) -> Decimal:
    negative = sign in ("-", MINUS)
    try:
        value = Decimal(("-" if negative else "") + digits + ("." + fraction if fraction else ""))
    except InvalidOperation:  # pragma: no cover - the patterns let only digits through
        raise ValidationError(EMPTY.format(example=EXAMPLE)) from None
    # "-0" reads 0: a sign on nothing is no sign; keep the places typed ("1.50" stays 1.50).
    return value.copy_abs() if value.is_zero() else value


def format_amount(value: Decimal, locale: str, places: int | None = None) -> str:
    """``value`` the way the app shows numbers in ``locale``, readable by ``parse_amount``.

    ``places`` rounds half to even to that many decimals; None keeps the value's own decimals
    (without trailing zeros: ``Decimal("1E+2")`` shows ``100``, ``Decimal("1.50")`` ``1.5``).
    A negative number takes a real minus sign (``−1,234.5``).
    """
    if not value.is_finite():
        raise ValueError(f"not a finite amount: {value!r}")
    locale = locale if locale in LOCALES else ENGLISH
    if places is None:
        places = places_of(value)
    with localcontext() as context:  # wide enough for any number a field holds, and more
        context.prec = max(100, value.adjusted() + places + 10)
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
        text = f"{abs(rounded):,.{places}f}"
    group, point = DISPLAY[locale]
    text = text.replace(",", "\0").replace(".", point)
    text = text.replace("\0", group)
    return MINUS + text if rounded < 0 else text


def shown(value: Decimal, places: int | None = None) -> str:
    """A number in a core sentence: the English display form (``60,000.5``), which the window
    rewrites its reader's way (``gui.i18n.core_text``) and the command line prints as it is."""
    return format_amount(value, ENGLISH, places)


def places_of(value: Decimal) -> int:
    """How many decimals ``value`` has once trailing zeros are dropped (``1.50`` → 1)."""
    _sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or exponent >= 0:
        return 0
    text = "".join(map(str, digits))
    return max(-exponent - (len(text) - len(text.rstrip("0"))), 0) if text.strip("0") else 0


def written_places(value: Decimal) -> int:
    """How many decimals ``value`` was written with, trailing zeros included (``1.50`` → 2)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
