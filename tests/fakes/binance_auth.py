"""SIGNED / USER_DATA checks, in the order and with the codes Binance uses.

1. ``X-MBX-APIKEY`` must be present and known: -2014 (malformed) or -2015 (unknown), HTTP 401.
2. ``timestamp`` and ``signature`` are mandatory: -1102, HTTP 400. ``recvWindow`` ≤ 60000: -1131.
3. The timestamp must satisfy ``timestamp < serverTime + 1000`` and
   ``serverTime - timestamp <= recvWindow`` (default 5000): else -1021, HTTP 400.
4. The signature covers ``totalParams`` = query string concatenated with the body, without the
   ``signature`` parameter: HMAC-SHA256 hex with the secret, or base64 Ed25519 checked with the
   registered public key. A mismatch is -1022, HTTP 400.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import unquote

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from tests.fakes.binance_state import ApiError, FakeKey, FakeState

DEFAULT_RECV_WINDOW = Decimal(5000)
MAX_RECV_WINDOW = Decimal(60000)
AHEAD_TOLERANCE_MS = 1000
_KEY_FORMAT = re.compile(r"^[A-Za-z0-9]{64}$")

MSG_KEY_FORMAT = "API-key format invalid."
MSG_KEY_REJECTED = "Invalid API-key, IP, or permissions for action."
MSG_TIMESTAMP_WINDOW = "Timestamp for this request is outside of the recvWindow."
MSG_TIMESTAMP_AHEAD = "Timestamp for this request was 1000ms ahead of the server's time."
MSG_SIGNATURE = "Signature for this request is not valid."


@dataclass(frozen=True)
class Incoming:
    """A request as received: raw query and body (signatures are checked on these bytes)."""

    method: str
    path: str
    query: str
    body: str
    headers: dict[str, str]  # lower-cased names
    params: dict[str, str]


def find_key(state: FakeState, request: Incoming) -> FakeKey:
    """The key named by ``X-MBX-APIKEY``, or the error Binance gives for a missing/unknown one."""
    api_key = request.headers.get("x-mbx-apikey", "")
    with state.lock:
        key = state.keys.get(api_key)
    if key is not None:
        return key
    if not _KEY_FORMAT.match(api_key):
        raise ApiError(401, -2014, MSG_KEY_FORMAT)
    raise ApiError(401, -2015, MSG_KEY_REJECTED)


def _mandatory(request: Incoming, name: str) -> str:
    value = request.params.get(name, "")
    if not value:
        raise ApiError(
            400,
            -1102,
            f"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.",
        )
    return value


def check_timestamp(state: FakeState, request: Incoming) -> None:
    raw_ts = _mandatory(request, "timestamp")
    if not raw_ts.isdigit():
        raise ApiError(
            400,
            -1100,
            "Illegal characters found in parameter 'timestamp'; legal range is '^[0-9]{1,20}$'.",
        )
    try:
        window = Decimal(request.params.get("recvWindow", DEFAULT_RECV_WINDOW))
    except InvalidOperation:
        raise ApiError(400, -1100, "Illegal characters found in parameter 'recvWindow'.") from None
    if window > MAX_RECV_WINDOW or window <= 0:
        raise ApiError(400, -1131, "recvWindow must be less than 60000")
    timestamp = int(raw_ts)
    server_time = state.now_ms()
    if timestamp >= server_time + AHEAD_TOLERANCE_MS:
        raise ApiError(400, -1021, MSG_TIMESTAMP_AHEAD)
    if server_time - timestamp > window:
        raise ApiError(400, -1021, MSG_TIMESTAMP_WINDOW)


def _without_signature(raw: str) -> tuple[str, str | None]:
    """``raw`` with its ``signature=`` parameter removed, and that parameter's decoded value."""
    kept: list[str] = []
    signature: str | None = None
    for part in raw.split("&") if raw else []:
        if part.startswith("signature="):
            signature = unquote(part[len("signature=") :])
        else:
            kept.append(part)
    return "&".join(kept), signature


def signed_payload(request: Incoming) -> tuple[bytes, str]:
    """Binance's ``totalParams`` (query string then body, no separator) and the signature."""
    query, sig_q = _without_signature(request.query)
    body, sig_b = _without_signature(request.body)
    signature = sig_q if sig_q is not None else sig_b
    if not signature:
        _mandatory(request, "signature")
    return (query + body).encode(), signature or ""


def _hmac_ok(key: FakeKey, payload: bytes, signature: str) -> bool:
    expected = hmac.new(key.secret.encode(), payload, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.lower())


def _ed25519_ok(public_pem: str, payload: bytes, signature: str) -> bool:
    public = serialization.load_pem_public_key(public_pem.encode())
    if not isinstance(public, Ed25519PublicKey):
        raise TypeError("FakeKey.public_pem must be an Ed25519 public key")
    try:
        public.verify(base64.b64decode(signature, validate=True), payload)
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


def check_signature(key: FakeKey, request: Incoming) -> None:
    payload, signature = signed_payload(request)
    ok = (
        _ed25519_ok(key.public_pem, payload, signature)
        if key.public_pem
        else _hmac_ok(key, payload, signature)
    )
    if not ok:
        raise ApiError(400, -1022, MSG_SIGNATURE)


def authenticate(state: FakeState, request: Incoming, *, signed: bool) -> FakeKey:
    """Run the checks of a USER_DATA / TRADE endpoint (``signed``) or a USER_STREAM one."""
    key = find_key(state, request)
    if signed:
        _mandatory(request, "signature")
        check_timestamp(state, request)
        check_signature(key, request)
    return key
