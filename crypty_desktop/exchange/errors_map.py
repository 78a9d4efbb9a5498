"""Binance's answers and network failures, turned into the app's domain errors.

Pure functions over plain values (HTTP status, Binance code and message, headers), so they can be
tested without a network and never see a request URL, a signature or a secret. Messages are
written for the user; Binance's own ``msg`` is quoted only for order rejections, where it names
the broken rule and carries no request data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from crypty_desktop.domain.errors import (
    AuthError,
    ClockSkew,
    CryptyError,
    ExchangeUnavailable,
    FilterRejected,
    InsufficientBalance,
    IpBanned,
    NotFound,
    RateLimited,
    UnknownOrderStatus,
    UnknownSymbol,
    ValidationError,
)
from crypty_desktop.wording import QT_TRANSLATE_NOOP

DEFAULT_RETRY_AFTER = 60.0  # float-ok: seconds
_BANNED_UNTIL = re.compile(r"banned until (\d{10,16})")

UNREACHABLE = QT_TRANSLATE_NOOP(
    "Core",
    "Binance could not be reached. Check your internet connection (and any firewall or proxy), "
    "then try again. If the connection is fine, Binance may be down for maintenance.",
)
OUTCOME_UNKNOWN = QT_TRANSLATE_NOOP(
    "Core",
    "The connection to Binance broke before it answered, so it is not known whether the order "
    "reached Binance. The app will look it up before doing anything else; do not re-send it.",
)
DUPLICATE_ORDER = QT_TRANSLATE_NOOP(
    "Core",
    "Binance already has an open order with this order id, so the order was not placed twice. "
    "The app will look that order up instead of sending it again.",
)
KEY_REFUSED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance refused the key: it is wrong, revoked, or restricted to another IP address (your "
    "current IP may have changed). Check the Access Key, and on Binance's API Management page "
    "check that the key still exists and that its trusted IP list includes this computer's "
    "public IP.",
)
KEY_FORMAT = QT_TRANSLATE_NOOP(
    "Core",
    "Binance refused the key: the Access Key is not in the format Binance issues. Copy it again "
    "from Binance's API Management page, without spaces or other characters.",
)
HMAC_SIGNATURE_REFUSED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance refused the signature: the Secret Key does not belong to this Access Key. Copy the "
    "Secret Key again (Binance shows it only once; if it is lost, create a new key).",
)
PRIVATE_KEY_REFUSED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance refused the signature: this private key does not match the public key registered "
    "for this Access Key on Binance. Register this computer's public key again, or paste the "
    "matching private key.",
)
WITH_TESTNET_HINT = QT_TRANSLATE_NOOP(
    "Core",
    "{reason} Testnet keys come from testnet.binance.vision and only work on the testnet; live "
    "keys only work on live Binance.",
)
CLOCK_SKEW = QT_TRANSLATE_NOOP(
    "Core",
    "Binance refused the request because this computer's clock is not right, and correcting for "
    "it did not help. Turn on automatic date and time (Windows: Settings › Time & language › Set "
    "time automatically; macOS: System Settings › General › Date & Time; Linux: 'timedatectl "
    "set-ntp true'), then try again.",
)
CLOCK_SKEW_BY = QT_TRANSLATE_NOOP(
    "Core",
    "Binance refused the request because this computer's clock is not right, and correcting for "
    "it did not help. {offset} Turn on automatic date and time (Windows: Settings › Time & "
    "language › Set time automatically; macOS: System Settings › General › Date & Time; Linux: "
    "'timedatectl set-ntp true'), then try again.",
)
CLOCK_BEHIND = QT_TRANSLATE_NOOP("Core", "This computer's clock is {amount} behind Binance's time.")
CLOCK_AHEAD = QT_TRANSLATE_NOOP(
    "Core", "This computer's clock is {amount} ahead of Binance's time."
)
INSUFFICIENT = QT_TRANSLATE_NOOP(
    "Core",
    "The account does not hold enough of this asset for the order (free balance, not counting "
    "amounts locked in open orders).",
)
ORDER_REJECTED = QT_TRANSLATE_NOOP("Core", "Binance rejected the order: {binance_message}")
UNKNOWN_MARKET = QT_TRANSLATE_NOOP("Core", "Binance does not list this market (symbol).")
NO_SUCH_ORDER = QT_TRANSLATE_NOOP("Core", "Binance has no order with this id.")
NO_OPEN_ORDER = QT_TRANSLATE_NOOP("Core", "Binance has no open order with this id to cancel.")
NO_SUCH_INTERVAL = QT_TRANSLATE_NOOP("Core", "Binance does not offer candles of this interval.")
IP_BANNED = QT_TRANSLATE_NOOP(
    "Core",
    "Binance has banned this IP address for a while because too many requests were sent. "
    "Requests can resume after {time} UTC.",
)
SLOW_DOWN = QT_TRANSLATE_NOOP(
    "Core", "Binance asked the app to slow down. Try again in {seconds} s."
)
SERVER_PROBLEM = QT_TRANSLATE_NOOP(
    "Core", "Binance had a problem on its side (HTTP {status}). Try again in a few minutes."
)
FIREWALL = QT_TRANSLATE_NOOP(
    "Core", "Binance's firewall refused the request. Wait a few minutes, then try again."
)
NO_SERVICE = QT_TRANSLATE_NOOP(
    "Core", "Binance does not offer this service at this address (HTTP 404)."
)
REFUSED_WITH_CODE = QT_TRANSLATE_NOOP("Core", "Binance refused the request (code {code}).")


def retry_after_seconds(headers: Mapping[str, str]) -> float:  # float-ok: seconds
    """The ``Retry-After`` header in seconds, or a minute when it is missing or unreadable."""
    raw = headers.get("Retry-After") or headers.get("retry-after")
    try:
        value = float(raw) if raw is not None else DEFAULT_RETRY_AFTER  # float-ok: seconds
    except ValueError:
        value = DEFAULT_RETRY_AFTER
    return max(value, 0.0)


def _ban_end(message: str, retry_after: float, now: datetime) -> datetime:  # float-ok
    match = _BANNED_UNTIL.search(message)
    if match:
        return datetime.fromtimestamp(int(match.group(1)) / 1000, tz=UTC)  # float-ok: time
    return now + timedelta(seconds=retry_after)


def describe_offset(offset_ms: int) -> str:
    """``offset_ms`` = Binance's time minus this computer's, as a sentence ("… 5 s behind …")."""
    seconds = round(abs(offset_ms) / 1000)  # float-ok: a duration for display
    minutes, secs = divmod(seconds, 60)
    amount = f"{minutes} min {secs} s" if minutes else f"{secs} s"
    if seconds == 0:
        amount = f"{abs(offset_ms)} ms"
    return (CLOCK_BEHIND if offset_ms > 0 else CLOCK_AHEAD).format(amount=amount)


def clock_skew(offset_ms: int | None, code: int | None = -1021) -> ClockSkew:
    """The clock error, saying how far off this computer is and how to fix it."""
    if offset_ms is None:
        return ClockSkew(CLOCK_SKEW, code=code)
    return ClockSkew(CLOCK_SKEW_BY.format(offset=describe_offset(offset_ms)), code=code)


def _order_rejected(code: int, message: str) -> CryptyError:
    if "duplicate order" in message.lower():  # the order exists: look it up, do not re-send
        return UnknownOrderStatus(DUPLICATE_ORDER, code=code)
    if "insufficient" in message.lower():
        return InsufficientBalance(INSUFFICIENT, code=code)
    return FilterRejected(ORDER_REJECTED.format(binance_message=message), code=code)


def _auth_error(code: int | None, *, ed25519: bool, testnet: bool) -> CryptyError | None:
    def hinted(reason: str) -> str:
        return WITH_TESTNET_HINT.format(reason=reason) if testnet else reason

    if code == -2015:
        return AuthError(hinted(KEY_REFUSED), code=code)
    if code == -2014:
        return AuthError(hinted(KEY_FORMAT), code=code)
    if code == -1022:
        return AuthError(PRIVATE_KEY_REFUSED if ed25519 else HMAC_SIGNATURE_REFUSED, code=code)
    if code == -1021:
        return clock_skew(None, code)
    return None


def _order_error(code: int | None, message: str) -> CryptyError | None:
    if code == -1121:
        return UnknownSymbol(UNKNOWN_MARKET, code=code)
    if code == -2010:
        return _order_rejected(code, message)
    if code == -2013:
        return NotFound(NO_SUCH_ORDER, code=code)
    if code == -2011:
        return NotFound(NO_OPEN_ORDER, code=code)
    if code == -1120:
        return ValidationError(NO_SUCH_INTERVAL, code=code)
    if code in (-1013, -1111, -1100):
        return FilterRejected(ORDER_REJECTED.format(binance_message=message), code=code)
    return None


def map_api_error(
    status: int,
    code: int | None,
    message: str,
    headers: Mapping[str, str],
    *,
    ed25519: bool = False,
    testnet: bool = False,
    mutating: bool = False,
    now: datetime | None = None,
) -> CryptyError:
    """The domain error for an HTTP error answer from Binance."""
    now = now or datetime.now(UTC)
    if status == 418:
        wait = retry_after_seconds(headers)
        until = _ban_end(message, wait, now)
        wait = max(wait, (until - now).total_seconds())
        return IpBanned(
            IP_BANNED.format(time=f"{until:%H:%M:%S}"),
            retry_after=wait,
            until=until,
            code=code or status,
        )
    if status == 429:
        wait = retry_after_seconds(headers)
        return RateLimited(
            SLOW_DOWN.format(seconds=f"{wait:.0f}"),
            retry_after=wait,
            code=code or status,
        )
    if status >= 500:
        if mutating:
            return UnknownOrderStatus(OUTCOME_UNKNOWN, code=status)
        return ExchangeUnavailable(
            SERVER_PROBLEM.format(status=status),
            code=status,
        )
    known = _auth_error(code, ed25519=ed25519, testnet=testnet) or _order_error(code, message)
    if known is not None:
        return known
    if status == 403:
        return ExchangeUnavailable(
            FIREWALL,
            code=status,
        )
    if status == 404:
        return ExchangeUnavailable(NO_SERVICE, code=status)
    return CryptyError(
        REFUSED_WITH_CODE.format(code=code if code is not None else status),
        code=code if code is not None else status,
    )


def map_transport_error(*, request_sent: bool, mutating: bool = False) -> CryptyError:
    """The domain error for a connection failure or a timeout."""
    if mutating and request_sent:
        return UnknownOrderStatus(OUTCOME_UNKNOWN)
    return ExchangeUnavailable(UNREACHABLE)
