"""Symbol filters: rounding down to step and tick, checks with plain-words messages, budgets."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crypty_desktop.domain.errors import FilterRejected, ValidationError
from crypty_desktop.domain.filters import (
    check_order,
    is_multiple,
    min_order_quote,
    prepare_order,
    quote_to_quantity,
)
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.domain.money import round_down
from crypty_desktop.domain.orders import OrderRequest, OrderType, Side

D = Decimal
BUY, SELL = Side.BUY, Side.SELL
LIMIT, MARKET = OrderType.LIMIT, OrderType.MARKET

BTCUSDT = SymbolRules(
    symbol="BTCUSDT",
    base_asset="BTC",
    quote_asset="USDT",
    tick_size=D("0.01"),
    min_price=D("0.01"),
    max_price=D("1000000"),
    step_size=D("0.00001"),
    min_qty=D("0.00001"),
    max_qty=D("9000"),
    market_max_qty=D("100"),
    min_notional=D("5"),
    max_notional=D("9000000"),
)
ETHBTC = SymbolRules(
    symbol="ETHBTC",
    base_asset="ETH",
    quote_asset="BTC",
    tick_size=D("0.00001"),
    min_price=D("0.00001"),
    max_price=D("922327"),
    step_size=D("0.0001"),
    min_qty=D("0.0001"),
    max_qty=D("100000"),
    min_notional=D("0.0001"),
)


def prep(
    rules: SymbolRules,
    side: Side,
    kind: OrderType,
    qty: str,
    price: str | None = None,
    ref: str | None = None,
) -> OrderRequest:
    return prepare_order(
        rules,
        side,
        kind,
        D(qty),
        D(price) if price else None,
        D(ref) if ref else None,
        "cid-1",
    )


# --- hand-computed examples ------------------------------------------------------------------


def test_limit_buy_rounds_quantity_and_price_down() -> None:
    req = prep(BTCUSDT, BUY, LIMIT, "0.0123456", "65432.109")
    assert req.quantity == D("0.01234")
    assert req.price == D("65432.10")
    assert req.type is LIMIT and req.side is BUY and req.client_order_id == "cid-1"


def test_limit_sell_price_is_rounded_down_too() -> None:
    assert prep(BTCUSDT, SELL, LIMIT, "0.001", "65432.109").price == D("65432.10")


def test_market_order_has_no_price_and_uses_reference_for_value() -> None:
    req = prep(BTCUSDT, BUY, MARKET, "0.0001", ref="60000")  # worth 6 USDT
    assert req.price is None and req.quantity == D("0.00010")


def test_min_notional_message_names_amounts_and_asset() -> None:
    with pytest.raises(FilterRejected) as err:
        prep(BTCUSDT, BUY, LIMIT, "0.00007", "60000")  # 4.20 USDT
    assert (
        str(err.value) == "This order is worth 4.20 USDT; Binance's minimum for BTCUSDT is 5 USDT."
    )
    assert err.value.code == -1013


def test_min_notional_shown_below_the_minimum_never_rounded_up_to_it() -> None:
    with pytest.raises(FilterRejected, match=r"worth 4\.99 USDT"):
        prep(BTCUSDT, BUY, LIMIT, "0.00011", "45454.54")  # 4.9999994 USDT


def test_min_notional_in_btc_for_ethbtc() -> None:
    with pytest.raises(FilterRejected) as err:
        prep(ETHBTC, SELL, LIMIT, "0.0019", "0.05")  # 0.000095 BTC
    assert str(err.value) == (
        "This order is worth 0.00009 BTC; Binance's minimum for ETHBTC is 0.0001 BTC."
    )


def test_market_order_min_notional_uses_reference_price() -> None:
    with pytest.raises(FilterRejected, match="worth 4.80 USDT"):
        prep(BTCUSDT, SELL, MARKET, "0.00008", ref="60000")


def test_market_order_skips_min_notional_when_not_applied_to_market() -> None:
    rules = replace(BTCUSDT, apply_min_to_market=False)
    assert prep(rules, SELL, MARKET, "0.00008").quantity == D("0.00008")


def test_market_order_without_reference_price_is_refused_when_value_matters() -> None:
    with pytest.raises(ValidationError, match="price is needed"):
        prep(BTCUSDT, BUY, MARKET, "0.001")


def test_quantity_rounding_to_zero_is_rejected_with_the_minimum() -> None:
    with pytest.raises(FilterRejected) as err:
        prep(BTCUSDT, BUY, LIMIT, "0.000004", "60000")
    assert str(err.value) == (
        "This order is for 0 BTC; Binance's minimum for BTCUSDT is 0.00001 BTC."
    )


def test_max_quantity_and_market_lot_size() -> None:
    with pytest.raises(FilterRejected, match="maximum for BTCUSDT is 9000 BTC"):
        prep(BTCUSDT, BUY, LIMIT, "9000.5", "1")
    # MARKET_LOT_SIZE caps market orders lower than LOT_SIZE
    with pytest.raises(FilterRejected, match="maximum for BTCUSDT is 100 BTC"):
        prep(BTCUSDT, BUY, MARKET, "150", ref="1")
    assert prep(BTCUSDT, BUY, LIMIT, "150", "1").quantity == D("150.00000")


def test_market_lot_size_step_is_used_for_market_orders_when_set() -> None:
    rules = replace(BTCUSDT, market_step_size=D("0.001"))
    assert prep(rules, BUY, MARKET, "0.12345", ref="60000").quantity == D("0.123")
    assert prep(rules, BUY, LIMIT, "0.12345", "60000").quantity == D("0.12345")


def test_price_limits() -> None:
    with pytest.raises(FilterRejected, match="above Binance's maximum price for BTCUSDT"):
        prep(BTCUSDT, SELL, LIMIT, "0.001", "2000000")
    rules = replace(BTCUSDT, min_price=D("100"))
    with pytest.raises(FilterRejected, match="below Binance's minimum price"):
        prep(rules, BUY, LIMIT, "1", "99.99")


def test_max_notional_for_limit_not_for_market_by_default() -> None:
    rules = replace(BTCUSDT, max_notional=D("1000"))
    with pytest.raises(FilterRejected, match="maximum for BTCUSDT is 1000 USDT"):
        prep(rules, BUY, LIMIT, "0.1", "60000")
    assert prep(rules, BUY, MARKET, "0.1", ref="60000").quantity == D("0.10000")
    strict = replace(rules, apply_max_to_market=True)
    with pytest.raises(FilterRejected, match="worth 6000.00 USDT"):
        prep(strict, BUY, MARKET, "0.1", ref="60000")


def test_not_trading_and_bad_input_are_validation_errors() -> None:
    with pytest.raises(ValidationError, match="not trading right now"):
        prep(replace(BTCUSDT, status="BREAK"), BUY, LIMIT, "1", "60000")
    with pytest.raises(ValidationError, match="more than zero"):
        prep(BTCUSDT, BUY, LIMIT, "0", "60000")
    with pytest.raises(ValidationError, match="needs a price"):
        prep(BTCUSDT, BUY, LIMIT, "1")


def test_check_order_does_not_round_it_rejects() -> None:
    off_step = OrderRequest("BTCUSDT", BUY, LIMIT, D("0.000015"), "c1", D("60000"))
    with pytest.raises(FilterRejected, match=r"quantity steps \(0\.00001 BTC\)"):
        check_order(BTCUSDT, off_step)
    off_tick = OrderRequest("BTCUSDT", BUY, LIMIT, D("0.001"), "c2", D("60000.005"))
    with pytest.raises(FilterRejected, match=r"price steps \(0\.01 USDT\)"):
        check_order(BTCUSDT, off_tick)


def test_quote_to_quantity_and_min_order_quote() -> None:
    # 100 USDT at 65,432.10 buys 0.0015282... BTC → 0.00152
    assert quote_to_quantity(BTCUSDT, D("100"), D("65432.109")) == D("0.00152")
    assert quote_to_quantity(BTCUSDT, D("0"), D("65432.1")) == 0
    # 5 USDT at 60,000 needs 0.0000833 BTC → 9 steps of 0.00001 = 0.00009 BTC = 5.40 USDT
    assert min_order_quote(BTCUSDT, D("60000")) == D("5.40")
    # at a low price the minimum quantity, not the value, decides: 0.00001 BTC at 1,000,000 = 10
    assert min_order_quote(BTCUSDT, D("1000000")) == D("10.00")
    # ETHBTC at 0.05: 0.0001 BTC / 0.05 = 0.002 ETH exactly
    assert min_order_quote(ETHBTC, D("0.05")) == D("0.0001")


def test_min_order_quote_impossible_market() -> None:
    rules = replace(BTCUSDT, max_qty=D("0.00005"))
    with pytest.raises(FilterRejected, match="No BTCUSDT order is possible"):
        min_order_quote(rules, D("60000"))


# --- properties --------------------------------------------------------------------------------

steps = st.sampled_from([D("1"), D("0.1"), D("0.01"), D("0.001"), D("0.00001"), D("0.00000001")])
odd_steps = st.sampled_from([D("0.5"), D("0.25"), D("0.05"), D("5"), D("0.00002500")])
amounts = st.decimals(min_value=D("0.00000001"), max_value=D("1000000"), places=12, allow_nan=False)


@given(value=amounts, step=st.one_of(steps, odd_steps))
def test_round_down_is_the_largest_multiple_not_above(value: Decimal, step: Decimal) -> None:
    rounded = round_down(value, step)
    assert isinstance(rounded, Decimal)
    assert is_multiple(rounded, step)
    assert rounded <= value
    assert rounded > value - step


@given(
    value=st.decimals(min_value=D("0.1"), max_value=D("10"), places=40, allow_nan=False),
    step=steps,
)
def test_round_down_never_rounds_up_long_decimals(value: Decimal, step: Decimal) -> None:
    assert round_down(value, step) <= value


@st.composite
def symbol_rules(draw: st.DrawFn) -> SymbolRules:
    return SymbolRules(
        symbol="XYZUSDT",
        base_asset="XYZ",
        quote_asset="USDT",
        tick_size=draw(st.one_of(steps, odd_steps)),
        step_size=draw(st.one_of(steps, odd_steps)),
        min_qty=draw(st.sampled_from([D("0"), D("0.001"), D("1")])),
        min_notional=draw(st.sampled_from([D("0"), D("5"), D("10")])),
        apply_min_to_market=draw(st.booleans()),
    )


@given(
    rules=symbol_rules(),
    side=st.sampled_from(list(Side)),
    kind=st.sampled_from([OrderType.MARKET, OrderType.LIMIT]),  # what strategies place
    qty=amounts,
    price=amounts,
)
def test_a_prepared_order_always_passes_the_filters(
    rules: SymbolRules, side: Side, kind: OrderType, qty: Decimal, price: Decimal
) -> None:
    try:
        req = prepare_order(rules, side, kind, qty, price, price, "cid-9")
    except (FilterRejected, ValidationError):
        return  # a refusal is fine; an order that would be refused later is not
    check_order(rules, req, reference_price=price)
    assert all(isinstance(v, Decimal) for v in (req.quantity, req.price or D(0)))
    step = rules.step_size
    assert is_multiple(req.quantity, step) and req.quantity <= qty and req.quantity > qty - step
    if kind is LIMIT:
        assert req.price is not None
        assert req.price <= price and req.price > price - rules.tick_size
        assert is_multiple(req.price, rules.tick_size)


@given(rules=symbol_rules(), ticks=st.integers(1, 10**7), extra=st.integers(0, 99))
def test_the_minimum_budget_buys_a_valid_order(rules: SymbolRules, ticks: int, extra: int) -> None:
    # A price of at least one tick (drawn in ticks, so that no draw is thrown away), plus a part of
    # a tick that rounding must drop.
    price = rules.tick_size * ticks + rules.tick_size * extra / 100
    try:
        budget = min_order_quote(rules, price)
    except FilterRejected:
        return
    assert isinstance(budget, Decimal)
    qty = quote_to_quantity(rules, budget, price)
    req = prepare_order(rules, BUY, LIMIT, qty, price, None, "cid-2")
    assert req.quantity == qty
    assert req.quantity * (req.price or 0) <= budget
    # one step less is not a valid order
    smaller = qty - rules.step_size
    if smaller > 0:
        with pytest.raises(FilterRejected):
            prepare_order(rules, BUY, LIMIT, smaller, price, None, "cid-3")
