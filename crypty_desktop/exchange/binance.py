"""The Binance gateway: python-binance's sync ``Client`` behind the app's ExchangeGateway.

What this adapter adds to the client:

- URL selection: live or testnet by platform type; ``base_url`` (``CRYPTY_BINANCE_URL``) replaces
  the host of both ``/api`` and ``/sapi``.
- Time sync: Binance refuses signed requests whose timestamp is off by more than ``recvWindow``.
  The offset to Binance's clock is measured once before the first signed call, applied through the
  client's ``timestamp_offset``, and measured again (then the call retried once) on a -1021.
- Error mapping (``errors_map``): every failure becomes a domain error with a message for the user
  and the code in ``.code``. The client's exceptions, which hold the signed request URL, are never
  chained into them.
- Weight tracking: ``used_weight`` is the last ``X-MBX-USED-WEIGHT-1M`` Binance reported.

Every method blocks on the network: call it from a worker thread, never from the GUI thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import requests
from binance.client import Client
from binance.exceptions import BinanceAPIException, BinanceRequestException

from crypty_desktop.domain.errors import AuthError, ClockSkew, CryptyError, ExchangeUnavailable
from crypty_desktop.domain.market import Balance, Candle, SymbolRules
from crypty_desktop.domain.orders import Fill, OrderRequest, OrderState
from crypty_desktop.domain.platform import (
    ApiCredentials,
    KeyKind,
    Permissions,
    PlatformType,
    mask_key,
)
from crypty_desktop.exchange.errors_map import (
    clock_skew,
    map_api_error,
    map_transport_error,
)
from crypty_desktop.keypair import is_ed25519_private_pem

T = TypeVar("T")

LIVE_URL = "https://api.binance.com"
TESTNET_URL = "https://testnet.binance.vision"
WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M"
UNREADABLE_PRIVATE_KEY = (
    "The private key could not be read. Generate a new key pair, or paste the Ed25519 private "
    "key again (PEM format)."
)


def _pem(secret: str) -> str:
    """An Ed25519 PEM as python-binance expects it (it picks RSA for texts over 120 chars)."""
    return secret.replace("\r\n", "\n").strip() + "\n"


def _make_client(
    type_: PlatformType, creds: ApiCredentials, base_url: str | None, timeout: float
) -> Client:
    testnet = type_ is PlatformType.BINANCE_TESTNET
    signing: dict[str, Any] = (
        {"private_key": _pem(creds.secret)}
        if creds.kind is KeyKind.ED25519
        else {"api_secret": creds.secret}
    )
    if creds.kind is KeyKind.ED25519 and not is_ed25519_private_pem(signing["private_key"]):
        raise AuthError(UNREADABLE_PRIVATE_KEY)  # checked first: a half-built Client cannot close
    try:
        client = Client(
            creds.api_key,
            requests_params={"timeout": timeout},
            testnet=testnet,
            ping=False,
            **signing,
        )
    except (ValueError, TypeError, IndexError):
        raise AuthError(UNREADABLE_PRIVATE_KEY) from None
    host = (base_url or (TESTNET_URL if testnet else LIVE_URL)).rstrip("/")
    client.API_URL = client.API_TESTNET_URL = client.API_DEMO_URL = f"{host}/api"
    client.MARGIN_API_URL = f"{host}/sapi"  # on the testnet: a /sapi that answers 404, never live
    return client


def _request_was_sent(exc: requests.RequestException) -> bool:
    """False when the connection failed before the request left (refused, DNS, connect timeout)."""
    if isinstance(exc, requests.ConnectTimeout):
        return False
    if isinstance(exc, requests.ConnectionError):
        text = repr(exc.args[0]) if exc.args else ""
        not_sent = ("NewConnectionError", "NameResolutionError", "ConnectionRefused")
        return not any(marker in text for marker in not_sent)
    return True


class BinanceGateway:
    """ExchangeGateway over Binance (live or testnet) for one API key.

    Attributes:
        type: the platform type (live or testnet).
        used_weight: the request weight used in the current minute, as Binance last reported it.
        time_offset_ms: Binance's clock minus this computer's, once measured.
    """

    def __init__(
        self,
        type_: PlatformType,
        creds: ApiCredentials,
        *,
        base_url: str | None,
        timeout: float,  # float-ok: seconds
    ) -> None:
        if not type_.needs_keys:
            raise ValueError(f"{type_.value} is not a Binance platform")
        self.type = type_
        self._key_masked = mask_key(creds.api_key)
        self._ed25519 = creds.kind is KeyKind.ED25519
        self._client = _make_client(type_, creds, base_url, timeout)
        self.used_weight: int | None = None
        self.time_offset_ms: int | None = None

    def __repr__(self) -> str:  # never the secret, whatever the client holds
        return f"BinanceGateway(type={self.type.value!r}, key={self._key_masked!r})"

    __str__ = __repr__

    @property
    def testnet(self) -> bool:
        return self.type is PlatformType.BINANCE_TESTNET

    # --- plumbing -----------------------------------------------------------------------------
    def _request(self, fn: Callable[[], T], *, mutating: bool = False) -> T:
        """Run one client call; raise only domain errors, with no exception chained."""
        error: CryptyError
        try:
            result = fn()
        except BinanceAPIException as exc:
            self._note_weight(exc.response.headers if exc.response is not None else {})
            error = map_api_error(
                int(exc.status_code),
                int(exc.code) if exc.code else None,
                str(exc.message or ""),
                exc.response.headers if exc.response is not None else {},
                ed25519=self._ed25519,
                testnet=self.testnet,
                mutating=mutating,
            )
        except BinanceRequestException:
            error = ExchangeUnavailable("Binance sent an answer the app could not read.")
        except requests.RequestException as exc:
            error = map_transport_error(request_sent=_request_was_sent(exc), mutating=mutating)
        else:
            response = self._client.response
            if response is not None:
                self._note_weight(response.headers)
            return result
        raise error  # outside the except blocks: the client's exception is not even in __context__

    def _note_weight(self, headers: Mapping[str, str]) -> None:
        raw = headers.get(WEIGHT_HEADER)
        if raw is not None and raw.isdigit():
            self.used_weight = int(raw)

    def sync_time(self) -> int:
        """Measure Binance's clock against this computer's and sign with the difference."""
        answer: dict[str, Any] = self._request(self._client.get_server_time)
        local_ms = int(time.time() * 1000)  # after the answer: our timestamps never run ahead
        offset = int(answer["serverTime"]) - local_ms
        self._client.timestamp_offset = offset
        self.time_offset_ms = offset
        return offset

    def _call(self, fn: Callable[[], T], *, signed: bool = False, mutating: bool = False) -> T:
        """A client call with time sync for signed calls: resync and retry once on -1021."""
        if signed and self.time_offset_ms is None:
            self.sync_time()
        try:
            return self._request(fn, mutating=mutating)
        except ClockSkew:
            if not signed:
                raise
        self.sync_time()
        code: int | None
        try:
            return self._request(fn, mutating=mutating)
        except ClockSkew as exc:
            code = exc.code
        raise clock_skew(self.time_offset_ms, code)

    # --- account ------------------------------------------------------------------------------
    def read_permissions(self) -> Permissions:
        """What the key can do: the account (reading, canTrade) and the key's API restrictions.

        The testnet has no ``/sapi``: there (or on a 404) only ``canTrade`` is known and the
        result is ``partial``.
        """
        account: dict[str, Any] = self._call(self._client.get_account, signed=True)
        partial = Permissions(
            reading=True,
            spot_trading=bool(account.get("canTrade", False)),
            withdrawals=None,
            ip_restricted=None,
            partial=True,
        )
        if self.testnet:
            return partial
        try:
            rules: dict[str, Any] = self._call(
                self._client.get_account_api_permissions, signed=True
            )
        except ExchangeUnavailable as exc:
            if exc.code == 404:
                return partial
            raise
        return Permissions(
            reading=True,
            spot_trading=bool(rules.get("enableSpotAndMarginTrading", False)),
            withdrawals=bool(rules.get("enableWithdrawals", False)),
            ip_restricted=bool(rules.get("ipRestrict", False)),
            margin=_opt_bool(rules.get("enableMargin")),
            futures=_opt_bool(rules.get("enableFutures")),
            universal_transfer=_opt_bool(rules.get("permitsUniversalTransfer")),
        )

    def balances(self) -> dict[str, Balance]:
        """Non-zero balances by asset, amounts as exact Decimals."""
        account: dict[str, Any] = self._call(
            lambda: self._client.get_account(omitZeroBalances="true"), signed=True
        )
        result: dict[str, Balance] = {}
        for row in account.get("balances", []):
            balance = Balance(str(row["asset"]), Decimal(row["free"]), Decimal(row["locked"]))
            if balance.total:
                result[balance.asset] = balance
        return result

    # --- market data and orders: added by the exchange layer ------------------------------------
    def symbol_rules(self, symbol: str) -> SymbolRules:
        raise NotImplementedError("symbol rules are not available through this gateway yet")

    def symbols(self) -> list[SymbolRules]:
        raise NotImplementedError("symbols are not available through this gateway yet")

    def klines(
        self, symbol: str, interval: str, start_ms: int, end_ms: int | None = None
    ) -> list[Candle]:
        raise NotImplementedError("klines are not available through this gateway yet")

    def ticker_price(self, symbol: str) -> Decimal:
        raise NotImplementedError("prices are not available through this gateway yet")

    def place_order(self, request: OrderRequest) -> OrderState:
        raise NotImplementedError("orders are not available through this gateway yet")

    def query_order(self, symbol: str, client_order_id: str) -> OrderState | None:
        raise NotImplementedError("orders are not available through this gateway yet")

    def cancel_order(self, symbol: str, client_order_id: str) -> OrderState:
        raise NotImplementedError("orders are not available through this gateway yet")

    def open_orders(self, symbol: str) -> list[OrderState]:
        raise NotImplementedError("orders are not available through this gateway yet")

    def my_trades(self, symbol: str, start_ms: int | None = None) -> list[Fill]:
        raise NotImplementedError("trades are not available through this gateway yet")

    def close(self) -> None:
        self._client.close_connection()


def _opt_bool(value: object) -> bool | None:
    return None if value is None else bool(value)
