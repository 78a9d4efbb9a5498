"""Numbers as the user reads them: thousands separators, a sign on P&L, colour never alone.

The writing itself is ``domain.amounts.format_amount`` (through ``gui.i18n``), the one writer the
app has, so tables, labels, logs and fields show a number the same way and a field reads back
what it shows. The separators follow the interface language unless one is given.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from crypty_desktop.gui.i18n import MINUS, format_amount, format_percent, format_quantity
from crypty_desktop.gui.theme import GAIN_COLOUR, LOSS_COLOUR

__all__ = ["MINUS", "amount", "percent", "quantity", "sign_colour"]

FLAT_COLOUR = ""

amount = format_amount
quantity = format_quantity
percent = format_percent


def sign_colour(value: Decimal | None, places: int = 2) -> str:
    """Green for a gain, red for a loss, nothing for zero or unknown (the sign says it too).

    The value is rounded as shown (``places``), so "0.00" is never red.
    """
    if value is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    if value is None or value == 0:
        return FLAT_COLOUR
    return GAIN_COLOUR if value > 0 else LOSS_COLOUR
