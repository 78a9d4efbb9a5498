"""The Binance gateway's protective orders: OCO order lists and lone stop-limit orders.

- ``place_oco`` sends ``POST /api/v3/orderList/oco`` (the 2023+ API: an *above* and a *below*
  leg, each named by its own client order id, the list by ``listClientOrderId``) and answers the
  state of each leg. Like ``place_order``, a timeout, a dropped connection or a 5xx raises
  ``UnknownOrderStatus``: the legs may exist, the caller queries them by their client order ids.
- ``cancel_order_list`` sends ``DELETE /api/v3/orderList``; ``NotFound`` when the list is no
  longer open (a leg filled, the other expired). ``query_order_list`` reads
  ``GET /api/v3/orderList``: None when Binance has no such list.
- A lone stop-limit leg goes through ``place_order`` (``order_params`` adds its ``stopPrice`` /
  ``trailingDelta``). Each leg of a list is also an order: ``query_order`` finds it by its client
  order id, and its fills come from ``order_trades`` as for any order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from crypty_desktop.domain.errors import ExchangeUnavailable, NotFound
from crypty_desktop.domain.money import strip
from crypty_desktop.domain.orders import OrderRequest, OrderStamp, OrderState, OrderType
from crypty_desktop.exchange.binance_base import GatewayBase
from crypty_desktop.exchange.binance_market import UNREADABLE_ORDER
from crypty_desktop.exchange.binance_orders import order_state, stp_params

W_NEW_ORDER_LIST = 1  # and two orders towards the order-count limits
W_QUERY_ORDER_LIST = 4
W_CANCEL_ORDER_LIST = 1


@dataclass(frozen=True, slots=True)
class OrderListState:
    """What Binance says of an order list: its status and its legs' client order ids."""

    list_client_id: str
    list_status: str  # EXECUTING, ALL_DONE, REJECT
    order_status: str  # listOrderStatus: EXECUTING, ALL_DONE, REJECT
    client_order_ids: tuple[str, ...]

    @property
    def done(self) -> bool:
        return self.list_status == "ALL_DONE"


def leg_params(prefix: str, leg: OrderRequest) -> dict[str, str]:
    """One leg's parameters under ``above``/``below``: type, client id, price, stop, trail."""
    params = {f"{prefix}Type": leg.type.value, f"{prefix}ClientOrderId": leg.client_order_id}
    if leg.price is not None:
        params[f"{prefix}Price"] = strip(leg.price)
    if leg.type is OrderType.STOP_LOSS_LIMIT:
        params[f"{prefix}TimeInForce"] = leg.time_in_force
        if leg.stop_price is not None:
            params[f"{prefix}StopPrice"] = strip(leg.stop_price)
        if leg.trailing_delta is not None:
            params[f"{prefix}TrailingDelta"] = str(leg.trailing_delta)
    return params


def oco_params(
    above: OrderRequest, below: OrderRequest, stp_modes: tuple[str, ...] = ()
) -> dict[str, str]:
    """The POST /api/v3/orderList/oco parameters: every amount a plain decimal string."""
    params = {
        "symbol": above.symbol,
        "side": above.side.value,
        "quantity": strip(above.quantity),
        "listClientOrderId": above.list_client_id,
        "newOrderRespType": "FULL",
    }
    return params | stp_params(stp_modes) | leg_params("above", above) | leg_params("below", below)


def list_state(answer: Mapping[str, Any]) -> OrderListState:
    try:
        return OrderListState(
            list_client_id=str(answer["listClientOrderId"]),
            list_status=str(answer["listStatusType"]),
            order_status=str(answer["listOrderStatus"]),
            client_order_ids=tuple(str(o["clientOrderId"]) for o in answer["orders"]),
        )
    except (KeyError, TypeError):
        raise ExchangeUnavailable(UNREADABLE_ORDER) from None


def leg_states(answer: Mapping[str, Any]) -> list[OrderState]:
    """The legs' states from an order list answer's ``orderReports``."""
    reports = answer.get("orderReports")
    if not isinstance(reports, list):
        raise ExchangeUnavailable(UNREADABLE_ORDER)
    return [order_state(report) for report in reports]


class OrderListsMixin(GatewayBase):
    """Order lists for :class:`~crypty_desktop.exchange.binance.BinanceGateway`."""

    def place_oco(
        self, above: OrderRequest, below: OrderRequest, stamp: OrderStamp | None = None
    ) -> list[OrderState]:
        """Send an OCO list; raises ``UnknownOrderStatus`` when its fate is not known."""
        modes = self.symbol_rules(above.symbol).stp_modes
        answer: dict[str, Any] = self._call(
            partial(self._client.create_oco_order, **oco_params(above, below, modes)),
            signed=True,
            mutating=True,
            weight=W_NEW_ORDER_LIST,
            orders=2,
            stamp=stamp,
        )
        return leg_states(answer)

    def query_order_list(self, list_client_id: str) -> OrderListState | None:
        """The order list with this client id, or None if Binance has none."""
        try:
            answer: dict[str, Any] = self._call(
                partial(
                    self._client._get, "orderList", True, data={"origClientOrderId": list_client_id}
                ),
                signed=True,
                weight=W_QUERY_ORDER_LIST,
            )
        except NotFound:
            return None
        return list_state(answer)

    def cancel_order_list(self, symbol: str, list_client_id: str) -> list[OrderState]:
        """Cancel an open order list; ``NotFound`` when it is unknown or no longer open."""
        answer: dict[str, Any] = self._call(
            partial(
                self._client._delete,
                "orderList",
                True,
                data={"symbol": symbol, "listClientOrderId": list_client_id},
            ),
            signed=True,
            mutating=True,
            weight=W_CANCEL_ORDER_LIST,
        )
        return leg_states(answer)
