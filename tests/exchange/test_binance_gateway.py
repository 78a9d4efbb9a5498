"""BinanceGateway against the loopback fake: permissions, Ed25519, testnet, and every failure."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from crypty_desktop.domain.errors import (
    AuthError,
    ClockSkew,
    CryptyError,
    ExchangeUnavailable,
    IpBanned,
    RateLimited,
    UnknownOrderStatus,
)
from crypty_desktop.domain.market import Balance
from crypty_desktop.domain.platform import ApiCredentials, KeyKind, Permissions, PlatformType
from crypty_desktop.exchange.binance import BinanceGateway
from crypty_desktop.exchange.errors_map import map_api_error
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.keypair import generate_ed25519
from tests.fakes.fake_binance import FakeBinance, FakeKey

KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
WRONG_SECRET = "w" * 64

GatewayFactory = Callable[..., BinanceGateway]


@pytest.fixture
def gateway(fake_binance: FakeBinance) -> Iterator[GatewayFactory]:
    opened: list[BinanceGateway] = []

    def make(
        key: str = KEY,
        secret: str = SECRET,
        kind: KeyKind = KeyKind.HMAC,
        type_: PlatformType = PlatformType.BINANCE,
        timeout: float = 5.0,  # float-ok: seconds
    ) -> BinanceGateway:
        gw = BinanceGateway(
            type_, ApiCredentials(key, secret, kind), base_url=fake_binance.url, timeout=timeout
        )
        opened.append(gw)
        return gw

    yield make
    for gw in opened:
        gw.close()


def assert_clean(error: BaseException) -> None:
    """A user-facing error: no secret, no signed URL, no chained client exception."""
    text = f"{error} {error!r}"
    assert SECRET not in text and WRONG_SECRET not in text
    assert "signature=" not in text and "http://" not in text
    assert error.__cause__ is None and error.__context__ is None


def failure(call: Callable[[], object], kind: type[CryptyError]) -> CryptyError:
    with pytest.raises(kind) as info:
        call()
    assert_clean(info.value)
    return info.value


# --- permissions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("switches", "expected"),
    [
        ({}, Permissions(True, False, False, True, False, False, False)),
        ({"can_trade": True}, Permissions(True, True, False, True, False, False, False)),
        (
            {"can_trade": True, "enable_withdrawals": True},
            Permissions(True, True, True, True, False, False, False),
        ),
        ({"ip_restrict": False}, Permissions(True, False, False, False, False, False, False)),
        (
            {"enable_margin": True, "enable_futures": True, "permits_universal_transfer": True},
            Permissions(True, False, False, True, True, True, True),
        ),
    ],
    ids=["read-only", "trading", "withdrawals", "unrestricted-ip", "margin-futures"],
)
def test_permissions_are_read_from_account_and_restrictions(
    fake_binance: FakeBinance,
    gateway: GatewayFactory,
    switches: dict[str, bool],
    expected: Permissions,
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, **switches))
    assert gateway().read_permissions() == expected
    paths = [r.path for r in fake_binance.requests]
    assert paths == ["/api/v3/time", "/api/v3/account", "/sapi/v1/account/apiRestrictions"]


def test_gateway_satisfies_the_protocol_and_hides_the_secret(gateway: GatewayFactory) -> None:
    gw = gateway()
    assert isinstance(gw, ExchangeGateway)
    assert repr(gw) == "BinanceGateway(type='binance', key='vmPU…Eh8A')"
    assert SECRET not in repr(gw) and SECRET not in str(vars(gw))


def test_ed25519_key_works_end_to_end(fake_binance: FakeBinance, gateway: GatewayFactory) -> None:
    pair = generate_ed25519()
    fake_binance.add_key(FakeKey(api_key=KEY, public_pem=pair.public_pem, can_trade=True))
    # Pasted with Windows line endings and no final newline: still read as Ed25519.
    pasted = pair.private_pem.replace("\n", "\r\n").strip()
    perms = gateway(secret=pasted, kind=KeyKind.ED25519).read_permissions()
    assert perms.spot_trading and perms.withdrawals is False
    assert pair.private_pem not in repr(gateway(secret=pasted, kind=KeyKind.ED25519))


def test_ed25519_key_not_matching_the_registered_public_key(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, public_pem=generate_ed25519().public_pem))
    other = generate_ed25519()
    error = failure(
        gateway(secret=other.private_pem, kind=KeyKind.ED25519).read_permissions, AuthError
    )
    assert error.code == -1022 and "private key does not match" in str(error)
    assert other.private_pem not in f"{error!r}"


def test_unreadable_private_key_is_an_auth_error(gateway: GatewayFactory) -> None:
    with pytest.raises(AuthError, match="private key could not be read"):
        gateway(
            secret="-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            kind=KeyKind.ED25519,
        )


def test_testnet_falls_back_to_a_partial_check(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    fake_binance.testnet = True
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
    perms = gateway(type_=PlatformType.BINANCE_TESTNET).read_permissions()
    assert perms == Permissions(True, True, None, None, partial=True)
    assert not fake_binance.requests_to("/sapi/v1/account/apiRestrictions")  # not even asked


def test_missing_sapi_on_live_url_also_gives_a_partial_check(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    fake_binance.testnet = True  # a server without /sapi, reached as "live"
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    assert gateway().read_permissions() == Permissions(True, False, None, None, partial=True)


def test_balances_are_exact_decimals_without_zeros(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    fake_binance.set_balance("BTC", "0.00012345", "0.1")
    fake_binance.set_balance("USDT", "0")
    assert gateway().balances() == {
        "BTC": Balance("BTC", Decimal("0.00012345"), Decimal("0.10000000"))
    }


# --- key errors ------------------------------------------------------------------------------


def test_unknown_key_is_refused_with_the_ip_hint(gateway: GatewayFactory) -> None:
    error = failure(gateway().read_permissions, AuthError)
    assert error.code == -2015
    assert "wrong, revoked, or restricted to another IP address" in str(error)
    assert "current IP may have changed" in str(error)


def test_malformed_key_is_refused(gateway: GatewayFactory) -> None:
    error = failure(gateway(key="abc123").read_permissions, AuthError)
    assert error.code == -2014 and "format" in str(error)


def test_testnet_key_error_says_testnet_and_live_keys_differ(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    fake_binance.testnet = True
    error = failure(gateway(type_=PlatformType.BINANCE_TESTNET).read_permissions, AuthError)
    assert "testnet.binance.vision" in str(error)


def test_wrong_secret_is_refused_without_showing_it(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    error = failure(gateway(secret=WRONG_SECRET).read_permissions, AuthError)
    assert error.code == -1022 and "Secret Key does not belong" in str(error)
    assert error.help_topic == "add-key"


# --- clock -----------------------------------------------------------------------------------


@pytest.mark.parametrize("offset_ms", [30_000, -30_000])
def test_clock_offset_is_measured_before_signing(
    fake_binance: FakeBinance, gateway: GatewayFactory, offset_ms: int
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    fake_binance.server_time_offset_ms = offset_ms
    gw = gateway()
    assert gw.read_permissions().reading
    assert gw.time_offset_ms is not None and abs(gw.time_offset_ms - offset_ms) < 5_000
    assert all(r.status == 200 for r in fake_binance.requests)


def test_clock_that_jumps_after_sync_is_resynced_once(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    gw = gateway()
    gw.sync_time()
    fake_binance.server_time_offset_ms = -30_000  # the computer's clock jumped ahead
    assert gw.read_permissions().reading
    statuses = [(r.path, r.status) for r in fake_binance.requests]
    assert statuses[1:4] == [
        ("/api/v3/account", 400),
        ("/api/v3/time", 200),
        ("/api/v3/account", 200),
    ]


def test_clock_that_keeps_moving_is_clock_skew(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    fake_binance.clock_step_ms = 30_000
    error = failure(gateway().read_permissions, ClockSkew)
    assert error.code == -1021 and error.help_topic == "clock"
    assert "behind Binance's time" in str(error) and "automatic date and time" in str(error)
    assert len(fake_binance.requests_to("/api/v3/account")) == 2  # one retry, no more


# --- network and rate limits -----------------------------------------------------------------


def test_network_down_is_exchange_unavailable(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    gw = gateway()
    fake_binance.down()
    error = failure(gw.read_permissions, ExchangeUnavailable)
    assert "could not be reached" in str(error) and "internet connection" in str(error)
    fake_binance.up()
    assert gw.read_permissions().reading


def test_dropped_connection_is_exchange_unavailable(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    fake_binance.down("drop")
    failure(gateway().read_permissions, ExchangeUnavailable)


def test_timeout_is_exchange_unavailable(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    fake_binance.stall_next("/api/v3/account", seconds=5)
    failure(gateway(timeout=0.3).read_permissions, ExchangeUnavailable)


def test_429_is_rate_limited_with_retry_after(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    fake_binance.fail_next("/api/v3/account", status=429, headers={"Retry-After": "17"})
    error = failure(gateway().read_permissions, RateLimited)
    assert isinstance(error, RateLimited) and not isinstance(error, IpBanned)
    assert error.retry_after == 17 and error.code == -1003


def test_418_is_ip_banned_until_the_time_binance_gives(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    fake_binance.fail_next("/api/v3/account", status=418, headers={"Retry-After": "300"})
    error = failure(gateway().read_permissions, IpBanned)
    assert isinstance(error, IpBanned)
    expected = datetime.now(UTC) + timedelta(seconds=300)
    assert abs(error.until - expected) < timedelta(seconds=30)
    assert 270 <= error.retry_after <= 330
    assert "banned this IP address" in str(error)


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_exchange_unavailable(
    fake_binance: FakeBinance, gateway: GatewayFactory, status: int
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    fake_binance.fail_next("/sapi/v1/account/apiRestrictions", status=status)
    error = failure(gateway().read_permissions, ExchangeUnavailable)
    assert error.code == status


def test_weight_used_is_tracked(fake_binance: FakeBinance, gateway: GatewayFactory) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    gw = gateway()
    gw.read_permissions()
    assert gw.used_weight == fake_binance.used_weight == 22


def test_gateway_works_from_a_worker_thread(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    """The GUI calls the gateway from worker threads (which have no asyncio loop of their own)."""
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    results: list[object] = []

    def work() -> None:
        try:
            results.append(gateway().read_permissions())
        except Exception as exc:  # noqa: BLE001 - reported to the test thread
            results.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=30)
    assert len(results) == 1 and isinstance(results[0], Permissions)


def test_orders_whose_outcome_is_unknown_are_not_reported_as_failed(
    fake_binance: FakeBinance, gateway: GatewayFactory
) -> None:
    """For calls that change something: refused connection → not sent; dropped or 5xx → unknown."""
    gw = gateway()
    ping = gw._client.ping
    fake_binance.fail_next("/api/v3/ping", status=503)
    failure(lambda: gw._call(ping, mutating=True), UnknownOrderStatus)
    fake_binance.down("drop")
    failure(lambda: gw._call(ping, mutating=True), UnknownOrderStatus)
    fake_binance.up()
    fake_binance.down()
    failure(lambda: gw._call(ping, mutating=True), ExchangeUnavailable)


@pytest.mark.parametrize(
    ("status", "code", "msg", "kind"),
    [
        (400, -2010, "Account has insufficient balance for requested action.", "Insufficient"),
        (400, -2010, "Order would immediately match and take.", "FilterRejected"),
        (400, -1013, "Filter failure: LOT_SIZE", "FilterRejected"),
        (400, -1111, "Precision is over the maximum defined for this asset.", "FilterRejected"),
        (400, -1100, "Illegal characters found in parameter 'quantity'.", "FilterRejected"),
        (400, -1121, "Invalid symbol.", "UnknownSymbol"),
        (403, None, "", "ExchangeUnavailable"),
        (400, -1104, "Not all sent parameters were read.", "CryptyError"),
    ],
)
def test_order_and_other_codes_map_to_domain_errors(
    status: int, code: int | None, msg: str, kind: str
) -> None:
    error = map_api_error(status, code, msg, {})
    assert type(error).__name__.startswith(kind)
    assert error.code == (code if code is not None else status)
