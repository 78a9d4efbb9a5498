"""Decimal helpers: parse exchange strings and round to a symbol's step or tick (always down)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.wording import QT_TRANSLATE_NOOP

ZERO = Decimal("0")

# The size of a number a person types, checked on the text BEFORE Decimal sees it: "1e999999999"
# is a valid Decimal that turns into a billion-character string once written out or quantized.
NUMBER_MAX_CHARS = 40
EXPONENT_MAX = 30
NUMBER_TOO_LONG = QT_TRANSLATE_NOOP(
    "Core", "{label}: the number is too long (at most {count} characters)."
)
NUMBER_OUT_OF_RANGE = QT_TRANSLATE_NOOP(
    "Core", "{label}: the number is out of range (write it without an exponent beyond ±{limit})."
)
_EXPONENT = re.compile(r"[eE]\s*([+-]?)\s*0*([0-9]*)")


def check_number_text(text: str, label: str) -> str:
    """Refuse a typed number that is too long or too large, before it is parsed; returns it trimmed.

    Any parser of user input calls this first (the CLI's amounts, strategy parameters, the
    window's fields): a number of more than ``NUMBER_MAX_CHARS`` characters, or with an exponent
    beyond ±``EXPONENT_MAX``, gets a sentence instead of costing memory or a traceback.
    """
    text = text.strip()
    if len(text) > NUMBER_MAX_CHARS:
        raise ValidationError(NUMBER_TOO_LONG.format(label=label, count=NUMBER_MAX_CHARS))
    for _sign, digits in _EXPONENT.findall(text):
        if len(digits) > 3 or (digits and int(digits) > EXPONENT_MAX):
            raise ValidationError(NUMBER_OUT_OF_RANGE.format(label=label, limit=EXPONENT_MAX))
    return text


def dec(value: str | int | Decimal) -> Decimal:
    """Parse an amount exactly. Floats are refused: they cannot represent prices exactly."""
    if isinstance(value, float):  # pragma: no cover  # float-ok: refused, a programming error
        raise TypeError("money must not be a float; pass the exchange's string")
    try:
        result = Decimal(value)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"not a decimal amount: {value!r}") from exc
    if not result.is_finite():
        raise ValueError(f"not a finite amount: {value!r}")
    return result


def round_down(value: Decimal, step: Decimal) -> Decimal:
    """The largest multiple of ``step`` ≤ ``value`` (value ≥ 0); a zero step means no rule."""
    if step <= ZERO:
        return value
    units = value // step  # exact integer part; value / step would round to 28 digits first
    return (units * step).quantize(step.normalize()) if units else ZERO.quantize(step.normalize())


def strip(value: Decimal) -> str:
    """A Decimal as the plain string the exchange expects (no exponent, no trailing zeros)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
