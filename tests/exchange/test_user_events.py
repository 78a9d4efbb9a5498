"""The user data stream's pieces without a socket: event parsing, request signing, the address."""

from __future__ import annotations

import base64
from decimal import Decimal
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from crypty_desktop.domain.errors import AuthError, ValidationError
from crypty_desktop.domain.market import Balance
from crypty_desktop.domain.orders import Fill, OrderStatus, Side
from crypty_desktop.domain.platform import ApiCredentials, KeyKind, PlatformType
from crypty_desktop.exchange.user_events import (
    AccountPosition,
    BalanceDelta,
    ListStatus,
    OrderUpdate,
    RawEvent,
    parse_event,
)
from crypty_desktop.exchange.ws_api import (
    LIVE_WS_API_URL,
    TESTNET_WS_API_URL,
    RequestSigner,
    refusal,
    signature_payload,
    ws_api_url,
)
from crypty_desktop.keypair import generate_ed25519
from crypty_desktop.settings import Settings
from tests.fakes.trading import KEY, SECRET

D = Decimal


def report(**changes: Any) -> dict[str, Any]:
    """user-data-stream.md's executionReport example (a NEW limit buy), with changes."""
    event: dict[str, Any] = {
        "e": "executionReport",
        "E": 1499405658658,
        "s": "ETHBTC",
        "c": "mUvoqJxFIILMdfAW5iGSOW",
        "S": "BUY",
        "o": "LIMIT",
        "f": "GTC",
        "q": "1.00000000",
        "p": "0.10264410",
        "P": "0.00000000",
        "F": "0.00000000",
        "g": -1,
        "C": "",
        "x": "NEW",
        "X": "NEW",
        "r": "NONE",
        "i": 4293153,
        "l": "0.00000000",
        "z": "0.00000000",
        "L": "0.00000000",
        "n": "0",
        "N": None,
        "T": 1499405658657,
        "t": -1,
        "v": 3,
        "I": 8641984,
        "w": True,
        "m": False,
        "M": False,
        "O": 1499405658657,
        "Z": "0.00000000",
        "Y": "0.00000000",
        "Q": "0.00000000",
        "W": 1499405658657,
        "V": "NONE",
    }
    event.update(changes)
    return event


def test_a_new_order_report_reads_exactly() -> None:
    update = parse_event(report())
    assert update == OrderUpdate(
        symbol="ETHBTC",
        client_order_id="mUvoqJxFIILMdfAW5iGSOW",
        exchange_order_id=4293153,
        side=Side.BUY,
        type="LIMIT",
        time_in_force="GTC",
        status=OrderStatus.NEW,
        execution_type="NEW",
        quantity=D("1.00000000"),
        price=D("0.10264410"),
        executed_qty=D(0),
        quote_qty=D(0),
        event_time=1499405658658,
        transaction_time=1499405658657,
        order_time=1499405658657,
    )


def test_a_trade_report_carries_its_fill() -> None:
    update = parse_event(
        report(
            x="TRADE",
            X="PARTIALLY_FILLED",
            l="0.40000000",
            L="0.10264400",
            z="0.40000000",
            Z="0.04105760",
            n="0.00040000",
            N="ETH",
            t=77,
            T=1499405658700,
            m=True,
        )
    )
    assert isinstance(update, OrderUpdate)
    assert update.status is OrderStatus.PARTIALLY_FILLED and update.is_maker
    assert (update.executed_qty, update.quote_qty) == (D("0.4"), D("0.0410576"))
    assert update.fill == Fill(
        symbol="ETHBTC",
        side=Side.BUY,
        price=D("0.10264400"),
        quantity=D("0.40000000"),
        fee=D("0.00040000"),
        fee_asset="ETH",
        time=1499405658700,
        client_order_id="mUvoqJxFIILMdfAW5iGSOW",
        trade_id=77,
        exchange_order_id=4293153,
    )
    assert isinstance(update.fill.price, Decimal) and isinstance(update.fill.fee, Decimal)


def test_a_cancel_names_the_order_by_its_own_client_id() -> None:
    update = parse_event(report(x="CANCELED", X="CANCELED", c="cancel-req-1", C="my-order-7"))
    assert isinstance(update, OrderUpdate)
    assert update.client_order_id == "my-order-7"
    assert update.cancel_client_order_id == "cancel-req-1"
    assert update.fill is None


def test_reject_expiry_and_self_trade_prevention_reasons() -> None:
    rejected = parse_event(report(x="REJECTED", X="REJECTED", r="INSUFFICIENT_BALANCES"))
    assert isinstance(rejected, OrderUpdate) and rejected.reject_reason == "INSUFFICIENT_BALANCES"
    expired = parse_event(report(x="EXPIRED", X="EXPIRED", eR="INSUFFICIENT_LIQUIDITY"))
    assert isinstance(expired, OrderUpdate)
    assert (expired.expiry_reason, expired.reject_reason) == ("INSUFFICIENT_LIQUIDITY", None)
    stp = parse_event(report(x="TRADE_PREVENTION", X="EXPIRED_IN_MATCH", A="3.000000"))
    assert isinstance(stp, OrderUpdate)
    assert stp.status is OrderStatus.EXPIRED_IN_MATCH and stp.prevented_qty == D(3)


def test_account_balance_and_list_events() -> None:
    position = parse_event(
        {
            "e": "outboundAccountPosition",
            "E": 1564034571105,
            "u": 1564034571073,
            "B": [{"a": "ETH", "f": "10000.000000", "l": "0.000001"}],
        }
    )
    assert isinstance(position, AccountPosition)
    assert position.by_asset() == {"ETH": Balance("ETH", D("10000"), D("0.000001"))}
    delta = parse_event(
        {"e": "balanceUpdate", "E": 1573200697110, "a": "BTC", "d": "-0.5", "T": 1573200697068}
    )
    assert delta == BalanceDelta("BTC", D("-0.5"), 1573200697110, 1573200697068)
    listed = parse_event(
        {
            "e": "listStatus",
            "E": 1564035303637,
            "s": "ETHBTC",
            "g": 2,
            "c": "OCO",
            "l": "EXEC_STARTED",
            "L": "EXECUTING",
            "r": "NONE",
            "C": "F4QN4G8DlFATFlIUQ0cjdD",
            "T": 1564035303625,
            "O": [{"s": "ETHBTC", "i": 17, "c": "AJYsMjErWJesZvqlJCTUgL"}],
        }
    )
    assert isinstance(listed, ListStatus)
    assert listed.orders[0].exchange_order_id == 17 and listed.reject_reason is None


@pytest.mark.logs(r"executionReport event could not be read")
def test_events_without_a_type_here_are_kept_raw_not_dropped() -> None:
    lock = {"e": "externalLockUpdate", "E": 1581557507324, "a": "NEO", "d": "10.0", "T": 1}
    raw = parse_event(lock)
    assert raw == RawEvent("externalLockUpdate", 1581557507324, lock, None)
    odd = parse_event(report(X="PENDING_NEW"))  # an order-list status the app has no name for
    assert isinstance(odd, RawEvent) and odd.kind == "executionReport"
    assert odd.symbol == "ETHBTC" and odd.data["X"] == "PENDING_NEW"
    broken = parse_event(report(q="lots"))
    assert isinstance(broken, RawEvent) and broken.data["q"] == "lots"


def test_signing_matches_binances_documented_hmac_example() -> None:
    """web-socket-api.md, "SIGNED request example (HMAC)": the payload and the signature."""
    params = {
        "symbol": "BTCUSDT",
        "side": "SELL",
        "type": "LIMIT",
        "timeInForce": "GTC",
        "quantity": "0.01000000",
        "price": "52000.00",
        "recvWindow": 100,
        "timestamp": 1645423376532,
        "apiKey": KEY,
    }
    assert signature_payload(params) == (
        f"apiKey={KEY}&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL"
        "&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT"
    )
    signer = RequestSigner(ApiCredentials(KEY, SECRET, KeyKind.HMAC))
    signed = signer.signed({k: v for k, v in params.items() if k != "apiKey"})
    assert signed["signature"] == "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24"
    assert SECRET not in repr(signer) and SECRET not in str(signer)


def test_ed25519_signing_verifies_and_a_bad_key_is_refused_clearly() -> None:
    pair = generate_ed25519()
    signer = RequestSigner(ApiCredentials(KEY, pair.private_pem, KeyKind.ED25519))
    signed = signer.signed({"timestamp": 1})
    public = serialization.load_pem_public_key(pair.public_pem.encode())
    assert isinstance(public, Ed25519PublicKey)
    public.verify(base64.b64decode(signed["signature"]), f"apiKey={KEY}&timestamp=1".encode())
    with pytest.raises(AuthError) as info:
        RequestSigner(ApiCredentials(KEY, "not a key", KeyKind.ED25519))
    assert "not a key" not in str(info.value)


def test_refusals_become_the_rest_gateways_domain_errors() -> None:
    bad_signature = {"id": "1", "status": 400, "error": {"code": -1022, "msg": "Signature..."}}
    error = refusal(bad_signature, ed25519=False, testnet=False)
    assert isinstance(error, AuthError) and error.code == -1022
    revoked = refusal({"status": 401, "error": {"code": -2015}}, ed25519=True, testnet=True)
    assert isinstance(revoked, AuthError) and revoked.code == -2015


def test_address_defaults_override_and_tls() -> None:
    assert ws_api_url(PlatformType.BINANCE) == LIVE_WS_API_URL
    assert LIVE_WS_API_URL == "wss://ws-api.binance.com:443/ws-api/v3"
    assert ws_api_url(PlatformType.BINANCE_TESTNET) == TESTNET_WS_API_URL
    assert TESTNET_WS_API_URL == "wss://ws-api.testnet.binance.vision/ws-api/v3"
    local = "ws://127.0.0.1:8766/ws-api/v3"
    assert ws_api_url(PlatformType.BINANCE, local) == local
    assert ws_api_url(PlatformType.BINANCE, "ws://[::1]:9/ws-api/v3")
    assert ws_api_url(PlatformType.BINANCE, "wss://proxy.example/ws-api/v3")
    for insecure in ("ws://example.com/ws-api/v3", "ws://10.0.0.2/x", "http://127.0.0.1/x", "x"):
        with pytest.raises(ValidationError):
            ws_api_url(PlatformType.BINANCE, insecure)


def test_the_address_override_is_read_from_the_environment() -> None:
    env = {"CRYPTY_DATA_DIR": "/tmp/x", "CRYPTY_BINANCE_WS_API_URL": "ws://127.0.0.1:1/ws-api/v3"}
    assert Settings.from_env(env).binance_ws_api_url == "ws://127.0.0.1:1/ws-api/v3"
    assert Settings.from_env({"CRYPTY_DATA_DIR": "/tmp/x"}).binance_ws_api_url is None
