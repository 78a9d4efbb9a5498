"""Count-dependent core sentences: the English the core writes (1 is singular, 0 and 2 plural),
the rule each language follows (French: 0 and 1 singular), and the checks on a new sentence."""

from __future__ import annotations

import pytest

from crypty_desktop.bots.engine import RECONCILED
from crypty_desktop.bots.stopping import CANCELLED_ALL, NOT_ALL_CANCELLED
from crypty_desktop.reports.parity import MISSING_CANDLES, PARTIAL
from crypty_desktop.wording import (
    count_in,
    is_singular,
    parse,
    plural,
    plural_of,
)


def test_english_and_french_rules() -> None:
    assert [is_singular("en", n) for n in (0, 1, 2, 21)] == [False, True, False, False]
    assert [is_singular("fr", n) for n in (0, 1, 2, 21)] == [True, True, False, False]


def test_the_core_writes_the_english_form_for_the_count() -> None:
    assert [CANCELLED_ALL.format(count=n) for n in (0, 1, 2)] == [
        "Stopped; 0 open orders cancelled.",
        "Stopped; 1 open order cancelled.",
        "Stopped; 2 open orders cancelled.",
    ]
    assert RECONCILED.format(count=1) == "Reconciled 1 order with the exchange."
    assert MISSING_CANDLES.format(count=3) == "3 candles missing from the stored candles."
    assert NOT_ALL_CANCELLED.format(failed=1, count=3, error="no") == (
        "Stopped; 1 open order (of 3) could not be cancelled and may still be open: no"
    )
    assert "in 1 part;" in PARTIAL.format(filled="1", wanted="2", asset="BTC", parts=1)


def test_a_line_read_back_is_known_as_either_form() -> None:
    for n in (0, 1, 2):
        parsed = parse(CANCELLED_ALL.format(count=n))
        assert parsed is not None and plural_of(parsed.template) is CANCELLED_ALL
        assert count_in(parsed.values["count"]) == n
        assert CANCELLED_ALL.form("fr", n) == (CANCELLED_ALL.one if n < 2 else CANCELLED_ALL.other)
    assert count_in("1,204") == 1204 and count_in("two") is None


def test_a_plural_needs_both_forms_recorded_with_the_same_placeholders() -> None:
    with pytest.raises(ValueError, match="record both forms"):
        plural("Never recorded: {count} thing.", CANCELLED_ALL.other)
    with pytest.raises(ValueError, match="same placeholders"):
        plural(CANCELLED_ALL.one, NOT_ALL_CANCELLED.other)
    with pytest.raises(ValueError, match="same placeholders"):
        plural(CANCELLED_ALL.one, CANCELLED_ALL.other, "number")
    assert plural_of(CANCELLED_ALL.one) is CANCELLED_ALL  # nothing was replaced
