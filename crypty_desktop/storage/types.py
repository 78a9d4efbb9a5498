"""Column types: Decimal kept as exact text (SQLite's NUMERIC would turn it into a float)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.types import String, TypeDecorator

from crypty_desktop.domain.money import strip


class DecimalText(TypeDecorator[Decimal]):
    """Stores a Decimal as its plain string and reads it back exactly."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, float):  # float-ok: refused
            raise TypeError("money must not be a float")
        return strip(Decimal(value))

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)
