"""The fake's route table and the endpoints it answers today.

A route is a method, a path, a security type (``NONE``, ``USER_STREAM``, ``USER_DATA``, ``TRADE``)
and a request weight. More endpoints (exchangeInfo, klines, orders...) are added by registering
handlers on a :class:`RouteTable`; a handler gets a :class:`Call` and returns the JSON to send or
raises :class:`~tests.fakes.binance_state.ApiError`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.binance_auth import Incoming
from tests.fakes.binance_state import ApiError, FakeKey, FakeState

NONE, USER_STREAM, USER_DATA, TRADE = "NONE", "USER_STREAM", "USER_DATA", "TRADE"
SIGNED = (USER_DATA, TRADE)


@dataclass(frozen=True)
class Call:
    """What a handler sees: the state, the request, and the authenticated key (if any)."""

    state: FakeState
    request: Incoming
    key: FakeKey | None
    headers: dict[str, str] = field(default_factory=dict)  # extra answer headers a handler sets

    @property
    def params(self) -> dict[str, str]:
        return self.request.params

    def require_key(self) -> FakeKey:
        if self.key is None:
            raise ApiError(401, -2014, "API-key format invalid.")
        return self.key


Handler = Callable[[Call], Any]


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    security: str
    weight: int
    handler: Handler

    @property
    def signed(self) -> bool:
        return self.security in SIGNED


class RouteTable:
    """Routes by (method, path). ``add`` replaces an existing route, so tests can override one."""

    def __init__(self) -> None:
        self._routes: dict[tuple[str, str], Route] = {}

    def add(
        self, method: str, path: str, *, security: str = NONE, weight: int = 1
    ) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            key = (method.upper(), path)
            self._routes[key] = Route(method.upper(), path, security, weight, handler)
            return handler

        return register

    def find(self, method: str, path: str) -> Route | None:
        return self._routes.get((method.upper(), path))

    def paths(self) -> set[str]:
        return {path for _method, path in self._routes}


# --- the endpoints ------------------------------------------------------------------------------


def _ping(call: Call) -> Any:
    return {}


def _time(call: Call) -> Any:
    return {"serverTime": call.state.now_ms()}


def _account(call: Call) -> Any:
    key = call.require_key()
    if not key.enable_reading:
        raise ApiError(401, -2015, "Invalid API-key, IP, or permissions for action.")
    omit_zero = call.params.get("omitZeroBalances", "false").lower() == "true"
    permissions = ["SPOT"] + (["MARGIN"] if key.enable_margin else [])
    return {
        "makerCommission": 10,
        "takerCommission": 10,
        "buyerCommission": 0,
        "sellerCommission": 0,
        "commissionRates": {
            "maker": "0.00100000",
            "taker": "0.00100000",
            "buyer": "0.00000000",
            "seller": "0.00000000",
        },
        "canTrade": key.can_trade,
        "canWithdraw": key.enable_withdrawals,
        "canDeposit": True,
        "brokered": False,
        "requireSelfTradePrevention": False,
        "preventSor": False,
        "updateTime": call.state.now_ms() - 60_000,
        "accountType": "SPOT",
        "balances": call.state.balance_rows(omit_zero),
        "permissions": permissions,
        "uid": call.state.uid,
    }


def _api_restrictions(call: Call) -> Any:
    key = call.require_key()
    body: dict[str, Any] = {
        "ipRestrict": key.ip_restrict,
        "createTime": key.create_time_ms,
        "enableReading": key.enable_reading,
        "enableSpotAndMarginTrading": key.can_trade,
        "enableWithdrawals": key.enable_withdrawals,
        "enableInternalTransfer": key.enable_internal_transfer,
        "enableMargin": key.enable_margin,
        "enableFutures": key.enable_futures,
        "permitsUniversalTransfer": key.permits_universal_transfer,
        "enableVanillaOptions": key.enable_vanilla_options,
        "enableFixApiTrade": False,
        "enableFixReadOnly": False,
        "enablePortfolioMarginTrading": False,
    }
    if key.can_trade and not key.ip_restrict:
        # Binance expires trading on unrestricted keys after a while and says when.
        body["tradingAuthorityExpirationTime"] = key.create_time_ms + 90 * 86_400_000
    return body


def default_routes() -> RouteTable:
    """Every endpoint the fake answers: general info, account, market data and orders."""
    from tests.fakes.binance_market import add_market_routes
    from tests.fakes.binance_orders import add_order_routes

    table = RouteTable()
    table.add("GET", "/api/v3/ping")(_ping)
    table.add("GET", "/api/v3/time")(_time)
    table.add("GET", "/api/v3/account", security=USER_DATA, weight=20)(_account)
    table.add("GET", "/sapi/v1/account/apiRestrictions", security=USER_DATA, weight=1)(
        _api_restrictions
    )
    add_market_routes(table)
    add_order_routes(table)
    return table
