"""The loopback fake Binance answers like Binance: SIGNED checks, clock, weight, faults, testnet."""

from __future__ import annotations

import hashlib
import hmac
import time
from urllib.parse import urlencode

import pytest
import requests
from binance.client import Client
from binance.exceptions import BinanceAPIException

from crypty_desktop.keypair import generate_ed25519
from tests.fakes.fake_binance import FakeBinance, FakeKey

KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
OTHER_KEY = "Q" * 64


def client_for(fake: FakeBinance, api_key: str = KEY, **signing: str) -> Client:
    if not signing:
        signing = {"api_secret": SECRET}
    client = Client(api_key, ping=False, requests_params={"timeout": 5}, **signing)
    client.API_URL = fake.url + "/api"
    client.MARGIN_API_URL = fake.url + "/sapi"
    return client


def api_error(call: object) -> BinanceAPIException:
    with pytest.raises(BinanceAPIException) as info:
        call()  # type: ignore[operator]
    return info.value


def signed_get(
    fake: FakeBinance, path: str, params: dict[str, str], secret: str = SECRET
) -> requests.Response:
    query = urlencode(params)
    signature = hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return requests.get(
        f"{fake.url}{path}?{query}&signature={signature}",
        headers={"X-MBX-APIKEY": KEY},
        timeout=5,
    )


def now_ms() -> int:
    return int(time.time() * 1000)


@pytest.fixture
def fake(fake_binance: FakeBinance) -> FakeBinance:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
    return fake_binance


def test_public_endpoints_and_weight_headers(fake: FakeBinance) -> None:
    client = client_for(fake)
    assert client.ping() == {}
    assert abs(client.get_server_time()["serverTime"] - now_ms()) < 60_000
    assert client.response is not None
    assert client.response.headers["X-MBX-USED-WEIGHT-1M"] == "2"
    assert [r.path for r in fake.requests] == ["/api/v3/ping", "/api/v3/time"]


def test_account_and_api_restrictions_have_binance_shapes(fake: FakeBinance) -> None:
    fake.set_balance("BTC", "0.5")
    fake.set_balance("USDT", "0")
    client = client_for(fake)
    account = client.get_account()
    assert account["canTrade"] is True and account["permissions"] == ["SPOT"]
    assert account["balances"] == [
        {"asset": "BTC", "free": "0.50000000", "locked": "0.00000000"},
        {"asset": "USDT", "free": "0.00000000", "locked": "0.00000000"},
    ]
    rules = client.get_account_api_permissions()
    assert rules["enableSpotAndMarginTrading"] is True and rules["ipRestrict"] is True
    assert rules["enableWithdrawals"] is False and rules["enableReading"] is True
    assert client.response is not None
    assert "X-SAPI-USED-IP-WEIGHT-1M" in client.response.headers
    recorded = fake.requests_to("/api/v3/account")[0]
    assert recorded.headers["X-MBX-APIKEY"] == KEY and "signature" in recorded.params
    assert SECRET not in repr(fake.requests)


def test_zero_balances_can_be_omitted(fake: FakeBinance) -> None:
    fake.set_balance("USDT", "0")
    fake.set_balance("ETH", "1.25", "0.75")
    rows = client_for(fake).get_account(omitZeroBalances="true")["balances"]
    assert rows == [{"asset": "ETH", "free": "1.25000000", "locked": "0.75000000"}]


def test_wrong_secret_is_a_bad_signature(fake: FakeBinance) -> None:
    error = api_error(client_for(fake, api_secret="x" * 64).get_account)
    assert (error.status_code, error.code) == (400, -1022)
    assert error.message == "Signature for this request is not valid."


def test_unknown_and_malformed_keys(fake: FakeBinance) -> None:
    error = api_error(client_for(fake, OTHER_KEY).get_account)
    assert (error.status_code, error.code) == (401, -2015)
    assert error.message == "Invalid API-key, IP, or permissions for action."
    error = api_error(client_for(fake, "short-key").get_account)
    assert (error.status_code, error.code, error.message) == (401, -2014, "API-key format invalid.")
    answer = requests.get(f"{fake.url}/api/v3/account?timestamp=1", timeout=5)
    assert (answer.status_code, answer.json()["code"]) == (401, -2014)


def test_revoked_key_is_refused(fake: FakeBinance) -> None:
    fake.remove_key(KEY)
    assert api_error(client_for(fake).get_account).code == -2015


def test_timestamps_outside_the_window_are_refused(fake: FakeBinance) -> None:
    behind = signed_get(fake, "/api/v3/account", {"timestamp": str(now_ms() - 6000)})
    assert behind.status_code == 400
    assert behind.json() == {
        "code": -1021,
        "msg": "Timestamp for this request is outside of the recvWindow.",
    }
    wide = {"timestamp": str(now_ms() - 6000), "recvWindow": "20000"}
    assert signed_get(fake, "/api/v3/account", wide).status_code == 200
    ahead = signed_get(fake, "/api/v3/account", {"timestamp": str(now_ms() + 5000)})
    assert ahead.json()["code"] == -1021 and "ahead" in ahead.json()["msg"]
    too_wide = signed_get(fake, "/api/v3/account", {"timestamp": "1", "recvWindow": "70000"})
    assert too_wide.json()["code"] == -1131
    missing = requests.get(f"{fake.url}/api/v3/account", headers={"X-MBX-APIKEY": KEY}, timeout=5)
    assert missing.json()["code"] == -1102


def test_server_clock_offset_makes_the_client_skewed(fake: FakeBinance) -> None:
    fake.server_time_offset_ms = 30_000
    client = client_for(fake)
    assert api_error(client.get_account).code == -1021
    client.timestamp_offset = client.get_server_time()["serverTime"] - now_ms()
    assert client.get_account()["canTrade"] is True


def test_a_moving_clock_moves_after_each_request(fake: FakeBinance) -> None:
    fake.clock_step_ms = 30_000
    client = client_for(fake)
    first = client.get_server_time()["serverTime"]
    second = client.get_server_time()["serverTime"]
    assert second - first >= 30_000


def test_signature_over_query_and_body_concatenated(fake: FakeBinance) -> None:
    fake.route("POST", "/api/v3/echo", security="TRADE")(lambda call: dict(call.params))
    query = "symbol=BTCUSDT&side=BUY"
    body = f"quantity=1&timestamp={now_ms()}"
    signature = hmac.new(SECRET.encode(), (query + body).encode(), hashlib.sha256).hexdigest()
    answer = requests.post(
        f"{fake.url}/api/v3/echo?{query}",
        data=f"{body}&signature={signature}",
        headers={"X-MBX-APIKEY": KEY, "Content-Type": "application/x-www-form-urlencoded"},
        timeout=5,
    )
    assert answer.status_code == 200 and answer.json()["symbol"] == "BTCUSDT"


def test_ed25519_keys_are_verified_with_the_public_key(fake: FakeBinance) -> None:
    pair, other = generate_ed25519(), generate_ed25519()
    fake.add_key(FakeKey(api_key=OTHER_KEY, public_pem=pair.public_pem))
    assert client_for(fake, OTHER_KEY, private_key=pair.private_pem).get_account()
    wrong = client_for(fake, OTHER_KEY, private_key=other.private_pem)
    assert api_error(wrong.get_account).code == -1022


def test_testnet_has_no_sapi(fake: FakeBinance) -> None:
    fake.testnet = True
    client = client_for(fake)
    assert client.get_account()["canTrade"] is True
    assert api_error(client.get_account_api_permissions).status_code == 404


def test_fail_next_injects_answers_then_recovers(fake: FakeBinance) -> None:
    client = client_for(fake)
    fake.fail_next("/api/v3/time", status=429, headers={"Retry-After": "7"}, count=2)
    for _ in range(2):
        error = api_error(client.get_server_time)
        assert (error.status_code, error.code) == (429, -1003)
        assert error.response.headers["Retry-After"] == "7"
    assert "serverTime" in client.get_server_time()
    fake.fail_next("*", status=418)
    error = api_error(client.ping)
    assert error.status_code == 418 and "banned until" in error.message
    assert error.response.headers["Retry-After"] == "120"
    fake.fail_next("/api/v3/ping", status=502)
    assert api_error(client.ping).status_code == 502


def test_weight_limit_answers_429(fake: FakeBinance) -> None:
    fake.weight_limit_1m = 21
    client = client_for(fake)
    client.get_account()  # weight 20
    client.ping()  # 21
    error = api_error(client.ping)
    assert error.status_code == 429 and int(error.response.headers["Retry-After"]) <= 60


def test_down_refuses_connections_and_up_restores_them(fake: FakeBinance) -> None:
    client = client_for(fake)
    fake.down()
    with pytest.raises(requests.ConnectionError):
        client.ping()
    fake.up()
    assert client.ping() == {}
    fake.down("drop")
    with pytest.raises(requests.ConnectionError):
        client.ping()
    fake.up()
    assert client.ping() == {}


def test_stalled_answer_times_out_the_client(fake: FakeBinance) -> None:
    fake.stall_next("/api/v3/ping", seconds=3)
    client = client_for(fake)
    client._requests_params = {"timeout": 0.2}
    with pytest.raises(requests.Timeout):
        client.ping()


def test_unknown_paths_are_404(fake: FakeBinance) -> None:
    assert requests.get(f"{fake.url}/api/v3/nope", timeout=5).status_code == 404
