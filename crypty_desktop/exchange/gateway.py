"""The ExchangeGateway protocol: everything the rest of the app may ask of an exchange.

Implemented by the Binance adapter (``binance.py``) and the offline simulated exchange
(``simulated.py``). Implementations raise only the domain errors of
``crypty_desktop.domain.errors``, take and return ``Decimal`` amounts, and never log a secret.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from crypty_desktop.domain.market import Balance, Candle, SymbolRules
from crypty_desktop.domain.orders import Fill, OrderRequest, OrderStamp, OrderState
from crypty_desktop.domain.platform import Permissions

if TYPE_CHECKING:
    from crypty_desktop.exchange.binance_order_lists import OrderListState

KLINES_PAGE = 1000  # Binance returns at most 1000 klines per request


@runtime_checkable
class ExchangeGateway(Protocol):
    # --- account ------------------------------------------------------------------------------
    def read_permissions(self) -> Permissions:
        """Read what the key can do (account + API restrictions)."""
        ...

    def balances(self) -> dict[str, Balance]:
        """Non-zero balances by asset."""
        ...

    # --- market data --------------------------------------------------------------------------
    def symbol_rules(self, symbol: str) -> SymbolRules:
        """The symbol's filters (cached; raises UnknownSymbol)."""
        ...

    def symbols(self) -> list[SymbolRules]:
        """Every symbol that is trading (cached)."""
        ...

    def klines(
        self, symbol: str, interval: str, start_ms: int, end_ms: int | None = None
    ) -> list[Candle]:
        """Closed candles with open_time in [start_ms, end_ms], paged by ≤ 1000 per request."""
        ...

    def ticker_price(self, symbol: str) -> Decimal: ...

    # --- orders -------------------------------------------------------------------------------
    def server_time_ms(self) -> int:
        """The exchange's clock now (asks the exchange)."""
        ...

    def order_stamp(self) -> OrderStamp:
        """The timestamp and recvWindow the next order will carry (recorded before it leaves)."""
        ...

    def place_order(self, request: OrderRequest, stamp: OrderStamp | None = None) -> OrderState:
        """Send an order, signed with ``stamp`` when given. Raises UnknownOrderStatus when the
        outcome is not known (timeout, 5xx)."""
        ...

    def query_order(self, symbol: str, client_order_id: str) -> OrderState | None:
        """The order's state, or None if the exchange has no such order."""
        ...

    def cancel_order(self, symbol: str, client_order_id: str) -> OrderState: ...

    def open_orders(self, symbol: str) -> list[OrderState]: ...

    def my_trades(self, symbol: str, start_ms: int | None = None) -> list[Fill]: ...

    def order_trades(self, symbol: str, exchange_order_id: int) -> list[Fill]:
        """Every trade of one order (by the exchange's order id)."""
        ...

    def close(self) -> None:
        """Release network resources."""
        ...


@runtime_checkable
class OrderListGateway(Protocol):
    """What an exchange that keeps stops and take-profits for the app offers (Binance does;
    the simulated exchange does not: a Ghost bot's stops are simulated by its paper broker)."""

    def place_oco(
        self, above: OrderRequest, below: OrderRequest, stamp: OrderStamp | None = None
    ) -> list[OrderState]:
        """Send an OCO list (a take-profit above, a stop below); UnknownOrderStatus when its
        outcome is not known."""
        ...

    def query_order_list(self, list_client_id: str) -> OrderListState | None: ...

    def cancel_order_list(self, symbol: str, list_client_id: str) -> list[OrderState]: ...
