"""The Binance gateway's orders: place, query, cancel, list open orders, read trades.

- ``place_order`` sends the app's ``newClientOrderId`` and asks for the FULL answer (with fills);
  quantity and price go as plain decimal strings (``domain.money.strip``), never floats. A timeout,
  a dropped connection or a 5xx raises ``UnknownOrderStatus`` (the order may exist): the caller
  queries, it does not re-send. "Duplicate order sent." (an OPEN order already has this id) is
  also ``UnknownOrderStatus``: the order exists, its state is one query away.
- ``query_order`` returns ``None`` when Binance says -2013 "Order does not exist.".
- ``my_trades`` gives fills with the exchange's order id and an empty client order id (Binance's
  myTrades does not carry it); the order log matches them by order id. ``order_trades`` reads one
  order's trades by its order id (never "the latest 1000 of the symbol", which other trading pushes
  out).
- Every order names its self-trade prevention mode: ``EXPIRE_TAKER``, so that two of the user's
  bots on one account and symbol never trade with each other; the newcomer expires
  (``EXPIRED_IN_MATCH``) and the resting order of the other bot stays.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from crypty_desktop.domain.errors import ExchangeUnavailable, NotFound
from crypty_desktop.domain.money import ZERO, strip
from crypty_desktop.domain.orders import (
    Fill,
    OrderRequest,
    OrderStamp,
    OrderState,
    OrderStatus,
    OrderType,
    Side,
)
from crypty_desktop.exchange.binance_base import (
    W_CANCEL_ORDER,
    W_MY_TRADES,
    W_MY_TRADES_ORDER,
    W_NEW_ORDER,
    W_OPEN_ORDERS,
    W_QUERY_ORDER,
    GatewayBase,
)
from crypty_desktop.exchange.binance_market import (
    UNREADABLE_FILL,
    UNREADABLE_ORDER,
    UNREADABLE_ORDER_STATUS,
    UNREADABLE_TRADE,
    amount,
)

ORDER_DOES_NOT_EXIST = -2013
UNKNOWN_ORDER = -2011  # a cancel of an order that is not (or no longer) open
TRADES_PAGE = 1000
STP_MODE = "EXPIRE_TAKER"


def stp_params(stp_modes: tuple[str, ...]) -> dict[str, str]:
    """The self-trade prevention parameter: ours, unless the market's known modes exclude it."""
    if not stp_modes or STP_MODE in stp_modes:
        return {"selfTradePreventionMode": STP_MODE}
    return {}


def _status(raw: object) -> OrderStatus:
    if raw == "PENDING_NEW":  # accepted, not yet working: open
        return OrderStatus.NEW
    try:
        status = OrderStatus(str(raw))
    except ValueError:
        raise ExchangeUnavailable(UNREADABLE_ORDER_STATUS) from None
    if status in (OrderStatus.PENDING, OrderStatus.NOT_SENT):  # the app's own, never Binance's
        raise ExchangeUnavailable(UNREADABLE_ORDER_STATUS)
    return status


def order_state(answer: Mapping[str, Any]) -> OrderState:
    """An order answer (new order FULL/RESULT, query, cancel, open orders) as an OrderState."""
    try:
        symbol = str(answer["symbol"])
        side = Side(answer["side"])
        type_ = OrderType(answer["type"])
        order_id = int(answer["orderId"])
        cid = str(answer.get("origClientOrderId") or answer["clientOrderId"])
        when = int(answer.get("transactTime") or answer.get("time") or 0)
    except (KeyError, ValueError, TypeError):
        raise ExchangeUnavailable(UNREADABLE_ORDER) from None
    price = amount(answer.get("price", "0"), UNREADABLE_ORDER)
    fills = tuple(
        Fill(
            symbol=symbol,
            side=side,
            price=amount(f.get("price"), UNREADABLE_FILL),
            quantity=amount(f.get("qty"), UNREADABLE_FILL),
            fee=amount(f.get("commission"), UNREADABLE_FILL),
            fee_asset=str(f.get("commissionAsset", "")),
            time=when,
            client_order_id=cid,
            trade_id=int(f["tradeId"]),
            exchange_order_id=order_id,
        )
        for f in answer.get("fills", [])
    )
    return OrderState(
        symbol=symbol,
        client_order_id=cid,
        status=_status(answer.get("status")),
        side=side,
        type=type_,
        quantity=amount(answer.get("origQty"), UNREADABLE_ORDER),
        price=None if type_ is OrderType.MARKET or price == ZERO else price,
        executed_qty=amount(answer.get("executedQty", "0"), UNREADABLE_ORDER),
        quote_qty=amount(answer.get("cummulativeQuoteQty", "0"), UNREADABLE_ORDER),
        exchange_order_id=order_id,
        time=when,
        fills=fills,
        expiry_reason=str(answer.get("expiryReason") or ""),
    )


def trade_fill(row: Mapping[str, Any]) -> Fill:
    """One myTrades row as a Fill (exchange order id set, client order id unknown: "")."""
    try:
        return Fill(
            symbol=str(row["symbol"]),
            side=Side.BUY if row["isBuyer"] else Side.SELL,
            price=amount(row["price"], UNREADABLE_TRADE),
            quantity=amount(row["qty"], UNREADABLE_TRADE),
            fee=amount(row["commission"], UNREADABLE_TRADE),
            fee_asset=str(row["commissionAsset"]),
            time=int(row["time"]),
            client_order_id="",
            trade_id=int(row["id"]),
            exchange_order_id=int(row["orderId"]),
        )
    except (KeyError, ValueError, TypeError):
        raise ExchangeUnavailable(UNREADABLE_TRADE) from None


def order_params(request: OrderRequest, stp_modes: tuple[str, ...] = ()) -> dict[str, str]:
    """The POST /api/v3/order parameters: every amount a plain decimal string."""
    params = {
        "symbol": request.symbol,
        "side": request.side.value,
        "type": request.type.value,
        "quantity": strip(request.quantity),
        "newClientOrderId": request.client_order_id,
        "newOrderRespType": "FULL",
    } | stp_params(stp_modes)
    if request.type.has_price:
        assert request.price is not None  # OrderRequest guarantees it
        params["price"] = strip(request.price)
        if request.type is not OrderType.LIMIT_MAKER:
            params["timeInForce"] = request.time_in_force
    if request.stop_price is not None:
        params["stopPrice"] = strip(request.stop_price)
    if request.trailing_delta is not None:
        params["trailingDelta"] = str(request.trailing_delta)
    return params


class OrdersMixin(GatewayBase):
    """Orders and trades for :class:`~crypty_desktop.exchange.binance.BinanceGateway`."""

    def place_order(self, request: OrderRequest, stamp: OrderStamp | None = None) -> OrderState:
        """Send an order; raises ``UnknownOrderStatus`` when its fate is not known.

        With ``stamp``, the request is signed with exactly that timestamp and recvWindow (what the
        order log recorded), and a clock-skew refusal is raised, not retried.
        """
        modes = self.symbol_rules(request.symbol).stp_modes
        answer: dict[str, Any] = self._call(
            partial(self._client.create_order, **order_params(request, modes)),
            signed=True,
            mutating=True,
            weight=W_NEW_ORDER,
            orders=1,
            stamp=stamp,
        )
        return order_state(answer)

    def query_order(self, symbol: str, client_order_id: str) -> OrderState | None:
        """The order with this client order id, or None if Binance has none."""
        try:
            answer: dict[str, Any] = self._call(
                partial(self._client.get_order, symbol=symbol, origClientOrderId=client_order_id),
                signed=True,
                weight=W_QUERY_ORDER,
            )
        except NotFound as exc:
            if exc.code == ORDER_DOES_NOT_EXIST:
                return None
            raise
        return order_state(answer)

    def cancel_order(self, symbol: str, client_order_id: str) -> OrderState:
        """Cancel an open order; ``NotFound`` (-2011) when it is unknown or no longer open."""
        answer: dict[str, Any] = self._call(
            partial(self._client.cancel_order, symbol=symbol, origClientOrderId=client_order_id),
            signed=True,
            mutating=True,
            weight=W_CANCEL_ORDER,
        )
        return order_state(answer)

    def order_trades(self, symbol: str, exchange_order_id: int) -> list[Fill]:
        """Every trade of one order, oldest first (by its order id: complete whatever else the
        account traded)."""
        params: dict[str, Any] = {"symbol": symbol, "orderId": exchange_order_id}
        fills: list[Fill] = []
        while True:
            rows: list[dict[str, Any]] = self._call(
                partial(self._client.get_my_trades, limit=TRADES_PAGE, **params),
                signed=True,
                weight=W_MY_TRADES_ORDER,
            )
            page = [trade_fill(r) for r in rows if int(r.get("orderId", -1)) == exchange_order_id]
            fills.extend(page)
            if len(rows) < TRADES_PAGE or not page:
                return fills
            last_id = page[-1].trade_id
            assert last_id is not None
            params = {"symbol": symbol, "orderId": exchange_order_id, "fromId": last_id + 1}

    def open_orders(self, symbol: str) -> list[OrderState]:
        """The symbol's open orders of the types the app places (others, placed elsewhere, are
        skipped)."""
        rows: list[dict[str, Any]] = self._call(
            partial(self._client.get_open_orders, symbol=symbol),
            signed=True,
            weight=W_OPEN_ORDERS,
        )
        known = {t.value for t in OrderType}
        return [order_state(r) for r in rows if r.get("type") in known]

    def my_trades(self, symbol: str, start_ms: int | None = None) -> list[Fill]:
        """The account's trades on ``symbol``, oldest first.

        From ``start_ms`` when given (paged by trade id, 1000 a request); otherwise the latest
        1000.
        """
        params: dict[str, Any] = {"symbol": symbol, "limit": TRADES_PAGE}
        if start_ms is not None:
            params["startTime"] = start_ms
        fills: list[Fill] = []
        while True:
            rows: list[dict[str, Any]] = self._call(
                partial(self._client.get_my_trades, **params), signed=True, weight=W_MY_TRADES
            )
            page = [trade_fill(r) for r in rows]
            fills.extend(page)
            if start_ms is None or len(page) < TRADES_PAGE:
                break
            last_id = page[-1].trade_id
            assert last_id is not None
            params = {"symbol": symbol, "limit": TRADES_PAGE, "fromId": last_id + 1}
        return fills
