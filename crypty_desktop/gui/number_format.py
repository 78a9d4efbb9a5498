"""Numbers as the user reads them: thousands separators, a sign on P&L, colour never alone.

Decimal arithmetic only, so formatting is the same in tables, labels and exported files; the
separators follow the interface language (``gui.i18n.current_language()``) unless one is given.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from crypty_desktop.gui.i18n import current_language

MINUS = "\u2212"  # a real minus sign, as wide as the plus sign
GAIN_COLOUR = "#1e8e3e"
LOSS_COLOUR = "#c5221f"
FLAT_COLOUR = ""

_SEPARATORS = {"en": (",", "."), "fr": ("\u202f", ",")}  # (thousands, decimal)


def amount(
    value: Decimal | None,
    places: int = 2,
    *,
    signed: bool = False,
    language: str | None = None,
    unit: str = "",
) -> str:
    """``value`` rounded to ``places`` with thousands separators; ``+``/``−`` when ``signed``.

    None reads "—". A value that rounds to zero has no sign. ``language`` defaults to the
    interface language (``gui.i18n.current_language()``).
    """
    if value is None:
        return "—"
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_EVEN) if places >= 0 else value
    group, point = _SEPARATORS.get(language or current_language(), _SEPARATORS["en"])
    text = f"{abs(rounded):,.{places}f}".replace(",", "\x00").replace(".", point)
    text = text.replace("\x00", group)
    if rounded < 0:
        text = MINUS + text
    elif signed and rounded > 0:
        text = "+" + text
    return f"{text} {unit}".rstrip() if unit else text


def percent(value: Decimal | None, places: int = 2, *, signed: bool = True) -> str:
    """A percentage with its sign: ``+1.25 %``, ``−0.30 %``."""
    if value is None:
        return "—"
    gap = "\u202f" if current_language() == "fr" else " "  # French: a narrow no-break space
    return f"{amount(value, places, signed=signed)}{gap}%"


def sign_colour(value: Decimal | None, places: int = 2) -> str:
    """Green for a gain, red for a loss, nothing for zero or unknown (the sign says it too).

    The value is rounded as shown (``places``), so "0.00" is never red.
    """
    if value is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    if value is None or value == 0:
        return FLAT_COLOUR
    return GAIN_COLOUR if value > 0 else LOSS_COLOUR


def quantity(value: Decimal) -> str:
    """A quantity without trailing zeros (as much precision as it has), grouped."""
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return amount(value, places)
