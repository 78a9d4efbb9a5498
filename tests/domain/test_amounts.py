"""The one amount reader and writer: what the app shows is what it reads, and nothing is guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from crypty_desktop.domain.amounts import (
    MAX_CHARS,
    MINUS,
    NARROW_NBSP,
    NBSP,
    format_amount,
    parse_amount,
    parse_plain,
)
from crypty_desktop.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("60,000", Decimal("60000")),
        ("60000", Decimal("60000")),
        ("1,000.00", Decimal("1000.00")),
        ("1,234,567.891", Decimal("1234567.891")),
        ("0.5", Decimal("0.5")),
        (".5", Decimal("0.5")),
        ("5.", Decimal("5")),
        ("  72,000 ", Decimal("72000")),
        (f"{MINUS}1,234.5", Decimal("-1234.5")),
        ("-3", Decimal("-3")),
        ("60.000", Decimal("60.000")),  # a point is always the decimal mark in English
    ],
)
def test_english_reads_what_the_english_display_writes(text: str, expected: Decimal) -> None:
    value = parse_amount(text, "en")
    assert value == expected
    assert str(value) == str(expected)  # exact, places kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"60{NARROW_NBSP}000", Decimal("60000")),
        (f"60{NBSP}000", Decimal("60000")),
        ("60 000", Decimal("60000")),
        (f"1{NARROW_NBSP}234{NARROW_NBSP}567,25", Decimal("1234567.25")),
        ("1,5", Decimal("1.5")),
        ("60000", Decimal("60000")),
        ("0,001", Decimal("0.001")),
        ("60,000", Decimal("60.000")),  # French display: a comma is only ever the decimal mark
        (f"{MINUS}0,5", Decimal("-0.5")),
    ],
)
def test_french_reads_what_the_french_display_writes(text: str, expected: Decimal) -> None:
    assert parse_amount(text, "fr") == expected


@pytest.mark.parametrize(
    "text",
    [
        "1,5",  # a comma that is not a thousands separator
        "1.000,5",
        "1,00,000",  # not groups of three
        "1,0000",
        "60,000,5",
        "1 000",  # English never shows a space inside a number
        "1,000.5.2",
        ",5",
    ],
)
def test_english_refuses_what_could_be_read_two_ways(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_amount(text, "en")
    assert "60,000.5" in caught.value.message  # the expected form, as an example
    assert "point before the decimals" in caught.value.message


@pytest.mark.parametrize("text", ["60.000", "1.000,5", "1.5", "1 00", "1,2,3", "12 3456"])
def test_french_refuses_a_point_and_broken_groups(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_amount(text, "fr")
    assert "comma before the decimals" in caught.value.message


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        ".",
        ",",
        "-",
        MINUS,
        "1E+2",
        "1e3",
        "NaN",
        "nan",
        "Infinity",
        "-inf",
        "sNaN",
        "0x10",
        "1_000",
        "١٢",
        "12abc",
        "USDT",
        "--1",
        "+-1",
    ],
)
def test_not_numbers_are_refused_with_a_sentence(locale: str, text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_amount(text, locale)
    assert caught.value.message.endswith(".")
    assert "e.g." in caught.value.message


def test_empty_says_enter_a_number() -> None:
    with pytest.raises(ValidationError, match="Enter a number"):
        parse_amount("  ", "en")


def test_too_long_is_refused_before_any_decimal_work() -> None:
    text = "1" * (MAX_CHARS + 1)
    with pytest.raises(ValidationError, match=f"at most {MAX_CHARS} characters"):
        parse_amount(text, "en")
    with pytest.raises(ValidationError, match=f"at most {MAX_CHARS} characters"):
        parse_plain("9" * 10_000, "--budget")
    assert parse_amount("9" * MAX_CHARS, "en") == Decimal("9" * MAX_CHARS)


@pytest.mark.parametrize(
    ("value", "locale", "places", "text"),
    [
        (Decimal("1000"), "en", 2, "1,000.00"),
        (Decimal("1E+2"), "en", None, "100"),
        (Decimal("1E+2"), "fr", None, "100"),
        (Decimal("1234567.891"), "fr", None, f"1{NARROW_NBSP}234{NARROW_NBSP}567,891"),
        (Decimal("61.33333333"), "en", 2, "61.33"),
        (Decimal("-0.5"), "en", None, f"{MINUS}0.5"),
        (Decimal("-0.001"), "en", 2, "0.00"),  # rounds to zero: no sign
        (Decimal("2.50"), "en", None, "2.5"),
        (Decimal("0.00"), "en", None, "0"),
        (
            Decimal("4.3853143177631766670954523501E-10"),
            "en",
            None,
            "0." + "0" * 9 + "43853143177631766670954523501",
        ),
    ],
)
def test_format(value: Decimal, locale: str, places: int | None, text: str) -> None:
    assert format_amount(value, locale, places) == text


amounts = st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**15), max_value=10**15)


@settings(max_examples=300, deadline=None)
@given(value=amounts, locale=st.sampled_from(["en", "fr"]), places=st.none() | st.integers(0, 12))
def test_what_is_shown_reads_back(value: Decimal, locale: str, places: int | None) -> None:
    shown = format_amount(value, locale, places)
    assume(len(shown) <= MAX_CHARS)  # a field holds no more
    read = parse_amount(shown, locale)
    if places is None:
        assert read == value
    else:
        assert read == value.quantize(Decimal(1).scaleb(-places))


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=45))
def test_any_text_is_a_number_or_a_sentence(text: str) -> None:
    for locale in ("en", "fr"):
        try:
            value = parse_amount(text, locale)
        except ValidationError as error:
            assert error.message
        else:
            assert value.is_finite()


@pytest.mark.parametrize(
    ("text", "expected"), [("1000.5", Decimal("1000.5")), ("1000", Decimal(1000)), ("0.1", None)]
)
def test_plain_numbers_for_the_command_line(text: str, expected: Decimal | None) -> None:
    assert parse_plain(text, "--budget") == (expected or Decimal(text))


def test_command_line_refuses_grouping_and_says_how_to_write_it() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_plain("1,000", "--budget")
    assert caught.value.message.startswith("--budget: write 1000 ")
    for text in ("1,5", "1 000", "1e3", "NaN", "", ".", "-", "1.000,5", f"{MINUS}1"):
        with pytest.raises(ValidationError, match="^--fee: "):
            parse_plain(text, "--fee")
