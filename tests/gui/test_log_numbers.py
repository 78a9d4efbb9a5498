"""A bot's log shows prices and quantities as its Orders table does, in both languages.

Found by a user: the log read "grid level 2 of 10: buy at 61.33333333" while the tables showed
61.33.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

import crypty_desktop.bots.brokers  # noqa: F401 - records the order sentences
import crypty_desktop.strategies.grid  # noqa: F401 - records the grid's reasons
from crypty_desktop.domain.amounts import NARROW_NBSP
from crypty_desktop.domain.bots import Decision
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.gui.bot_detail import log_line, log_places
from crypty_desktop.gui.i18n import install_translators
from crypty_desktop.gui.qt import QApplication

RULES = SymbolRules(
    "BTCUSDT", "BTC", "USDT", tick_size=Decimal("0.01"), step_size=Decimal("0.00001")
)
# As brokers._describe and the grid word it today: raw numbers.
MESSAGE = "Buy 0.0016 BTC at 61.33333333 USDT (limit): grid level 2 of 10: buy at 61.33333333"


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    install_translators(qapp, "fr")
    yield
    install_translators(qapp, "en")


def line(places: dict[str, int]) -> str:
    return log_line(Decision("b", 1_700_000_000_000, "buy", MESSAGE), places)


def test_english_log_prices_are_rounded_like_the_tables(qapp: QApplication) -> None:
    text = line(log_places(RULES))
    assert text.endswith(
        "Buy 0.00160 BTC at 61.33 USDT (limit): grid level 2 of 10: buy at 61.33"
    ), text
    assert "61.333" not in text


def test_french_log_prices_are_rounded_and_written_the_french_way(french: None) -> None:
    text = line(log_places(RULES))
    assert "61,33" in text and "61,333" not in text and "0,00160" in text
    assert "niveau" in text  # the grid's reason is translated too
    big = log_line(
        Decision("b", 1_700_000_000_000, "buy", "Buy 0.5 BTC at 60000 USDT (limit): x"),
        log_places(RULES),
    )
    assert f"60{NARROW_NBSP}000,00" in big


def test_without_rules_the_log_keeps_the_numbers_it_has(qapp: QApplication) -> None:
    assert "61.33333333" in line(log_places(None))
