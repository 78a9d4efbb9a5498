"""Decimal helpers: parse exchange strings and round to a symbol's step or tick (always down)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

ZERO = Decimal("0")


def dec(value: str | int | Decimal) -> Decimal:
    """Parse an amount exactly. Floats are refused: they cannot represent prices exactly."""
    if isinstance(value, float):  # pragma: no cover - a programming error, caught in tests
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
