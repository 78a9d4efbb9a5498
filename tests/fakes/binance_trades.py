"""The fake's trade history and fee switch, in Binance's shapes.

- ``GET /api/v3/myTrades`` (USER_DATA, weight 20, 5 with ``orderId``): the account's trades on a
  symbol, oldest first, at most ``limit`` (default 500, 1..1000 else -1130). The parameter
  combinations Binance supports are ``symbol`` alone (the most recent trades), ``orderId`` (that
  order's trades from its first), ``orderId`` + ``fromId``, ``fromId`` (ids ≥ it), ``startTime``
  (from that time), ``endTime`` (the most recent ones up to that time) and ``startTime`` +
  ``endTime`` (at most 24 hours apart, else -1127); any other is -1128 "Combination of optional
  parameters invalid.". Trades carry ``orderId``, never the client order id; a self-trade is one
  trade id seen from both orders.
- ``GET``/``POST /sapi/v1/bnbBurn`` (USER_DATA, weight 1): the "pay fees with BNB" switch
  (``spotBNBBurn``), the one ``FakeBinance.pay_fees_in_bnb`` sets.
"""

from __future__ import annotations

from typing import Any

from tests.fakes.binance_market import _int_param, fmt, mandatory, symbol_info
from tests.fakes.binance_routes import USER_DATA, Call, RouteTable
from tests.fakes.binance_state import ApiError, FakeTrade

DEFAULT_LIMIT = 500
MAX_LIMIT = 1000
DAY_MS = 86_400_000
WEIGHT_WITHOUT_ORDER_ID = 20
WEIGHT_WITH_ORDER_ID = 5
SUPPORTED = {
    frozenset(),
    frozenset({"orderId"}),
    frozenset({"orderId", "fromId"}),
    frozenset({"fromId"}),
    frozenset({"startTime"}),
    frozenset({"endTime"}),
    frozenset({"startTime", "endTime"}),
}


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


def _limit(call: Call) -> int:
    limit = _int_param(call, "limit")
    limit = DEFAULT_LIMIT if limit is None else limit
    if limit < 1 or limit > MAX_LIMIT:
        raise ApiError(400, -1130, "Data sent for parameter 'limit' is not valid.")
    return limit


def select(trades: list[FakeTrade], given: dict[str, int], limit: int) -> list[FakeTrade]:
    """Binance's choice of trades for one supported combination of parameters."""
    if "orderId" in given:
        trades = [t for t in trades if t.order_id == given["orderId"]]
    if "fromId" in given:
        trades = [t for t in trades if t.trade_id >= given["fromId"]]
    if "startTime" in given:
        trades = [t for t in trades if t.time >= given["startTime"]]
    if "endTime" in given:
        trades = [t for t in trades if t.time <= given["endTime"]]
    from_start = given.keys() & {"orderId", "fromId", "startTime"}
    return trades[:limit] if from_start else trades[-limit:]


def _my_trades(call: Call) -> Any:
    symbol = mandatory(call, "symbol")
    symbol_info(call.state, symbol)
    limit = _limit(call)
    given: dict[str, int] = {}
    for name in ("orderId", "fromId", "startTime", "endTime"):
        value = _int_param(call, name)
        if value is not None:
            given[name] = value
    if frozenset(given) not in SUPPORTED:
        raise ApiError(400, -1128, "Combination of optional parameters invalid.")
    span = given.get("endTime", 0) - given.get("startTime", 0)
    if "startTime" in given and "endTime" in given and span > DAY_MS:
        raise ApiError(400, -1127, "More than 24 hours between startTime and endTime.")
    if "orderId" not in given:
        call.state.add_weight(WEIGHT_WITHOUT_ORDER_ID - WEIGHT_WITH_ORDER_ID)
    with call.state.lock:
        trades = sorted(
            (t for t in call.state.trades if t.symbol == symbol),
            key=lambda t: (t.trade_id, not t.is_buyer),
        )
    return [trade_json(t) for t in select(trades, given, limit)]


def _bnb_burn(call: Call) -> Any:
    state = call.state
    if call.request.method == "POST":
        wanted = call.params.get("spotBNBBurn")
        if wanted is not None:
            if wanted.lower() not in ("true", "false"):
                raise ApiError(400, -1100, "Illegal characters found in parameter 'spotBNBBurn'.")
            with state.lock:
                state.bnb_burn = wanted.lower() == "true"
    return {"spotBNBBurn": state.bnb_burn, "interestBNBBurn": False}


def add_trade_routes(table: RouteTable) -> None:
    table.add("GET", "/api/v3/myTrades", security=USER_DATA, weight=WEIGHT_WITH_ORDER_ID)(
        _my_trades
    )
    table.add("GET", "/sapi/v1/bnbBurn", security=USER_DATA, weight=1)(_bnb_burn)
    table.add("POST", "/sapi/v1/bnbBurn", security=USER_DATA, weight=1)(_bnb_burn)
