"""The fake's order endpoints, with Binance's checks, codes and JSON shapes.

- ``POST /api/v3/order`` (TRADE, weight 1): checks in Binance's order — mandatory parameters
  (-1102), symbol (-1121), side/type (-1117/-1116), number syntax (-1100), precision beyond the
  asset's (-1111 "Parameter 'quantity' has too much precision."), client order id syntax (-1100),
  a client order id already used by an OPEN order (-2010 "Duplicate order sent."), the symbol's
  filters (-1013 "Filter failure: PRICE_FILTER|LOT_SIZE|MARKET_LOT_SIZE|NOTIONAL"), then the
  balance (-2010 "Account has insufficient balance for requested action."). ``newOrderRespType``
  ACK, RESULT or FULL (the default), FULL with ``fills`` (one per trade) and ``preventedMatches``.
  ``selfTradePreventionMode`` must be one of the symbol's ``allowedSelfTradePreventionModes``
  (-1013 "This symbol does not allow the specified self-trade prevention mode."); unsent, the
  symbol's ``defaultSelfTradePreventionMode``. Answers carry ``X-MBX-ORDER-COUNT-10S`` and
  ``X-MBX-ORDER-COUNT-1D``. Order answers add ``preventedMatchId``/``preventedQuantity`` once
  self-trade prevention touched the order, and ``expiryReason`` to an EXPIRED one.
- ``GET /api/v3/order`` (USER_DATA, weight 4) by ``orderId`` or ``origClientOrderId``: unknown is
  HTTP 400 -2013 "Order does not exist.".
- ``DELETE /api/v3/order`` (TRADE, weight 1): unknown or no longer open is -2011 "Unknown order
  sent."; a partly filled order ends CANCELED with its ``executedQty``; the answer has no fills.
  A fill scheduled with ``fill_before_cancel`` lands just before the cancel is processed.
- ``GET /api/v3/openOrders`` (USER_DATA, weight 6); ``GET /api/v3/myTrades`` is in
  ``binance_trades``; OCO lists and STOP_LOSS_LIMIT orders are in ``binance_order_lists``.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from tests.fakes import binance_matching as engine
from tests.fakes.binance_market import fmt, mandatory, symbol_info
from tests.fakes.binance_routes import TRADE, USER_DATA, Call, RouteTable
from tests.fakes.binance_state import ApiError, FakeOrder, FakeState, FakeTrade, PreventedMatch
from tests.fakes.binance_trades import add_trade_routes

ZERO = Decimal(0)
_NUMBER = re.compile(r"^([0-9]{1,20})(\.[0-9]{1,20})?$")
_CLIENT_ID = re.compile(r"^[a-zA-Z0-9-_]{1,36}$")
TIME_IN_FORCE = ("GTC", "IOC", "FOK")
STP_MODES = ("NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH", "DECREMENT")
MSG_STP = "This symbol does not allow the specified self-trade prevention mode."


def _number(call: Call, name: str, precision: int) -> Decimal:
    raw = mandatory(call, name)
    if not _NUMBER.match(raw):
        raise ApiError(
            400,
            -1100,
            f"Illegal characters found in parameter '{name}'; legal range is "
            "'^([0-9]{1,20})(\\.[0-9]{1,20})?$'.",
        )
    value = Decimal(raw)
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > precision:
        raise ApiError(400, -1111, f"Parameter '{name}' has too much precision.")
    return value


def _failure(name: str) -> ApiError:
    return ApiError(400, -1013, f"Filter failure: {name}")


def _check_range(value: Decimal, low: Decimal, high: Decimal, step: Decimal, name: str) -> None:
    if (low > ZERO and value < low) or (high > ZERO and value > high):
        raise _failure(name)
    if step > ZERO and (value - low) % step != ZERO:
        raise _failure(name)


def check_filters(
    item: dict[str, Any], type_: str, qty: Decimal, price: Decimal, market_price: Decimal
) -> None:
    """Binance's filter checks for a MARKET or LIMIT order (the first failure wins)."""
    filters = {f["filterType"]: f for f in item.get("filters", [])}
    if type_ == "LIMIT" and "PRICE_FILTER" in filters:
        f = filters["PRICE_FILTER"]
        low, high, tick = Decimal(f["minPrice"]), Decimal(f["maxPrice"]), Decimal(f["tickSize"])
        _check_range(price, low, high, tick, "PRICE_FILTER")
    if qty <= ZERO:
        raise _failure("LOT_SIZE")
    if "LOT_SIZE" in filters:
        f = filters["LOT_SIZE"]
        _check_range(
            qty, Decimal(f["minQty"]), Decimal(f["maxQty"]), Decimal(f["stepSize"]), "LOT_SIZE"
        )
    if type_ == "MARKET" and "MARKET_LOT_SIZE" in filters:
        f = filters["MARKET_LOT_SIZE"]
        low, high, step = Decimal(f["minQty"]), Decimal(f["maxQty"]), Decimal(f["stepSize"])
        _check_range(qty, low, high, step, "MARKET_LOT_SIZE")
    notional = qty * (market_price if type_ == "MARKET" else price)
    market = type_ == "MARKET"
    if "NOTIONAL" in filters:
        f = filters["NOTIONAL"]
        if (not market or f.get("applyMinToMarket", True)) and notional < Decimal(f["minNotional"]):
            raise _failure("NOTIONAL")
        max_notional = Decimal(f.get("maxNotional", "0"))
        apply_max = not market or f.get("applyMaxToMarket", False)
        if apply_max and max_notional > ZERO and notional > max_notional:
            raise _failure("NOTIONAL")


def _read_order(call: Call) -> tuple[FakeOrder, dict[str, Any]]:
    """Parse and check a new order's parameters; the order is not booked yet."""
    symbol = mandatory(call, "symbol")
    side, type_ = mandatory(call, "side"), mandatory(call, "type")
    item = symbol_info(call.state, symbol)
    if side not in ("BUY", "SELL"):
        raise ApiError(400, -1117, "Invalid side.")
    if type_ not in ("MARKET", "LIMIT"):
        raise ApiError(400, -1116, "Invalid orderType.")
    tif = "GTC"
    price = ZERO
    if type_ == "LIMIT":
        tif = mandatory(call, "timeInForce")
        if tif not in TIME_IN_FORCE:
            raise ApiError(400, -1115, "Invalid timeInForce.")
        price = _number(call, "price", int(item.get("quoteAssetPrecision", 8)))
    elif not call.params.get("quantity"):
        raise ApiError(
            400,
            -1102,
            "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!",
        )
    qty = _number(call, "quantity", int(item.get("baseAssetPrecision", 8)))
    cid = call.params.get("newClientOrderId") or "web_" + secrets.token_hex(10)
    if not _CLIENT_ID.match(cid):
        raise ApiError(
            400,
            -1100,
            "Illegal characters found in parameter 'newClientOrderId'; legal range is "
            "'^[a-zA-Z0-9-_]{1,36}$'.",
        )
    order = FakeOrder(
        order_id=0,
        symbol=symbol,
        client_order_id=cid,
        side=side,
        type=type_,
        time_in_force=tif,
        price=price,
        orig_qty=qty,
        time=call.state.now_ms(),
        stp_mode=stp_mode(item, call.params.get("selfTradePreventionMode", "")),
    )
    return order, item


def stp_mode(item: dict[str, Any], asked: str) -> str:
    """The order's self-trade prevention mode: the one asked, if the symbol allows it, else its
    default; a mode the symbol does not allow is -1013."""
    if not asked:
        return str(item.get("defaultSelfTradePreventionMode", "NONE"))
    if asked not in item.get("allowedSelfTradePreventionModes", ["NONE"]):
        raise ApiError(400, -1013, MSG_STP)
    return asked


def submit(state: FakeState, order: FakeOrder, item: dict[str, Any]) -> list[FakeTrade]:
    """Check the book rules (duplicate, status, filters, balance) and book the order."""
    with state.lock:
        existing = engine.find(state, order.symbol, order.client_order_id)
        if existing is not None and existing.status in ("NEW", "PARTIALLY_FILLED"):
            raise ApiError(400, -2010, "Duplicate order sent.")
        if item.get("status") != "TRADING":
            raise ApiError(400, -1013, "Market is closed.")
        check_filters(item, order.type, order.orig_qty, order.price, state.prices[order.symbol])
        order.order_id = state.next_order_id
        order.update_time = order.time
        state.next_order_id += 1
        _booked, trades = engine.place(state, order, item["baseAsset"], item["quoteAsset"])
        return trades


def order_json(order: FakeOrder) -> dict[str, Any]:
    """An order as GET /api/v3/order and /openOrders show it."""
    body = {
        "symbol": order.symbol,
        "orderId": order.order_id,
        "orderListId": order.order_list_id,
        "clientOrderId": order.client_order_id,
        "price": fmt(order.price),
        "origQty": fmt(order.orig_qty),
        "executedQty": fmt(order.executed_qty),
        "cummulativeQuoteQty": fmt(order.cum_quote),
        "status": order.status,
        "timeInForce": order.time_in_force,
        "type": order.type,
        "side": order.side,
        "stopPrice": fmt(order.stop_price),
        "icebergQty": "0.00000000",
        "time": order.time,
        "updateTime": order.update_time,
        "isWorking": order.working,
        "workingTime": order.time,
        "origQuoteOrderQty": "0.00000000",
        "selfTradePreventionMode": order.stp_mode,
    }
    return _conditional_fields(order, body)


def _conditional_fields(order: FakeOrder, body: dict[str, Any]) -> dict[str, Any]:
    """Fields Binance adds only when they apply: prevented self-trades, the expiry reason, a
    trailing stop's delta."""
    if order.trailing_delta:
        body["trailingDelta"] = order.trailing_delta
    if order.prevented_match_id is not None:
        body["preventedMatchId"] = order.prevented_match_id
        body["preventedQuantity"] = fmt(order.prevented_qty)
    if order.status == "EXPIRED" and order.expiry_reason:
        body["expiryReason"] = order.expiry_reason
    return body


def placed_json(
    order: FakeOrder,
    trades: list[FakeTrade],
    resp_type: str,
    prevented: Sequence[PreventedMatch] = (),
) -> dict[str, Any]:
    """POST /api/v3/order's answer for ACK, RESULT or FULL (FULL: ``fills``, one per trade, and
    ``preventedMatches`` when self-trade prevention stopped some)."""
    body: dict[str, Any] = {
        "symbol": order.symbol,
        "orderId": order.order_id,
        "orderListId": order.order_list_id,
        "clientOrderId": order.client_order_id,
        "transactTime": order.time,
    }
    if resp_type == "ACK":
        return body
    full = order_json(order)
    for name in ("stopPrice", "icebergQty", "time", "updateTime", "isWorking"):
        full.pop(name)
    body.update({k: v for k, v in full.items() if k not in body})
    if resp_type == "FULL":
        body["fills"] = [
            {
                "price": fmt(t.price),
                "qty": fmt(t.qty),
                "commission": fmt(t.commission),
                "commissionAsset": t.commission_asset,
                "tradeId": t.trade_id,
            }
            for t in trades
        ]
        if prevented:
            body["preventedMatches"] = [_prevented_json(p) for p in prevented]
    return body


def _prevented_json(match: PreventedMatch) -> dict[str, Any]:
    row: dict[str, Any] = {
        "preventedMatchId": match.prevented_match_id,
        "makerOrderId": match.maker_order_id,
        "price": fmt(match.price),
    }
    if match.taker_prevented_qty > ZERO:
        row["takerPreventedQuantity"] = fmt(match.taker_prevented_qty)
    if match.maker_prevented_qty > ZERO:
        row["makerPreventedQuantity"] = fmt(match.maker_prevented_qty)
    return row


def prevented_of(state: FakeState, taker_order_id: int) -> list[PreventedMatch]:
    """The self-trades an incoming order was prevented from making, in order."""
    with state.lock:
        return [m for m in state.prevented_matches if m.taker_order_id == taker_order_id]


# --- handlers ------------------------------------------------------------------------------------


def _require_trading_key(call: Call) -> None:
    if not call.require_key().can_trade:
        raise ApiError(401, -2015, "Invalid API-key, IP, or permissions for action.")


def _new_order(call: Call) -> Any:
    _require_trading_key(call)
    if call.params.get("type") in ("STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"):
        from tests.fakes.binance_order_lists import new_stop_order

        return new_stop_order(call)
    resp_type = call.params.get("newOrderRespType", "FULL")
    if resp_type not in ("ACK", "RESULT", "FULL"):
        raise ApiError(400, -1177, "Invalid newOrderRespType.")
    order, item = _read_order(call)
    trades = submit(call.state, order, item)
    ten_s, day = engine.order_counts(call.state)
    call.headers["X-MBX-ORDER-COUNT-10S"] = str(ten_s)
    call.headers["X-MBX-ORDER-COUNT-1D"] = str(day)
    return placed_json(order, trades, resp_type, prevented_of(call.state, order.order_id))


def _lookup(call: Call, code: int, msg: str) -> FakeOrder:
    symbol = mandatory(call, "symbol")
    symbol_info(call.state, symbol)
    order_id, cid = call.params.get("orderId"), call.params.get("origClientOrderId")
    if not order_id and not cid:
        raise ApiError(
            400,
            -1102,
            "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
        )
    with call.state.lock:
        for order in reversed(call.state.orders):
            if order.symbol != symbol:
                continue
            if (order_id and str(order.order_id) == order_id) or (
                not order_id and order.client_order_id == cid
            ):
                return order
    raise ApiError(400, code, msg)


def _query_order(call: Call) -> Any:
    return order_json(_lookup(call, -2013, "Order does not exist."))


def _cancel_order(call: Call) -> Any:
    _require_trading_key(call)
    with call.state.lock:
        order = _lookup(call, -2011, "Unknown order sent.")
        _race_a_fill(call.state, order)
        if not order.is_open:
            raise ApiError(400, -2011, "Unknown order sent.")
        engine.cancel(call.state, order)
    body = order_json(order)
    for name in ("stopPrice", "icebergQty", "time", "updateTime", "isWorking", "workingTime"):
        body.pop(name)
    body.pop("origQuoteOrderQty")
    body["origClientOrderId"] = order.client_order_id
    body["clientOrderId"] = call.params.get("newClientOrderId") or "cx_" + secrets.token_hex(8)
    body["transactTime"] = order.update_time
    return body


def _race_a_fill(state: FakeState, order: FakeOrder) -> None:
    """A fill the test scheduled to land just before this cancel is processed (``cancel_races``)."""
    if not state.cancel_races or not order.is_open:
        return
    qty = state.cancel_races.pop(0)
    item = symbol_info(state, order.symbol)
    engine.fill_resting(state, order, qty, item["baseAsset"], item["quoteAsset"])


def _open_orders(call: Call) -> Any:
    symbol = call.params.get("symbol")
    if symbol:
        symbol_info(call.state, symbol)
    with call.state.lock:
        return [
            order_json(o)
            for o in call.state.orders
            if o.status in ("NEW", "PARTIALLY_FILLED") and (not symbol or o.symbol == symbol)
        ]


def add_order_routes(table: RouteTable) -> None:
    table.add("POST", "/api/v3/order", security=TRADE, weight=1)(_new_order)
    table.add("GET", "/api/v3/order", security=USER_DATA, weight=4)(_query_order)
    table.add("DELETE", "/api/v3/order", security=TRADE, weight=1)(_cancel_order)
    table.add("GET", "/api/v3/openOrders", security=USER_DATA, weight=6)(_open_orders)
    add_trade_routes(table)
    from tests.fakes.binance_order_lists import add_order_list_routes

    add_order_list_routes(table)
