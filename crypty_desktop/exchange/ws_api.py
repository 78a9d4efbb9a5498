"""What talking to Binance's WebSocket API takes besides a socket: its address, signed requests,
and the domain error for a refused request (web-socket-api.md).

- Address: ``wss://ws-api.binance.com:443/ws-api/v3`` (live) or
  ``wss://ws-api.testnet.binance.vision/ws-api/v3`` (testnet), or the
  ``CRYPTY_BINANCE_WS_API_URL`` override. Only ``wss://`` is accepted, except ``ws://`` to a
  loopback host (the test server): a user data stream over a plain connection would show the
  account's orders to anyone on the path.
- Signing (SIGNED requests, e.g. ``userDataStream.subscribe.signature``): every parameter but
  ``signature`` (``apiKey`` included), sorted by name, joined as ``name=value`` with ``&``, no
  percent-encoding, UTF-8; signed like the REST gateway signs for the same key: HMAC-SHA256 in hex
  with the secret, or Ed25519 in base64 with the private key.
- Requests are ``{"id", "method", "params"}`` text frames; answers are ``{"id", "status",
  "result" | "error": {"code", "msg"}}`` with HTTP status codes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypty_desktop.domain.addresses import is_loopback
from crypty_desktop.domain.errors import AuthError, CryptyError, ValidationError
from crypty_desktop.domain.platform import ApiCredentials, KeyKind, PlatformType, mask_key
from crypty_desktop.exchange.binance import UNREADABLE_PRIVATE_KEY
from crypty_desktop.exchange.errors_map import map_api_error
from crypty_desktop.wording import QT_TRANSLATE_NOOP

LIVE_WS_API_URL = "wss://ws-api.binance.com:443/ws-api/v3"
TESTNET_WS_API_URL = "wss://ws-api.testnet.binance.vision/ws-api/v3"
DEMO_WS_API_URL = "wss://demo-ws-api.binance.com/ws-api/v3"  # Binance Demo Mode

INSECURE_WS_API_URL = QT_TRANSLATE_NOOP(
    "Core",
    "The WebSocket API address {url} is not an encrypted (wss://) address. Only a test server "
    "on this computer may use ws://.",
)


def ws_api_url(platform_type: PlatformType, override: str | None = None) -> str:
    """The WebSocket API address: the override (``CRYPTY_BINANCE_WS_API_URL``) or live / testnet.

    Raises:
        ValidationError: the address is not ``wss://``, nor ``ws://`` to a loopback host.
    """
    if override:
        url = override.strip()
    elif platform_type is PlatformType.BINANCE_TESTNET:
        url = TESTNET_WS_API_URL
    elif platform_type is PlatformType.BINANCE_DEMO:
        url = DEMO_WS_API_URL
    else:
        url = LIVE_WS_API_URL
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host or not (parts.scheme == "wss" or (parts.scheme == "ws" and is_loopback(host))):
        raise ValidationError(INSECURE_WS_API_URL.format(url=url))
    return url


def signature_payload(params: Mapping[str, Any]) -> str:
    """The text Binance signs: parameters but ``signature``, sorted by name, ``a=1&b=2``."""
    return "&".join(f"{k}={_text(v)}" for k, v in sorted(params.items()) if k != "signature")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _pem(secret: str) -> bytes:
    return (secret.replace("\r\n", "\n").strip() + "\n").encode()


class RequestSigner:
    """Signs WebSocket API requests for one key (HMAC or Ed25519). Never shows the secret.

    Raises:
        AuthError: an Ed25519 private key that cannot be read (the REST gateway's message).
    """

    def __init__(self, creds: ApiCredentials) -> None:
        self.api_key = creds.api_key
        self.ed25519 = creds.kind is KeyKind.ED25519
        self._hmac_secret = b""
        self._private: Ed25519PrivateKey | None = None
        if self.ed25519:
            try:
                key = serialization.load_pem_private_key(_pem(creds.secret), password=None)
            except (ValueError, TypeError):
                raise AuthError(UNREADABLE_PRIVATE_KEY) from None
            if not isinstance(key, Ed25519PrivateKey):
                raise AuthError(UNREADABLE_PRIVATE_KEY)
            self._private = key
        else:
            self._hmac_secret = creds.secret.encode()

    def __repr__(self) -> str:
        kind = "ed25519" if self.ed25519 else "hmac"
        return f"RequestSigner(key={mask_key(self.api_key)!r}, kind={kind})"

    __str__ = __repr__

    def signature(self, payload: str) -> str:
        data = payload.encode("utf-8")
        if self._private is not None:
            return base64.b64encode(self._private.sign(data)).decode("ascii")
        return hmac.new(self._hmac_secret, data, hashlib.sha256).hexdigest()

    def signed(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """``params`` with ``apiKey`` and a ``signature`` added (the caller puts ``timestamp``)."""
        out = dict(params)
        out["apiKey"] = self.api_key
        out["signature"] = self.signature(signature_payload(out))
        return out


def refusal(answer: Mapping[str, Any], *, ed25519: bool, testnet: bool) -> CryptyError:
    """The domain error for an answer whose ``status`` is not 200 (as for the REST API)."""
    error = answer.get("error") if isinstance(answer.get("error"), Mapping) else {}
    raw_code = error.get("code") if error else None
    code = int(raw_code) if isinstance(raw_code, int) else None
    try:
        status = int(answer.get("status") or 0)
    except (TypeError, ValueError):
        status = 0
    message = str(error.get("msg", "")) if error else ""
    return map_api_error(status, code, message, {}, ed25519=ed25519, testnet=testnet)
