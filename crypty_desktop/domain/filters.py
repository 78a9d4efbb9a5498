"""A symbol's trading filters: round an order to them, and check one against them.

Binance refuses an order that breaks a filter (error -1013, "Filter failure: ..."). The app rounds
every order before sending it, so that this never happens, and checks it again so that a refusal is
explained in words before anything leaves the computer.

House rules for rounding (always down, never in the exchange's favour of a bigger order):
- quantity: down to the LOT_SIZE step; for MARKET orders down to the MARKET_LOT_SIZE step when that
  filter sets one;
- price (LIMIT orders): down to the PRICE_FILTER tick, for buys *and* sells. A buy then never pays
  more than asked; a sell asks a hair less than asked, which only makes it likelier to fill.

Which filters an order must pass:
- PRICE_FILTER (LIMIT only): ``min_price ≤ price ≤ max_price``, price a multiple of the tick;
- LOT_SIZE (every order) and, for MARKET orders, MARKET_LOT_SIZE: ``min ≤ quantity ≤ max``; the
  quantity is a multiple of the order type's step (see above);
- NOTIONAL / MIN_NOTIONAL: ``quantity × price`` (LIMIT) or ``quantity × reference price``
  (MARKET) at least ``min_notional`` (for MARKET only if ``apply_min_to_market``) and at most
  ``max_notional`` (for MARKET only if ``apply_max_to_market``).

A zero in a rule means "no such rule", as in Binance's exchangeInfo. Everything is ``Decimal``.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_UP, Decimal, localcontext

from crypty_desktop.domain.errors import FilterRejected, InvalidOrder
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.domain.money import ZERO, round_down, strip
from crypty_desktop.domain.orders import OrderRequest, OrderType, Side
from crypty_desktop.wording import QT_TRANSLATE_NOOP

FILTER_FAILURE = -1013  # Binance's code for "Filter failure: ..."

# Sentences for people (see crypty_desktop.wording). An asset named twice has two placeholders.
QUANTITY_NOT_POSITIVE = QT_TRANSLATE_NOOP("Core", "The order quantity must be more than zero.")
LIMIT_NEEDS_PRICE = QT_TRANSLATE_NOOP("Core", "A limit order needs a price above zero.")
PRICE_NEEDED = QT_TRANSLATE_NOOP(
    "Core", "The current {symbol} price is needed to check a market order's value."
)
PRICE_NOT_POSITIVE = QT_TRANSLATE_NOOP("Core", "The price must be above zero.")
PRICE_NOT_POSITIVE_FOR = QT_TRANSLATE_NOOP("Core", "The price must be above zero ({symbol}).")
NO_ORDER_POSSIBLE = QT_TRANSLATE_NOOP(
    "Core",
    "No {symbol} order is possible at {price} {quote}: the largest allowed order is too small to "
    "reach the minimum value.",
)
NOT_TRADING = QT_TRANSLATE_NOOP(
    "Core",
    "{symbol} is not trading right now (Binance status: {status}). No order can be placed until "
    "trading resumes.",
)
PRICE_BELOW_MIN = QT_TRANSLATE_NOOP(
    "Core",
    "The price {price} {quote} is below Binance's minimum price for {symbol}, {minimum} "
    "{minimum_quote}.",
)
PRICE_ABOVE_MAX = QT_TRANSLATE_NOOP(
    "Core",
    "The price {price} {quote} is above Binance's maximum price for {symbol}, {maximum} "
    "{maximum_quote}.",
)
PRICE_OFF_TICK = QT_TRANSLATE_NOOP(
    "Core",
    "The price {price} {quote} is not a whole number of {symbol}'s price steps ({tick} "
    "{tick_quote}).",
)
QUANTITY_BELOW_MIN = QT_TRANSLATE_NOOP(
    "Core",
    "This order is for {quantity} {base}; Binance's minimum for {symbol} is {minimum} "
    "{minimum_base}.",
)
QUANTITY_ABOVE_MAX = QT_TRANSLATE_NOOP(
    "Core",
    "This order is for {quantity} {base}; Binance's maximum for {symbol} is {maximum} "
    "{maximum_base}.",
)
QUANTITY_OFF_STEP = QT_TRANSLATE_NOOP(
    "Core",
    "The quantity {quantity} {base} is not a whole number of {symbol}'s quantity steps ({step} "
    "{step_base}).",
)
VALUE_BELOW_MIN = QT_TRANSLATE_NOOP(
    "Core",
    "This order is worth {value} {quote}; Binance's minimum for {symbol} is {minimum} "
    "{minimum_quote}.",
)
VALUE_ABOVE_MAX = QT_TRANSLATE_NOOP(
    "Core",
    "This order is worth {value} {quote}; Binance's maximum for {symbol} is {maximum} "
    "{maximum_quote}.",
)
PRICE_BELOW_TICK = QT_TRANSLATE_NOOP(
    "Core", "The price {price} {quote} is below {symbol}'s price step."
)


def quantity_step(rules: SymbolRules, order_type: OrderType) -> Decimal:
    """The step an order's quantity must be a multiple of (zero: no step rule)."""
    if order_type is OrderType.MARKET and rules.market_step_size > ZERO:
        return rules.market_step_size
    return rules.step_size


def is_multiple(value: Decimal, step: Decimal) -> bool:
    """Whether ``value`` is an exact multiple of ``step`` (a zero step accepts anything)."""
    if step <= ZERO:
        return True
    with localcontext() as ctx:
        ctx.prec = 80  # exact for any amount an exchange can express
        return value % step == ZERO


def prepare_order(
    rules: SymbolRules,
    side: Side,
    order_type: OrderType,
    quantity: Decimal,
    price: Decimal | None,
    reference_price: Decimal | None,
    client_order_id: str,
) -> OrderRequest:
    """Round an order to the symbol's filters and check it; return the request to send.

    Args:
        rules: the symbol's filters.
        side: BUY or SELL.
        order_type: MARKET or LIMIT.
        quantity: the wanted base quantity; rounded down to the step.
        price: the limit price (LIMIT only; ignored for MARKET); rounded down to the tick.
        reference_price: the current price, used to value a MARKET order against the notional
            rules. Required for a MARKET order when such a rule applies to market orders.
        client_order_id: the order's ``newClientOrderId``.

    Raises:
        InvalidOrder (a ValidationError): the market is not trading, or an amount is missing or
            not positive.
        FilterRejected: the rounded order breaks a filter; the message names the limit and asset.
    """
    _require_trading(rules)
    if quantity <= ZERO:
        raise InvalidOrder(QUANTITY_NOT_POSITIVE)
    limit_price: Decimal | None = None
    if order_type is OrderType.LIMIT:
        if price is None or price <= ZERO:
            raise InvalidOrder(LIMIT_NEEDS_PRICE)
        limit_price = round_down(price, rules.tick_size)
    elif _market_notional_applies(rules) and (reference_price is None or reference_price <= ZERO):
        raise InvalidOrder(PRICE_NEEDED.format(symbol=rules.symbol))
    request = OrderRequest(
        symbol=rules.symbol,
        side=side,
        type=order_type,
        quantity=round_down(quantity, quantity_step(rules, order_type)),
        client_order_id=client_order_id,
        price=limit_price,
    )
    check_order(rules, request, reference_price)
    return request


def check_order(
    rules: SymbolRules, request: OrderRequest, reference_price: Decimal | None = None
) -> None:
    """Check an order against every filter, without rounding anything (what Binance does).

    ``reference_price`` values a MARKET order for the notional rules; when it is ``None`` those
    rules are skipped for a MARKET order.

    Raises:
        InvalidOrder (a ValidationError): the market is not trading.
        FilterRejected: the first broken filter, in Binance's order (price, quantity, value).
    """
    _require_trading(rules)
    if request.type.has_price:
        assert request.price is not None  # OrderRequest guarantees it
        _check_price(rules, request.price)
    _check_quantity(rules, request.type, request.quantity)
    value_price = request.price if request.type.has_price else reference_price
    if value_price is not None:
        _check_notional(rules, request.type, request.quantity * value_price)


def quote_to_quantity(
    rules: SymbolRules,
    quote_amount: Decimal,
    price: Decimal,
    order_type: OrderType = OrderType.LIMIT,
) -> Decimal:
    """How much base ``quote_amount`` buys at ``price``, rounded down to the step.

    The price is first rounded down to the tick, as :func:`prepare_order` does for a limit price,
    so the quantity returned is what the rounded order can really pay for.
    """
    if price <= ZERO:
        raise InvalidOrder(PRICE_NOT_POSITIVE)
    if quote_amount <= ZERO:
        return ZERO
    tick_price = _tick_price(rules, price)
    with localcontext() as ctx:
        ctx.prec = 80
        ctx.rounding = ROUND_DOWN
        raw = quote_amount / tick_price
    return round_down(raw, quantity_step(rules, order_type))


def min_order_quote(
    rules: SymbolRules, price: Decimal, order_type: OrderType = OrderType.LIMIT
) -> Decimal:
    """The smallest budget (in the quote asset) that makes a valid order at ``price``.

    Spending exactly this amount through :func:`quote_to_quantity` gives the smallest quantity
    that passes the size and value filters at the tick-rounded price.

    Raises:
        InvalidOrder (a ValidationError): the price is not above zero.
        FilterRejected: no order at all is possible at this price (the maximum size is too small).
    """
    if price <= ZERO:
        raise InvalidOrder(PRICE_NOT_POSITIVE)
    tick_price = _tick_price(rules, price)
    step = quantity_step(rules, order_type)
    quantity = max(_round_up(_min_qty(rules, order_type), step), step)
    if order_type is OrderType.LIMIT or rules.apply_min_to_market:
        with localcontext() as ctx:
            ctx.prec = 80
            ctx.rounding = ROUND_CEILING
            needed = rules.min_notional / tick_price
        quantity = max(quantity, _round_up(needed, step))
    if quantity <= ZERO:
        return ZERO  # no size, step or value rule: any amount will do
    max_qty = _max_qty(rules, order_type)
    if max_qty > ZERO and quantity > max_qty:
        raise FilterRejected(
            NO_ORDER_POSSIBLE.format(
                symbol=rules.symbol, price=strip(tick_price), quote=rules.quote_asset
            ),
            code=FILTER_FAILURE,
        )
    return quantity * tick_price


# --- the checks --------------------------------------------------------------------------------


def _require_trading(rules: SymbolRules) -> None:
    if not rules.trading:
        raise InvalidOrder(NOT_TRADING.format(symbol=rules.symbol, status=rules.status))


def _market_notional_applies(rules: SymbolRules) -> bool:
    return (rules.min_notional > ZERO and rules.apply_min_to_market) or (
        rules.max_notional > ZERO and rules.apply_max_to_market
    )


def _check_price(rules: SymbolRules, price: Decimal) -> None:
    if price <= ZERO:
        raise FilterRejected(
            PRICE_NOT_POSITIVE_FOR.format(symbol=rules.symbol), code=FILTER_FAILURE
        )
    unit, amount = ("quote", rules.quote_asset), ("price", price)
    if rules.min_price > ZERO and price < rules.min_price:
        raise _refused(PRICE_BELOW_MIN, rules, unit, amount, ("minimum", rules.min_price))
    if rules.max_price > ZERO and price > rules.max_price:
        raise _refused(PRICE_ABOVE_MAX, rules, unit, amount, ("maximum", rules.max_price))
    if not is_multiple(price, rules.tick_size):
        raise _refused(PRICE_OFF_TICK, rules, unit, amount, ("tick", rules.tick_size))


def _refused(
    template: str,
    rules: SymbolRules,
    unit: tuple[str, str],
    amount: tuple[str, Decimal],
    bound: tuple[str, Decimal],
) -> FilterRejected:
    """A filter's refusal in words: the amount and the rule's bound, both in the same asset.

    ``unit`` is (placeholder, asset), e.g. ``("quote", "USDT")``; the bound's unit placeholder is
    its name with the unit's (``{minimum_quote}``), as a template uses each placeholder once.
    """
    (unit_name, asset), (amount_name, value), (bound_name, limit) = unit, amount, bound
    values = {amount_name: strip(value), unit_name: asset, "symbol": rules.symbol}
    values |= {bound_name: strip(limit), f"{bound_name}_{unit_name}": asset}
    return FilterRejected(template.format(**values), code=FILTER_FAILURE)


def _min_qty(rules: SymbolRules, order_type: OrderType) -> Decimal:
    if order_type is OrderType.MARKET:
        return max(rules.min_qty, rules.market_min_qty)
    return rules.min_qty


def _max_qty(rules: SymbolRules, order_type: OrderType) -> Decimal:
    limits = [rules.max_qty]
    if order_type is OrderType.MARKET:
        limits.append(rules.market_max_qty)
    enabled = [limit for limit in limits if limit > ZERO]
    return min(enabled) if enabled else ZERO


def _check_quantity(rules: SymbolRules, order_type: OrderType, quantity: Decimal) -> None:
    unit, amount = ("base", rules.base_asset), ("quantity", quantity)
    min_qty, max_qty = _min_qty(rules, order_type), _max_qty(rules, order_type)
    if quantity <= ZERO or (min_qty > ZERO and quantity < min_qty):
        raise _refused(QUANTITY_BELOW_MIN, rules, unit, amount, ("minimum", min_qty))
    if max_qty > ZERO and quantity > max_qty:
        raise _refused(QUANTITY_ABOVE_MAX, rules, unit, amount, ("maximum", max_qty))
    step = quantity_step(rules, order_type)
    if not is_multiple(quantity, step):
        raise _refused(QUANTITY_OFF_STEP, rules, unit, amount, ("step", step))


def _check_notional(rules: SymbolRules, order_type: OrderType, notional: Decimal) -> None:
    quote = rules.quote_asset
    market = order_type is OrderType.MARKET
    check_min = rules.min_notional > ZERO and (not market or rules.apply_min_to_market)
    check_max = rules.max_notional > ZERO and (not market or rules.apply_max_to_market)
    if check_min and notional < rules.min_notional:
        raise FilterRejected(
            VALUE_BELOW_MIN.format(
                value=_show(notional, rules, ROUND_DOWN),
                quote=quote,
                symbol=rules.symbol,
                minimum=strip(rules.min_notional),
                minimum_quote=quote,
            ),
            code=FILTER_FAILURE,
        )
    if check_max and notional > rules.max_notional:
        raise FilterRejected(
            VALUE_ABOVE_MAX.format(
                value=_show(notional, rules, ROUND_UP),
                quote=quote,
                symbol=rules.symbol,
                maximum=strip(rules.max_notional),
                maximum_quote=quote,
            ),
            code=FILTER_FAILURE,
        )


# --- helpers -----------------------------------------------------------------------------------


def _tick_price(rules: SymbolRules, price: Decimal) -> Decimal:
    tick_price = round_down(price, rules.tick_size)
    if tick_price <= ZERO:
        raise InvalidOrder(
            PRICE_BELOW_TICK.format(
                price=strip(price), quote=rules.quote_asset, symbol=rules.symbol
            )
        )
    return tick_price


def _round_up(value: Decimal, step: Decimal) -> Decimal:
    """The smallest multiple of ``step`` ≥ ``value`` (a zero step leaves the value alone)."""
    down = round_down(value, step)
    return down if down == value or step <= ZERO else down + step


def _show(amount: Decimal, rules: SymbolRules, rounding: str) -> str:
    """An amount of the quote asset for a message: at least 2 decimals, as many as the tick.

    Rounded away from the limit it is compared with, so "4.999" never reads as the minimum "5.00".
    """
    places = 8
    if rules.tick_size > ZERO:
        exponent = rules.tick_size.normalize().as_tuple().exponent
        places = max(2, -exponent) if isinstance(exponent, int) else 8
    return format(amount.quantize(Decimal(1).scaleb(-places), rounding=rounding), "f")


CENT = Decimal("0.01")


def smallest_budget(
    rules: SymbolRules, price: Decimal, order_type: OrderType = OrderType.MARKET
) -> Decimal:
    """The smallest amount the app accepts for a bot's budget (a market order's minimum) or a
    grid level (``OrderType.LIMIT``): :func:`min_order_quote`, rounded UP to the cent when it is
    1 or more, so that the figure a person reads is one the exchange accepts. The editor shows it,
    the bot service checks against it; nobody rounds it another way.
    """
    minimum = min_order_quote(rules, price, order_type)
    return minimum.quantize(CENT, ROUND_UP) if minimum >= 1 else minimum
