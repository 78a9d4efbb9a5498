"""The user data stream's events as typed, exact values (no I/O, no Qt).

Binance sends each event of a ``userDataStream`` subscription as ``{"subscriptionId": N, "event":
{...}}`` with single-letter fields (user-data-stream.md). :func:`parse_event` turns the inner
object into one of:

- :class:`OrderUpdate` for ``executionReport``: the order's state after the change, with a
  :class:`~crypty_desktop.domain.orders.Fill` when the change is a trade (``x == "TRADE"``);
- :class:`AccountPosition` for ``outboundAccountPosition``: the new free/locked balances of the
  assets the change touched;
- :class:`BalanceDelta` for ``balanceUpdate`` (deposits, withdrawals, transfers);
- :class:`ListStatus` for ``listStatus`` (order lists; the app places none, but a user might);
- :class:`RawEvent` for anything else (``externalLockUpdate``, a kind Binance adds later, or an
  event that could not be read): it is delivered too, never dropped, with the fields as sent.

Every amount is a ``Decimal`` made from Binance's strings; times are epoch milliseconds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from crypty_desktop.domain.market import Balance
from crypty_desktop.domain.orders import Fill, OrderStatus, Side

log = logging.getLogger(__name__)

EXECUTION_REPORT = "executionReport"
ACCOUNT_POSITION = "outboundAccountPosition"
BALANCE_UPDATE = "balanceUpdate"
LIST_STATUS = "listStatus"
STREAM_TERMINATED = "eventStreamTerminated"
SERVER_SHUTDOWN = "serverShutdown"
TRADE = "TRADE"  # the execution type of an event that carries a trade


@dataclass(frozen=True, slots=True)
class OrderUpdate:
    """An ``executionReport``: one order after one change (placed, traded, canceled, expired…).

    Attributes:
        symbol: ``s``.
        client_order_id: the order's own client id. For a cancel Binance puts the cancel request's
            id in ``c`` and the order's in ``C``; this is always the order's (``C`` when set).
        cancel_client_order_id: ``c`` of a cancel (``C`` set), else None.
        exchange_order_id: ``i``.
        side: ``S``.
        type: ``o`` as Binance names it (``LIMIT``, ``MARKET``, ``LIMIT_MAKER``…).
        time_in_force: ``f``.
        status: ``X``, the order's status after this change.
        execution_type: ``x``: NEW, CANCELED, REPLACED, REJECTED, TRADE, EXPIRED, TRADE_PREVENTION.
        quantity: ``q``, the order's quantity.
        price: ``p``, its limit price (zero for a market order).
        executed_qty: ``z``, the cumulative executed quantity.
        quote_qty: ``Z``, the cumulative quote amount transacted.
        fill: the trade of this change when ``x == "TRADE"`` (``t``, ``l``, ``L``, ``n``, ``N``,
            ``T``), else None.
        is_maker: ``m``.
        reject_reason: ``r`` unless ``NONE``.
        expiry_reason: ``eR`` when the order expired, else None.
        prevented_qty: ``A`` when self-trade prevention expired part of the order, else None.
        event_time: ``E``; transaction_time: ``T``; order_time: ``O`` (0 if absent).
    """

    symbol: str
    client_order_id: str
    exchange_order_id: int
    side: Side
    type: str
    time_in_force: str
    status: OrderStatus
    execution_type: str
    quantity: Decimal
    price: Decimal
    executed_qty: Decimal
    quote_qty: Decimal
    event_time: int
    transaction_time: int
    order_time: int = 0
    fill: Fill | None = None
    is_maker: bool = False
    reject_reason: str | None = None
    expiry_reason: str | None = None
    prevented_qty: Decimal | None = None
    cancel_client_order_id: str | None = None


@dataclass(frozen=True, slots=True)
class AccountPosition:
    """An ``outboundAccountPosition``: the balances of the assets a change touched (``B``)."""

    event_time: int
    update_time: int
    balances: tuple[Balance, ...]
    symbol: None = None  # not about one market: every listener gets it

    def by_asset(self) -> dict[str, Balance]:
        return {b.asset: b for b in self.balances}


@dataclass(frozen=True, slots=True)
class BalanceDelta:
    """A ``balanceUpdate``: a deposit, withdrawal or transfer changed ``asset`` by ``delta``."""

    asset: str
    delta: Decimal
    event_time: int
    clear_time: int
    symbol: None = None


@dataclass(frozen=True, slots=True)
class ListOrder:
    symbol: str
    exchange_order_id: int
    client_order_id: str


@dataclass(frozen=True, slots=True)
class ListStatus:
    """A ``listStatus``: an order list (OCO, OTO…) changed; its orders get executionReports too."""

    symbol: str
    order_list_id: int
    contingency_type: str
    list_status_type: str
    list_order_status: str
    list_client_order_id: str
    reject_reason: str | None
    event_time: int
    transaction_time: int
    orders: tuple[ListOrder, ...] = ()


@dataclass(frozen=True, slots=True)
class RawEvent:
    """An event the app has no type for, or could not read: its kind and fields as sent."""

    kind: str
    event_time: int
    data: Mapping[str, Any] = field(default_factory=dict)
    symbol: str | None = None


UserEvent = OrderUpdate | AccountPosition | BalanceDelta | ListStatus | RawEvent


def _dec(value: Any) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise TypeError("not an amount")
    return Decimal(str(value))


def _reason(value: Any) -> str | None:
    text = str(value) if value is not None else ""
    return None if text in ("", "NONE") else text


def _order_update(e: Mapping[str, Any]) -> OrderUpdate:
    symbol, side = str(e["s"]), Side(str(e["S"]))
    original = str(e.get("C") or "")
    own = original or str(e["c"])
    order_id, trade_time = int(e["i"]), int(e["T"])
    fill = None
    if e["x"] == TRADE:
        fill = Fill(
            symbol=symbol,
            side=side,
            price=_dec(e["L"]),
            quantity=_dec(e["l"]),
            fee=_dec(e["n"]),
            fee_asset=str(e.get("N") or ""),
            time=trade_time,
            client_order_id=own,
            trade_id=int(e["t"]),
            exchange_order_id=order_id,
        )
    return OrderUpdate(
        symbol=symbol,
        client_order_id=own,
        exchange_order_id=order_id,
        side=side,
        type=str(e["o"]),
        time_in_force=str(e.get("f", "")),
        status=OrderStatus(str(e["X"])),
        execution_type=str(e["x"]),
        quantity=_dec(e["q"]),
        price=_dec(e["p"]),
        executed_qty=_dec(e["z"]),
        quote_qty=_dec(e["Z"]),
        event_time=int(e["E"]),
        transaction_time=trade_time,
        order_time=int(e.get("O") or 0),
        fill=fill,
        is_maker=bool(e.get("m", False)),
        reject_reason=_reason(e.get("r")),
        expiry_reason=_reason(e.get("eR")),
        prevented_qty=_dec(e["A"]) if e.get("A") is not None else None,
        cancel_client_order_id=str(e["c"]) if original else None,
    )


def _account_position(e: Mapping[str, Any]) -> AccountPosition:
    rows = tuple(Balance(str(b["a"]), _dec(b["f"]), _dec(b["l"])) for b in e["B"])
    return AccountPosition(event_time=int(e["E"]), update_time=int(e.get("u") or 0), balances=rows)


def _balance_delta(e: Mapping[str, Any]) -> BalanceDelta:
    return BalanceDelta(str(e["a"]), _dec(e["d"]), int(e["E"]), int(e.get("T") or 0))


def _list_status(e: Mapping[str, Any]) -> ListStatus:
    orders = tuple(ListOrder(str(o["s"]), int(o["i"]), str(o["c"])) for o in e.get("O") or ())
    return ListStatus(
        symbol=str(e["s"]),
        order_list_id=int(e["g"]),
        contingency_type=str(e["c"]),
        list_status_type=str(e["l"]),
        list_order_status=str(e["L"]),
        list_client_order_id=str(e["C"]),
        reject_reason=_reason(e.get("r")),
        event_time=int(e["E"]),
        transaction_time=int(e["T"]),
        orders=orders,
    )


_PARSERS: dict[str, Callable[[Mapping[str, Any]], UserEvent]] = {
    EXECUTION_REPORT: _order_update,
    ACCOUNT_POSITION: _account_position,
    BALANCE_UPDATE: _balance_delta,
    LIST_STATUS: _list_status,
}


def parse_event(event: Mapping[str, Any]) -> UserEvent:
    """The typed event for Binance's ``event`` object; a :class:`RawEvent` if it has no type here
    or cannot be read (logged as a warning, still delivered)."""
    kind = str(event.get("e", ""))
    parser = _PARSERS.get(kind)
    if parser is not None:
        try:
            return parser(event)
        except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
            log.warning("user data stream: a %s event could not be read (%s)", kind, exc)
    symbol = event.get("s")
    try:
        event_time = int(event.get("E") or 0)
    except (TypeError, ValueError):
        event_time = 0
    return RawEvent(kind, event_time, dict(event), str(symbol) if symbol else None)
