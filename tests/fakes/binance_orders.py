"""The fake's order endpoints, with Binance's checks, codes and JSON shapes.

- ``POST /api/v3/order`` (TRADE, weight 1): checks in Binance's order — mandatory parameters
  (-1102), symbol (-1121), side/type (-1117/-1116), number syntax (-1100), precision beyond the
  asset's (-1111 "Parameter 'quantity' has too much precision."), client order id syntax (-1100),
  a client order id already used by an OPEN order (-2010 "Duplicate order sent."), the symbol's
  filters (-1013 "Filter failure: PRICE_FILTER|LOT_SIZE|MARKET_LOT_SIZE|NOTIONAL"), then the
  balance (-2010 "Account has insufficient balance for requested action."). ``newOrderRespType``
  ACK, RESULT or FULL (the default), FULL with ``fills``. Answers carry ``X-MBX-ORDER-COUNT-10S``
  and ``X-MBX-ORDER-COUNT-1D``.
- ``GET /api/v3/order`` (USER_DATA, weight 4) by ``orderId`` or ``origClientOrderId``: unknown is
  HTTP 400 -2013 "Order does not exist.".
- ``DELETE /api/v3/order`` (TRADE, weight 1): unknown or no longer open is -2011 "Unknown order
  sent.".
- ``GET /api/v3/openOrders`` (USER_DATA, weight 6) and ``GET /api/v3/myTrades`` (USER_DATA,
  weight 20; ``orderId``, ``startTime``, ``endTime``, ``fromId``, ``limit`` ≤ 1000; trades carry
  ``orderId``, never the client order id).
"""

from __future__ import annotations

import re
import secrets
from decimal import Decimal
from typing import Any

from tests.fakes import binance_matching as engine
from tests.fakes.binance_market import fmt, mandatory, symbol_info
from tests.fakes.binance_routes import TRADE, USER_DATA, Call, RouteTable
from tests.fakes.binance_state import ApiError, FakeOrder, FakeState, FakeTrade

ZERO = Decimal(0)
_NUMBER = re.compile(r"^([0-9]{1,20})(\.[0-9]{1,20})?$")
_CLIENT_ID = re.compile(r"^[a-zA-Z0-9-_]{1,36}$")
TIME_IN_FORCE = ("GTC", "IOC", "FOK")


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
    )
    return order, item


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
    return {
        "symbol": order.symbol,
        "orderId": order.order_id,
        "orderListId": -1,
        "clientOrderId": order.client_order_id,
        "price": fmt(order.price),
        "origQty": fmt(order.orig_qty),
        "executedQty": fmt(order.executed_qty),
        "cummulativeQuoteQty": fmt(order.cum_quote),
        "status": order.status,
        "timeInForce": order.time_in_force,
        "type": order.type,
        "side": order.side,
        "stopPrice": "0.00000000",
        "icebergQty": "0.00000000",
        "time": order.time,
        "updateTime": order.update_time,
        "isWorking": True,
        "workingTime": order.time,
        "origQuoteOrderQty": "0.00000000",
        "selfTradePreventionMode": "EXPIRE_MAKER",
    }


def placed_json(order: FakeOrder, trades: list[FakeTrade], resp_type: str) -> dict[str, Any]:
    """POST /api/v3/order's answer for ACK, RESULT or FULL."""
    body: dict[str, Any] = {
        "symbol": order.symbol,
        "orderId": order.order_id,
        "orderListId": -1,
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
    return body


def trade_json(trade: FakeTrade) -> dict[str, Any]:
    return {
        "symbol": trade.symbol,
        "id": trade.trade_id,
        "orderId": trade.order_id,
        "orderListId": -1,
        "price": fmt(trade.price),
        "qty": fmt(trade.qty),
        "quoteQty": fmt(trade.quote_qty),
        "commission": fmt(trade.commission),
        "commissionAsset": trade.commission_asset,
        "time": trade.time,
        "isBuyer": trade.is_buyer,
        "isMaker": trade.is_maker,
        "isBestMatch": True,
    }


# --- handlers ------------------------------------------------------------------------------------


def _require_trading_key(call: Call) -> None:
    if not call.require_key().can_trade:
        raise ApiError(401, -2015, "Invalid API-key, IP, or permissions for action.")


def _new_order(call: Call) -> Any:
    _require_trading_key(call)
    resp_type = call.params.get("newOrderRespType", "FULL")
    if resp_type not in ("ACK", "RESULT", "FULL"):
        raise ApiError(400, -1177, "Invalid newOrderRespType.")
    order, item = _read_order(call)
    trades = submit(call.state, order, item)
    ten_s, day = engine.order_counts(call.state)
    call.headers["X-MBX-ORDER-COUNT-10S"] = str(ten_s)
    call.headers["X-MBX-ORDER-COUNT-1D"] = str(day)
    return placed_json(order, trades, resp_type)


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
        if order.status not in ("NEW", "PARTIALLY_FILLED"):
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


def _my_trades(call: Call) -> Any:
    symbol = mandatory(call, "symbol")
    symbol_info(call.state, symbol)
    p = call.params
    limit = int(p.get("limit") or 500)
    if limit < 1 or limit > 1000:
        raise ApiError(400, -1130, "Data sent for parameter 'limit' is not valid.")
    with call.state.lock:
        trades = [t for t in call.state.trades if t.symbol == symbol]
    if p.get("orderId"):
        trades = [t for t in trades if str(t.order_id) == p["orderId"]]
    if p.get("fromId"):
        trades = [t for t in trades if t.trade_id >= int(p["fromId"])][:limit]
    elif p.get("startTime") or p.get("endTime"):
        start, end = int(p.get("startTime") or 0), int(p.get("endTime") or 2**62)
        trades = [t for t in trades if start <= t.time <= end][:limit]
    else:
        trades = trades[-limit:]  # the most recent ones
    return [trade_json(t) for t in trades]


def add_order_routes(table: RouteTable) -> None:
    table.add("POST", "/api/v3/order", security=TRADE, weight=1)(_new_order)
    table.add("GET", "/api/v3/order", security=USER_DATA, weight=4)(_query_order)
    table.add("DELETE", "/api/v3/order", security=TRADE, weight=1)(_cancel_order)
    table.add("GET", "/api/v3/openOrders", security=USER_DATA, weight=6)(_open_orders)
    table.add("GET", "/api/v3/myTrades", security=USER_DATA, weight=20)(_my_trades)
