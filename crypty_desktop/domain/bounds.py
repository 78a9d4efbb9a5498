"""Amounts a person types (budgets, percentages, fees): positive, bounded, read as plain numbers.

Used by the bot service, the backtest and the command line alike; no I/O.
"""

from __future__ import annotations

from decimal import Decimal

from crypty_desktop.domain.amounts import parse_plain
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.money import check_number_text, strip
from crypty_desktop.wording import QT_TRANSLATE_NOOP

REQUIRED = QT_TRANSLATE_NOOP("Core", "{label} is required.")
NOT_POSITIVE = QT_TRANSLATE_NOOP("Core", "{label} must be a positive number.")
TOO_LARGE = QT_TRANSLATE_NOOP("Core", "{label} is too large (at most {maximum}).")
# No budget, percentage or fee a person means is beyond this; 10^30 is a typo or an attack.
AMOUNT_MAX = Decimal(10) ** 12
NOT_A_PERCENT = QT_TRANSLATE_NOOP("Core", "{label} must be above 0 % and below 100 %.")


def parse_amount(
    label: str,
    raw: str | Decimal | None,
    *,
    allow_none: bool = False,
    maximum: Decimal = AMOUNT_MAX,
) -> Decimal | None:
    """A positive amount, bounded in size: a Decimal as given, or a text read as a plain number
    (``1000.5``, the command line's form; ``domain.amounts.parse_plain``), its length checked
    before it is read."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if allow_none:
            return None
        raise ValidationError(REQUIRED.format(label=label))
    if isinstance(raw, Decimal):
        value = raw
    else:
        value = parse_plain(check_number_text(str(raw), label), label)
    if not value.is_finite() or value <= 0:
        raise ValidationError(NOT_POSITIVE.format(label=label))
    if value > maximum:
        raise ValidationError(TOO_LARGE.format(label=label, maximum=strip(maximum)))
    return value


def parse_percent(label: str, raw: str | Decimal | None) -> Decimal | None:
    """A percentage of a risk limit (stop-loss, max drawdown): empty, or above 0 and below 100."""
    value = parse_amount(label, raw, allow_none=True)
    if value is not None and value >= 100:
        raise ValidationError(NOT_A_PERCENT.format(label=label))
    return value
