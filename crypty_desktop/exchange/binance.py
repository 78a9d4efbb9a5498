"""The Binance gateway: python-binance's sync ``Client`` behind the app's ExchangeGateway.

What this adapter adds to the client:

- URL selection: live or testnet by platform type; ``base_url`` (``CRYPTY_BINANCE_URL``) replaces
  the host of both ``/api`` and ``/sapi``.
- Time sync: Binance refuses signed requests whose timestamp is off by more than ``recvWindow``.
  The offset to Binance's clock is measured once before the first signed call, applied through the
  client's ``timestamp_offset``, and measured again (then the call retried once, by
  ``exchange/retry.py``) on a -1021.
- Error mapping (``errors_map``): every failure becomes a domain error with a message for the user
  and the code in ``.code``. The client's exceptions, which hold the signed request URL, are never
  chained into them.
- Rate limits: every request first asks the host's shared ``RateLimiter`` (one per REST host for
  the whole process, since Binance counts per IP) with the endpoint's real weight, and every answer,
  errors included, is shown to it (``X-MBX-USED-WEIGHT-1M``, order counts, 429/418 pauses). The
  limits come from exchangeInfo's ``rateLimits``; ``rate_usage()`` is for the status bar.
  ``used_weight`` is the last ``X-MBX-USED-WEIGHT-1M`` Binance reported.
- Market data (``binance_market``) and orders (``binance_orders``): exact Decimals in and out,
  amounts sent as plain strings, never floats.

Every method blocks on the network: call it from a worker thread, never from the GUI thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import requests
from binance.client import Client
from binance.exceptions import BinanceAPIException, BinanceRequestException

from crypty_desktop.domain.errors import AuthError, ClockSkew, CryptyError, ExchangeUnavailable
from crypty_desktop.domain.market import Balance
from crypty_desktop.domain.orders import OrderStamp
from crypty_desktop.domain.platform import (
    ApiCredentials,
    KeyKind,
    Permissions,
    PlatformType,
    mask_key,
)
from crypty_desktop.exchange.binance_base import (
    W_ACCOUNT,
    W_API_RESTRICTIONS,
    W_TIME,
    shared_limiter,
)
from crypty_desktop.exchange.binance_market import MarketMixin
from crypty_desktop.exchange.binance_order_lists import OrderListsMixin
from crypty_desktop.exchange.binance_orders import OrdersMixin
from crypty_desktop.exchange.errors_map import (
    clock_skew,
    map_api_error,
    map_transport_error,
)
from crypty_desktop.exchange.rate_limit import RateLimiter, Usage
from crypty_desktop.exchange.retry import Retry
from crypty_desktop.keypair import is_ed25519_private_pem
from crypty_desktop.wording import QT_TRANSLATE_NOOP

T = TypeVar("T")

LIVE_URL = "https://api.binance.com"
TESTNET_URL = "https://testnet.binance.vision"
# Binance's market-data-only host: klines, exchangeInfo, tickers, time; no key, no orders.
PUBLIC_URL = "https://data-api.binance.vision"
DEMO_URL = "https://demo-api.binance.com"  # Binance Demo Mode (keys from demo.binance.com)
WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M"
DEFAULT_RECV_WINDOW_MS = 5000  # keep below OrderExecutor's RESEND_AFTER
RESYNC_ONCE = (0.0, 0.0)  # float-ok: a signed call refused for the clock: once more, at once
UNREADABLE_PRIVATE_KEY = QT_TRANSLATE_NOOP(
    "Core",
    "The private key could not be read. Generate a new key pair, or paste the Ed25519 private "
    "key again (PEM format).",
)
UNREADABLE_ANSWER = QT_TRANSLATE_NOOP("Core", "Binance sent an answer the app could not read.")


def _pem(secret: str) -> str:
    """An Ed25519 PEM as python-binance expects it (it picks RSA for texts over 120 chars)."""
    return secret.replace("\r\n", "\n").strip() + "\n"


def rest_host(type_: PlatformType, base_url: str | None) -> str:
    """The REST host a platform talks to: the override, or the platform type's Binance host."""
    host = {
        PlatformType.BINANCE_TESTNET: TESTNET_URL,
        PlatformType.BINANCE_PUBLIC: PUBLIC_URL,
        PlatformType.BINANCE_DEMO: DEMO_URL,
    }.get(type_, LIVE_URL)
    return (base_url or host).rstrip("/")


class _StampingClient(Client):  # type: ignore[misc]
    """python-binance's client, able to sign one request with a timestamp chosen beforehand.

    The order executor records an order's timestamp before the request leaves; the request must
    carry exactly that timestamp, so that "Binance cannot accept it any more" is known from the
    record alone after a crash. ``stamp_ms`` is set for one call, under the gateway's lock.
    """

    stamp_ms: int | None = None

    def _generate_signature(self, data: dict[str, Any]) -> str:
        if self.stamp_ms is not None and "timestamp" in data:
            data["timestamp"] = self.stamp_ms
        signature: str = super()._generate_signature(data)
        return signature


def _public_client(host: str, timeout: float) -> Client:
    """A client without a key: it signs nothing and sends no API key header."""
    client = _StampingClient(None, None, requests_params={"timeout": timeout}, ping=False)
    client.API_URL = client.API_TESTNET_URL = client.API_DEMO_URL = f"{host}/api"
    client.MARGIN_API_URL = f"{host}/sapi"
    return client


def _make_client(type_: PlatformType, creds: ApiCredentials, host: str, timeout: float) -> Client:
    testnet = type_ is PlatformType.BINANCE_TESTNET
    signing: dict[str, Any] = (
        {"private_key": _pem(creds.secret)}
        if creds.kind is KeyKind.ED25519
        else {"api_secret": creds.secret}
    )
    if creds.kind is KeyKind.ED25519 and not is_ed25519_private_pem(signing["private_key"]):
        raise AuthError(UNREADABLE_PRIVATE_KEY)  # checked first: a half-built Client cannot close
    try:
        client = _StampingClient(
            creds.api_key,
            requests_params={"timeout": timeout},
            testnet=testnet,
            ping=False,
            **signing,
        )
    except (ValueError, TypeError, IndexError):
        raise AuthError(UNREADABLE_PRIVATE_KEY) from None
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


class BinanceGateway(MarketMixin, OrdersMixin, OrderListsMixin):
    """ExchangeGateway over Binance (live, testnet, Demo Mode) for one API key, or over Binance's
    public market data without a key.

    Args:
        type_: live, testnet, Demo Mode or public-data Binance.
        creds: the key (HMAC secret or Ed25519 private key); never shown anywhere. None for the
            public market data, which takes no key (and no signed request).
        base_url: a REST host replacing Binance's (``CRYPTY_BINANCE_URL``), or None.
        timeout: seconds before a request is given up (an order's outcome is then unknown).
        limiter: the rate limiter to use; by default the one shared by every gateway of the host.
        info_max_age: seconds the exchangeInfo (symbol rules) stays cached.
        clock: a monotonic clock for that cache (tests move it).
        recv_window_ms: how long after signing Binance may still accept a signed request
            (``recvWindow``; Binance's default, 5 s). A request held up longer is refused, which
            is what lets ``OrderExecutor`` re-send an order safely after ``resend_after``.

    Attributes:
        type: the platform type (live or testnet).
        used_weight: the request weight used in the current minute, as Binance last reported it.
        time_offset_ms: Binance's clock minus this computer's, once measured.
    """

    def __init__(
        self,
        type_: PlatformType,
        creds: ApiCredentials | None,
        *,
        base_url: str | None,
        timeout: float,  # float-ok: seconds
        limiter: RateLimiter | None = None,
        info_max_age: float = 3600.0,  # float-ok: seconds
        clock: Callable[[], float] = time.monotonic,
        recv_window_ms: int = DEFAULT_RECV_WINDOW_MS,
    ) -> None:
        if type_ is PlatformType.SIMULATED:
            raise ValueError(f"{type_.value} is not a Binance platform")
        if (creds is None) == type_.needs_keys:
            raise ValueError(f"{type_.value} takes {'a key' if type_.needs_keys else 'no key'}")
        self.type = type_
        self._key_masked = mask_key(creds.api_key) if creds is not None else ""
        self._ed25519 = creds is not None and creds.kind is KeyKind.ED25519
        host = rest_host(type_, base_url)
        if creds is None:
            self._client = _public_client(host, timeout)
        else:
            self._client = _make_client(type_, creds, host, timeout)
        self._client.REQUEST_RECVWINDOW = recv_window_ms  # the client's own default is 10 s
        self.recv_window_ms = recv_window_ms
        self._limiter = limiter if limiter is not None else shared_limiter(host)
        self._lock = threading.Lock()  # the client keeps its last response: one call at a time
        self.used_weight: int | None = None
        self.time_offset_ms: int | None = None
        self._init_market(info_max_age, clock)

    def __repr__(self) -> str:  # never the secret, whatever the client holds
        return f"BinanceGateway(type={self.type.value!r}, key={self._key_masked!r})"

    __str__ = __repr__

    @property
    def testnet(self) -> bool:
        return self.type is PlatformType.BINANCE_TESTNET

    def rate_usage(self) -> Usage:
        """The host's request weight and order counts, pauses and bans (for the status bar)."""
        return self._limiter.usage()

    @property
    def limiter(self) -> RateLimiter:
        return self._limiter

    # --- plumbing -----------------------------------------------------------------------------
    def _request(
        self, fn: Callable[[], T], *, mutating: bool = False, weight: int = 1, orders: int = 0
    ) -> T:
        """Run one client call within the rate limits; raise only domain errors, none chained."""
        self._limiter.acquire(weight, orders)  # may wait; raises RateLimited/IpBanned unsent
        error: CryptyError
        try:
            with self._lock:
                result = fn()
                response = self._client.response
        except BinanceAPIException as exc:
            headers = exc.response.headers if exc.response is not None else {}
            self._observe(int(exc.status_code), headers)
            error = map_api_error(
                int(exc.status_code),
                int(exc.code) if exc.code else None,
                str(exc.message or ""),
                headers,
                ed25519=self._ed25519,
                testnet=self.testnet,
                mutating=mutating,
            )
        except BinanceRequestException:
            last = self._client.response
            if last is not None:
                self._observe(int(last.status_code), last.headers)
            error = ExchangeUnavailable(UNREADABLE_ANSWER)
        except requests.RequestException as exc:
            error = map_transport_error(request_sent=_request_was_sent(exc), mutating=mutating)
        else:
            if response is not None:
                self._observe(int(response.status_code), response.headers)
            return result
        raise error  # outside the except blocks: the client's exception is not even in __context__

    def _observe(self, status: int, headers: Mapping[str, str]) -> None:
        self._limiter.observe(status, headers)
        raw = headers.get(WEIGHT_HEADER)
        if raw is not None and raw.isdigit():
            self.used_weight = int(raw)

    def sync_time(self) -> int:
        """Measure Binance's clock against this computer's and sign with the difference."""
        answer: dict[str, Any] = self._request(self._client.get_server_time, weight=W_TIME)
        local_ms = int(time.time() * 1000)  # after the answer: our timestamps never run ahead
        offset = int(answer["serverTime"]) - local_ms
        self._client.timestamp_offset = offset
        self.time_offset_ms = offset
        return offset

    def server_time_ms(self) -> int:
        """Binance's clock now (one light request), and the offset measured again with it."""
        answer: dict[str, Any] = self._request(self._client.get_server_time, weight=W_TIME)
        return int(answer["serverTime"])

    def order_stamp(self) -> OrderStamp:
        """The timestamp and recvWindow the next order will be signed with (no request once the
        clock offset is known)."""
        if self.time_offset_ms is None:
            self.sync_time()
        assert self.time_offset_ms is not None
        return OrderStamp(int(time.time() * 1000) + self.time_offset_ms, self.recv_window_ms)

    def _stamped(self, fn: Callable[[], T], stamp: OrderStamp) -> Callable[[], T]:
        """``fn`` signed with exactly ``stamp`` (the gateway's lock is held while it runs)."""
        client = self._client

        def call() -> T:
            assert isinstance(client, _StampingClient)
            saved_window = client.REQUEST_RECVWINDOW
            client.stamp_ms, client.REQUEST_RECVWINDOW = stamp.timestamp_ms, stamp.recv_window_ms
            try:
                return fn()
            finally:
                client.stamp_ms, client.REQUEST_RECVWINDOW = None, saved_window

        return call

    def _call(
        self,
        fn: Callable[[], T],
        *,
        signed: bool = False,
        mutating: bool = False,
        weight: int = 1,
        orders: int = 0,
        stamp: OrderStamp | None = None,
    ) -> T:
        """A client call with time sync for signed calls: resync and retry once on -1021.

        A -1021 means Binance refused the request unread, so even an order is safely re-sent —
        except a stamped one: its timestamp is on record, so the caller re-stamps and re-sends.
        """
        if stamp is not None:
            try:
                return self._request(
                    self._stamped(fn, stamp), mutating=mutating, weight=weight, orders=orders
                )
            except ClockSkew:
                self.sync_time()
                raise
        if signed and self.time_offset_ms is None:
            self.sync_time()

        def request() -> T:
            return self._request(fn, mutating=mutating, weight=weight, orders=orders)

        if not signed:
            return request()
        code: int | None
        try:
            return Retry(RESYNC_ONCE, retry_on=ClockSkew, resync=self.sync_time).call(request)
        except ClockSkew as exc:  # still refused with the clock measured again: say how far off
            code = exc.code
        raise clock_skew(self.time_offset_ms, code)  # outside the except: nothing chained

    # --- account ------------------------------------------------------------------------------
    def read_permissions(self) -> Permissions:
        """What the key can do: the account (reading, canTrade) and the key's API restrictions.

        The testnet has no ``/sapi``: there (or on a 404) only ``canTrade`` is known and the
        result is ``partial``.
        """
        account: dict[str, Any] = self._call(
            self._client.get_account, signed=True, weight=W_ACCOUNT
        )
        partial = Permissions(
            reading=True,
            spot_trading=bool(account.get("canTrade", False)),
            withdrawals=None,
            ip_restricted=None,
            partial=True,
        )
        if self.type in (PlatformType.BINANCE_TESTNET, PlatformType.BINANCE_DEMO):
            return partial  # no /sapi there
        try:
            rules: dict[str, Any] = self._call(
                self._client.get_account_api_permissions, signed=True, weight=W_API_RESTRICTIONS
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
            lambda: self._client.get_account(omitZeroBalances="true"), signed=True, weight=W_ACCOUNT
        )
        result: dict[str, Balance] = {}
        for row in account.get("balances", []):
            balance = Balance(str(row["asset"]), Decimal(row["free"]), Decimal(row["locked"]))
            if balance.total:
                result[balance.asset] = balance
        return result

    def close(self) -> None:
        self._client.close_connection()


def _opt_bool(value: object) -> bool | None:
    return None if value is None else bool(value)
