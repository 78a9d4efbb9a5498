"""The core's sentences: marked templates, and finished lines parsed back into them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crypty_desktop import wording
from crypty_desktop.wording import QT_TRANSLATE_NOOP, parse, placeholders


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A registry of its own, so the test's templates do not join the app's."""
    monkeypatch.setattr(wording, "_templates", {})
    wording._matcher.cache_clear()
    yield
    wording._matcher.cache_clear()


def test_a_template_is_returned_unchanged_and_recorded(registry: None) -> None:
    text = QT_TRANSLATE_NOOP("Core", "Bought {quantity} {asset}.")
    assert text == "Bought {quantity} {asset}."
    assert wording.templates() == ("Bought {quantity} {asset}.",)
    assert placeholders(text) == ["quantity", "asset"]


@pytest.mark.parametrize(
    ("context", "text"),
    [("Bots", "Bought."), ("Core", "{a} then {a}"), ("Core", "{0} left"), ("Core", "{}")],
)
def test_a_badly_made_template_is_refused(registry: None, context: str, text: str) -> None:
    with pytest.raises(ValueError, match="context|placeholders"):
        QT_TRANSLATE_NOOP(context, text)


def test_lines_are_parsed_back_into_their_template_and_values(registry: None) -> None:
    QT_TRANSLATE_NOOP("Core", "{reason}: {error}")
    QT_TRANSLATE_NOOP("Core", "Buy {quantity} {asset} at market: {reason}")
    QT_TRANSLATE_NOOP("Core", "stopped by you")
    line = "Buy 0.00028 BTC at market: RSI 28.1 below 30"
    parsed = parse(line)
    assert parsed is not None
    assert parsed.template == "Buy {quantity} {asset} at market: {reason}"
    assert parsed.values == {"quantity": "0.00028", "asset": "BTC", "reason": "RSI 28.1 below 30"}
    assert parse("stopped by you") == wording.Parsed("stopped by you", {})
    catch_all = parse("Order refused: price too low")
    assert catch_all is not None and catch_all.values == {
        "reason": "Order refused",
        "error": "price too low",
    }
    assert parse("something else entirely") is None
    assert parse("stopped by you, twice") is None


def test_a_template_recorded_later_is_recognised(registry: None) -> None:
    assert parse("Warmed up on 3 candles.") is None
    QT_TRANSLATE_NOOP("Core", "Warmed up on {count} candles.")
    found = parse("Warmed up on 3 candles.")
    assert found is not None and found.values == {"count": "3"}
