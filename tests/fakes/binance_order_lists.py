"""The fake's protective orders: OCO order lists and STOP_LOSS_LIMIT orders, as Binance checks them.

- ``POST /api/v3/orderList/oco`` (TRADE, weight 1; two orders): SELL only here, an above leg
  ``LIMIT_MAKER`` or ``TAKE_PROFIT_LIMIT`` (with ``aboveStopPrice``) and a below leg
  ``STOP_LOSS_LIMIT`` (others: -1116 "Invalid orderType."), each
  with its client order id, the list with ``listClientOrderId``. Checks: the symbol takes OCO
  (``ocoAllowed``, -1013 "OCO orders are not supported for this symbol"), the below leg has
  ``belowStopPrice`` or ``belowTrailingDelta`` (-1102), the trailing delta is allowed
  (``allowTrailingStop``, -1013 "Trailing stops are not supported on this symbol.") and within
  TRAILING_DELTA's bounds (10 to 2000 BIPS by default, -1013 "Filter failure: TRAILING_DELTA"),
  prices above > last price > stop price (-2010 "The relationship of the prices for the orders is
  not correct."), each leg's filters (PRICE_FILTER, LOT_SIZE, NOTIONAL, PERCENT_PRICE_BY_SIDE
  against the last price), MAX_NUM_ORDERS (two more open orders), MAX_NUM_ALGO_ORDERS (one more
  stop), MAX_NUM_ORDER_LISTS (one more list), a list client id already open (-2010 "Duplicate
  order sent."), then the balance (the quantity, locked once). The answer has ``orders`` and
  ``orderReports`` (one per leg, with ``stopPrice``/``trailingDelta``).
- ``GET /api/v3/orderList`` (USER_DATA, weight 4) by ``orderListId`` or ``origClientOrderId``:
  unknown is HTTP 400 -2011 "Order list does not exist.".
- ``DELETE /api/v3/orderList`` (TRADE, weight 1) by ``orderListId`` or ``listClientOrderId``: both
  legs CANCELED and the lock released; a list no longer executing is -2011 "Unknown order sent.".
- ``POST /api/v3/order`` with ``type=STOP_LOSS_LIMIT`` (SELL): ``price``, ``timeInForce`` and
  ``stopPrice`` and/or ``trailingDelta`` (both at once: the fake refuses, -1013); a stop at or
  above the last price is -2010 "Stop price would trigger immediately.". With
  ``type=TAKE_PROFIT_LIMIT`` (SELL): ``price``, ``timeInForce`` and ``stopPrice``; a stop at or
  below the last price is the same -2010.
How legs trigger and fill is in :mod:`tests.fakes.binance_matching` (``set_price``).
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from tests.fakes import binance_matching as engine
from tests.fakes.binance_market import filters_of, mandatory, symbol_info
from tests.fakes.binance_orders import (
    _CLIENT_ID,
    _failure,
    _number,
    _require_trading_key,
    check_filters,
    order_json,
    stp_mode,
)
from tests.fakes.binance_routes import TRADE, USER_DATA, Call, RouteTable
from tests.fakes.binance_state import ApiError, FakeOrder, FakeOrderList, FakeState

ZERO = Decimal(0)
DEFAULT_TRAILING = (10, 2000)  # Binance's usual TRAILING_DELTA bounds, in BIPS
MSG_PRICES = "The relationship of the prices for the orders is not correct."
MSG_NO_OCO = "OCO orders are not supported for this symbol"
MSG_NO_TRAILING = "Trailing stops are not supported on this symbol."
MSG_IMMEDIATE = "Stop price would trigger immediately."
MSG_NO_LIST = "Order list does not exist."


def _client_id(call: Call, name: str) -> str:
    cid = call.params.get(name) or "x_" + secrets.token_hex(10)
    if not _CLIENT_ID.match(cid):
        raise ApiError(400, -1100, f"Illegal characters found in parameter '{name}'.")
    return cid


def _trailing(call: Call, name: str, item: dict[str, Any]) -> int:
    raw = call.params.get(name, "")
    if not raw:
        return 0
    if not raw.isdigit():
        raise ApiError(400, -1100, f"Illegal characters found in parameter '{name}'.")
    if not item.get("allowTrailingStop", False):
        raise ApiError(400, -1013, MSG_NO_TRAILING)
    bounds = filters_of(item).get("TRAILING_DELTA")
    low, high = DEFAULT_TRAILING
    if bounds is not None:
        low, high = int(bounds["minTrailingBelowDelta"]), int(bounds["maxTrailingBelowDelta"])
    if not low <= int(raw) <= high:
        raise _failure("TRAILING_DELTA")
    return int(raw)


def _check_leg(state: FakeState, item: dict[str, Any], order: FakeOrder) -> None:
    """A leg's filters, as for a LIMIT order, and the sell side of PERCENT_PRICE_BY_SIDE."""
    last = state.prices[order.symbol]
    check_filters(item, "LIMIT", order.orig_qty, order.price, last)
    if order.stop_price > ZERO:
        check_filters(item, "LIMIT", order.orig_qty, order.stop_price, last)
    by_side = filters_of(item).get("PERCENT_PRICE_BY_SIDE")
    if by_side is not None:
        up, down = Decimal(by_side["askMultiplierUp"]), Decimal(by_side["askMultiplierDown"])
        if not last * down <= order.price <= last * up:
            raise _failure("PERCENT_PRICE_BY_SIDE")


def _check_counts(
    state: FakeState, item: dict[str, Any], orders: int, lists: int, algo: int = 1
) -> None:
    """MAX_NUM_ORDERS, MAX_NUM_ALGO_ORDERS and MAX_NUM_ORDER_LISTS with the new legs counted."""
    symbol = item["symbol"]
    filters = filters_of(item)
    mine = [o for o in state.orders if o.symbol == symbol and o.is_open]
    stops = [o for o in mine if o.type in engine.STOP_TYPES]
    open_lists = [
        lst
        for lst in state.order_lists.values()
        if lst.symbol == symbol and lst.list_order_status == "EXECUTING"
    ]
    limits = (
        ("MAX_NUM_ORDERS", "maxNumOrders", len(mine) + orders),
        ("MAX_NUM_ALGO_ORDERS", "maxNumAlgoOrders", len(stops) + algo),
        ("MAX_NUM_ORDER_LISTS", "maxNumOrderLists", len(open_lists) + lists),
    )
    for name, key, count in limits:
        if name in filters and count > int(filters[name][key]):
            raise _failure(name)


def _leg(call: Call, item: dict[str, Any], prefix: str, qty: Decimal, list_id: int) -> FakeOrder:
    """One leg of an OCO list from its ``above``/``below`` parameters (not booked yet)."""
    kind = mandatory(call, f"{prefix}Type")
    wanted = ("LIMIT_MAKER", "TAKE_PROFIT_LIMIT") if prefix == "above" else ("STOP_LOSS_LIMIT",)
    if kind not in wanted:
        raise ApiError(400, -1116, "Invalid orderType.")
    precision = int(item.get("quoteAssetPrecision", 8))
    order = FakeOrder(
        order_id=0,
        symbol=item["symbol"],
        client_order_id=_client_id(call, f"{prefix}ClientOrderId"),
        side="SELL",
        type=kind,
        time_in_force="GTC",
        price=_number(call, f"{prefix}Price", precision),
        orig_qty=qty,
        time=call.state.now_ms(),
        stp_mode=stp_mode(item, call.params.get("selfTradePreventionMode", "")),
        order_list_id=list_id,
    )
    if kind == "STOP_LOSS_LIMIT":
        _stop_fields(call, item, order, prefix + "StopPrice", prefix + "TrailingDelta")
    elif kind == "TAKE_PROFIT_LIMIT":
        order.stop_price = _number(call, prefix + "StopPrice", precision)
        order.working = False
    return order


def _stop_fields(
    call: Call, item: dict[str, Any], order: FakeOrder, stop_name: str, trail_name: str
) -> None:
    if call.params.get(stop_name):
        order.stop_price = _number(call, stop_name, int(item.get("quoteAssetPrecision", 8)))
    order.trailing_delta = _trailing(call, trail_name, item)
    if not order.stop_price and not order.trailing_delta:
        raise ApiError(
            400, -1102, f"Param '{stop_name}' or '{trail_name}' must be sent, but both were empty."
        )
    if order.stop_price and order.trailing_delta:
        raise ApiError(400, -1013, "The fake takes a stop price or a trailing delta, not both.")


def _book(state: FakeState, order: FakeOrder) -> None:
    order.order_id = state.next_order_id
    order.update_time = order.time
    state.next_order_id += 1


def _new_oco(call: Call) -> Any:
    _require_trading_key(call)
    state = call.state
    symbol = mandatory(call, "symbol")
    item = symbol_info(state, symbol)
    if mandatory(call, "side") != "SELL":
        raise ApiError(400, -1117, "Invalid side.")
    if not item.get("ocoAllowed", True):
        raise ApiError(400, -1013, MSG_NO_OCO)
    qty = _number(call, "quantity", int(item.get("baseAssetPrecision", 8)))
    list_cid = _client_id(call, "listClientOrderId")
    with state.lock:
        list_id = state.next_order_list_id
        above = _leg(call, item, "above", qty, list_id)
        below = _leg(call, item, "below", qty, list_id)
        last = state.prices[symbol]
        above_trigger = above.stop_price if above.type == "TAKE_PROFIT_LIMIT" else above.price
        if not above_trigger > last > (below.stop_price or ZERO):
            raise ApiError(400, -2010, MSG_PRICES)
        if item.get("status") != "TRADING":
            raise ApiError(400, -1013, "Market is closed.")
        for leg in (above, below):
            _check_leg(state, item, leg)
        algo = 1 + (above.type == "TAKE_PROFIT_LIMIT")
        _check_counts(state, item, orders=2, lists=1, algo=algo)
        taken = {o.client_order_id for o in state.orders if o.symbol == symbol and o.is_open}
        executing = {
            lst.list_client_order_id
            for lst in state.order_lists.values()
            if lst.list_order_status == "EXECUTING"
        }
        if {above.client_order_id, below.client_order_id} & taken or list_cid in executing:
            raise ApiError(400, -2010, "Duplicate order sent.")
        if engine._free(state, item["baseAsset"])[0] < qty:
            raise ApiError(400, -2010, engine.MSG_INSUFFICIENT)
        state.next_order_list_id += 1
        _book(state, below)
        _book(state, above)
        order_list = FakeOrderList(
            list_id, list_cid, symbol, [below.order_id, above.order_id], call.state.now_ms()
        )
        state.order_lists[list_id] = order_list
        engine.place_stop(state, below, item["baseAsset"], lock=False)
        with engine.balance_events(state):
            above.locked_asset, above.locked = item["baseAsset"], qty
            above.peak = last
            engine._move(state, item["baseAsset"], -qty, qty)
            state.orders.append(above)
            state.order_times.append(above.time)
            state.publish_order_event(above, None)
        return _list_json(state, order_list, reports=True)


def new_stop_order(call: Call) -> Any:
    """``POST /api/v3/order`` with ``type=STOP_LOSS_LIMIT`` or ``TAKE_PROFIT_LIMIT``: a lone sell
    stop-limit or take-profit-limit."""
    kind = call.params.get("type", "STOP_LOSS_LIMIT")
    state = call.state
    symbol = mandatory(call, "symbol")
    item = symbol_info(state, symbol)
    if mandatory(call, "side") != "SELL":
        raise ApiError(400, -1117, "Invalid side.")
    if mandatory(call, "timeInForce") not in ("GTC", "IOC", "FOK"):
        raise ApiError(400, -1115, "Invalid timeInForce.")
    order = FakeOrder(
        order_id=0,
        symbol=symbol,
        client_order_id=_client_id(call, "newClientOrderId"),
        side="SELL",
        type=kind,
        time_in_force=call.params["timeInForce"],
        price=_number(call, "price", int(item.get("quoteAssetPrecision", 8))),
        orig_qty=_number(call, "quantity", int(item.get("baseAssetPrecision", 8))),
        time=state.now_ms(),
        stp_mode=stp_mode(item, call.params.get("selfTradePreventionMode", "")),
    )
    if kind == "TAKE_PROFIT_LIMIT":
        order.stop_price = _number(call, "stopPrice", int(item.get("quoteAssetPrecision", 8)))
    else:
        _stop_fields(call, item, order, "stopPrice", "trailingDelta")
    with state.lock:
        existing = engine.find(state, symbol, order.client_order_id)
        if existing is not None and existing.is_open:
            raise ApiError(400, -2010, "Duplicate order sent.")
        last = state.prices[symbol]
        immediate = (
            order.stop_price <= last
            if kind == "TAKE_PROFIT_LIMIT"
            else bool(order.stop_price) and order.stop_price >= last
        )
        if immediate:
            raise ApiError(400, -2010, MSG_IMMEDIATE)
        _check_leg(state, item, order)
        _check_counts(state, item, orders=1, lists=0)
        _book(state, order)
        engine.place_stop(state, order, item["baseAsset"])
    body = order_json(order)
    body["transactTime"] = order.time
    body["fills"] = []
    return body


def _find_list(call: Call, cid_name: str) -> FakeOrderList:
    list_id, cid = call.params.get("orderListId"), call.params.get(cid_name)
    if not list_id and not cid:
        raise ApiError(
            400, -1102, f"Param 'orderListId' or '{cid_name}' must be sent, but both were empty."
        )
    with call.state.lock:
        for order_list in reversed(list(call.state.order_lists.values())):
            if (list_id and str(order_list.order_list_id) == list_id) or (
                not list_id and order_list.list_client_order_id == cid
            ):
                return order_list
    raise ApiError(400, -2011, MSG_NO_LIST)


def _legs(state: FakeState, order_list: FakeOrderList) -> list[FakeOrder]:
    return [o for o in state.orders if o.order_id in order_list.order_ids]


def _list_json(state: FakeState, order_list: FakeOrderList, reports: bool) -> dict[str, Any]:
    legs = _legs(state, order_list)
    body: dict[str, Any] = {
        "orderListId": order_list.order_list_id,
        "contingencyType": "OCO",
        "listStatusType": order_list.list_status_type,
        "listOrderStatus": order_list.list_order_status,
        "listClientOrderId": order_list.list_client_order_id,
        "transactionTime": order_list.time,
        "symbol": order_list.symbol,
        "orders": [
            {"symbol": o.symbol, "orderId": o.order_id, "clientOrderId": o.client_order_id}
            for o in legs
        ],
    }
    if reports:
        body["orderReports"] = [_report(o) for o in legs]
    return body


def _report(order: FakeOrder) -> dict[str, Any]:
    report = order_json(order)
    for name in ("icebergQty", "time", "updateTime", "isWorking", "origQuoteOrderQty"):
        report.pop(name, None)
    report["transactTime"] = order.update_time
    if not order.stop_price:
        report.pop("stopPrice")
    return report


def _query_list(call: Call) -> Any:
    order_list = _find_list(call, "origClientOrderId")
    with call.state.lock:
        return _list_json(call.state, order_list, reports=False)


def _cancel_list(call: Call) -> Any:
    _require_trading_key(call)
    mandatory(call, "symbol")
    state = call.state
    with state.lock:
        order_list = _find_list(call, "listClientOrderId")
        if order_list.list_order_status != "EXECUTING":
            raise ApiError(400, -2011, "Unknown order sent.")
        for order in _legs(state, order_list):
            if order.is_open:
                engine.cancel(state, order)
        order_list.list_status_type = order_list.list_order_status = "ALL_DONE"
        body = _list_json(state, order_list, reports=True)
    body["listStatusType"] = "ALL_DONE"
    return body


def add_order_list_routes(table: RouteTable) -> None:
    table.add("POST", "/api/v3/orderList/oco", security=TRADE, weight=1)(_new_oco)
    table.add("GET", "/api/v3/orderList", security=USER_DATA, weight=4)(_query_list)
    table.add("DELETE", "/api/v3/orderList", security=TRADE, weight=1)(_cancel_list)
