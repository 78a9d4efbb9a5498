"""The fake Binance fills orders the way Binance does when a test asks for it: partial fills over
several steps, several trades per order, cancels after a partial fill, expiries with their reason,
self-trade prevention, fees in BNB, myTrades by order, and the fault hooks of the order path.

Every test talks to the fake through the real python-binance client over loopback sockets, and
every balance below is computed by hand from the fee rules (0.1 % of what is received, or 0.075 %
of the notional in BNB).
"""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import pytest
import requests
from binance.client import Client
from binance.exceptions import BinanceAPIException

from tests.fakes.fake_binance import FakeBinance, FakeOrder, FakeTrade
from tests.fakes.trading import KEY, SECRET, gateway_for, trading_key

D = Decimal


@pytest.fixture
def fake(fake_binance: FakeBinance) -> FakeBinance:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "1000")
    fake_binance.set_balance("BTC", "0")
    return fake_binance


@pytest.fixture
def client(fake: FakeBinance) -> Client:
    made = Client(KEY, SECRET, ping=False, requests_params={"timeout": 5})
    made.API_URL = fake.url + "/api"
    made.MARGIN_API_URL = fake.url + "/sapi"
    return made


def api_error(call: Any, **params: Any) -> BinanceAPIException:
    with pytest.raises(BinanceAPIException) as info:
        call(**params)
    return info.value


def limit(client: Client, side: str, qty: str, price: str, **extra: str) -> dict[str, Any]:
    extra.setdefault("timeInForce", "GTC")
    answer: dict[str, Any] = client.create_order(
        symbol="BTCUSDT", side=side, type="LIMIT", quantity=qty, price=price, **extra
    )
    return answer


def market(client: Client, side: str, qty: str, **extra: str) -> dict[str, Any]:
    answer: dict[str, Any] = client.create_order(
        symbol="BTCUSDT", side=side, type="MARKET", quantity=qty, **extra
    )
    return answer


def status(client: Client, order_id: int) -> tuple[str, Decimal, Decimal]:
    row = client.get_order(symbol="BTCUSDT", orderId=order_id)
    return row["status"], D(row["executedQty"]), D(row["cummulativeQuoteQty"])


def balances(fake: FakeBinance, *assets: str) -> dict[str, tuple[Decimal, Decimal]]:
    return {asset: fake.balance(asset) for asset in assets}


def fills(answer: dict[str, Any]) -> list[tuple[Decimal, Decimal, Decimal, str]]:
    return [
        (D(f["price"]), D(f["qty"]), D(f["commission"]), f["commissionAsset"])
        for f in answer["fills"]
    ]


# --- 1. partial fills over several steps, several trades per order --------------------------------


def test_a_resting_limit_fills_partially_step_after_step(fake: FakeBinance, client: Client) -> None:
    fake.set_liquidity("BTCUSDT", "0.001")
    order = limit(client, "BUY", "0.0025", "29000")
    oid = order["orderId"]
    assert order["status"] == "NEW" and order["fills"] == []
    assert fake.balance("USDT") == (D("927.5"), D("72.5"))  # 0.0025 × 29000 locked

    assert fake.set_price("BTCUSDT", "29000") == 1
    assert status(client, oid) == ("PARTIALLY_FILLED", D("0.001"), D("29"))
    assert balances(fake, "USDT", "BTC") == {
        "USDT": (D("927.5"), D("43.5")),
        "BTC": (D("0.000999"), D(0)),  # 0.001 less the 0.1 % fee in BTC
    }
    fake.set_price("BTCUSDT", "28900")  # a lower price still fills at the order's own price
    assert status(client, oid) == ("PARTIALLY_FILLED", D("0.002"), D("58"))
    assert [o["orderId"] for o in client.get_open_orders(symbol="BTCUSDT")] == [oid]
    fake.set_price("BTCUSDT", "29000")
    assert status(client, oid) == ("FILLED", D("0.0025"), D("72.5"))
    assert balances(fake, "USDT", "BTC") == {
        "USDT": (D("927.5"), D(0)),
        "BTC": (D("0.0024975"), D(0)),  # fees 0.000001 + 0.000001 + 0.0000005
    }
    trades = client.get_my_trades(symbol="BTCUSDT", orderId=oid)
    assert [D(t["qty"]) for t in trades] == [D("0.001"), D("0.001"), D("0.0005")]
    assert len({t["id"] for t in trades}) == 3
    assert all(t["isMaker"] and t["price"] == "29000.00000000" for t in trades)
    assert client.get_open_orders(symbol="BTCUSDT") == []


def test_a_market_order_walks_several_levels_in_several_trades(
    fake: FakeBinance, client: Client
) -> None:
    fake.set_liquidity("BTCUSDT", "0.001", levels=3, tick="10")
    answer = market(client, "BUY", "0.0025")
    assert answer["status"] == "FILLED" and D(answer["executedQty"]) == D("0.0025")
    assert fills(answer) == [
        (D("30000"), D("0.001"), D("0.000001"), "BTC"),
        (D("30010"), D("0.001"), D("0.000001"), "BTC"),
        (D("30020"), D("0.0005"), D("0.0000005"), "BTC"),
    ]
    assert len({f["tradeId"] for f in answer["fills"]}) == 3
    assert D(answer["cummulativeQuoteQty"]) == D("75.02")  # 30 + 30.01 + 15.01
    assert fake.balance("USDT") == (D("924.98"), D(0))
    assert fake.balance("BTC") == (D("0.0024975"), D(0))

    # what that order took is gone until the next step: a crossing LIMIT meets the rest, then rests
    crossing = limit(client, "BUY", "0.002", "30020")
    assert fills(crossing) == [(D("30020"), D("0.0005"), D("0.0000005"), "BTC")]
    assert crossing["status"] == "PARTIALLY_FILLED"
    assert fake.balance("USDT") == (D("924.98") - D("15.01") - D("45.03"), D("45.03"))
    client.cancel_order(symbol="BTCUSDT", orderId=crossing["orderId"])

    fake.set_price("BTCUSDT", "30000")  # a new step: the levels are full again
    again = limit(client, "SELL", "0.001", "29990")
    assert fills(again) == [(D("30000"), D("0.001"), D("0.03"), "USDT")]


# --- 2. cancel after a partial fill ---------------------------------------------------------------


def test_cancel_after_a_partial_fill_keeps_the_filled_part(
    fake: FakeBinance, client: Client
) -> None:
    fake.set_liquidity("BTCUSDT", "0.001")
    oid = limit(client, "BUY", "0.0025", "29000")["orderId"]
    fake.set_price("BTCUSDT", "29000")
    answer = client.cancel_order(symbol="BTCUSDT", orderId=oid)
    assert answer["status"] == "CANCELED" and "fills" not in answer
    assert D(answer["executedQty"]) == D("0.001") and D(answer["cummulativeQuoteQty"]) == D("29")
    assert status(client, oid) == ("CANCELED", D("0.001"), D("29"))
    assert balances(fake, "USDT", "BTC") == {
        "USDT": (D("971"), D(0)),  # 1000 − 29 spent; the 43.5 still locked came back
        "BTC": (D("0.000999"), D(0)),
    }
    fake.set_price("BTCUSDT", "28000")
    assert len(client.get_my_trades(symbol="BTCUSDT", orderId=oid)) == 1  # nothing after


def test_a_cancel_that_races_a_fill(fake: FakeBinance, client: Client) -> None:
    oid = limit(client, "BUY", "0.002", "29000")["orderId"]
    fake.fill_before_cancel("0.0005")
    answer = client.cancel_order(symbol="BTCUSDT", orderId=oid)
    assert (answer["status"], D(answer["executedQty"])) == ("CANCELED", D("0.0005"))
    assert fake.balance("USDT") == (D("985.5"), D(0))  # 0.0005 × 29000 = 14.5 spent
    assert fake.balance("BTC") == (D("0.0004995"), D(0))

    other = limit(client, "BUY", "0.001", "29000")["orderId"]
    fake.fill_before_cancel("0.001")  # the race fills it whole: the cancel comes too late
    error = api_error(client.cancel_order, symbol="BTCUSDT", orderId=other)
    assert (error.code, error.message) == (-2011, "Unknown order sent.")
    assert status(client, other) == ("FILLED", D("0.001"), D("29"))
    assert fake.balance("USDT") == (D("956.5"), D(0))


# --- 3. expiries and their reasons ---------------------------------------------------------------


def test_market_without_enough_liquidity_expires_after_a_partial_fill(
    fake: FakeBinance, client: Client
) -> None:
    fake.set_liquidity("BTCUSDT", "0.001", levels=2, tick="10")
    answer = market(client, "BUY", "0.003")
    assert (answer["status"], answer["expiryReason"]) == ("EXPIRED", "INSUFFICIENT_LIQUIDITY")
    assert D(answer["executedQty"]) == D("0.002") and len(answer["fills"]) == 2
    row = client.get_order(symbol="BTCUSDT", orderId=answer["orderId"])
    assert (row["status"], row["expiryReason"], row["executedQty"]) == (
        "EXPIRED",
        "INSUFFICIENT_LIQUIDITY",
        "0.00200000",
    )
    assert fake.balance("USDT") == (D("1000") - D("30") - D("30.01"), D(0))
    assert fake.balance("BTC") == (D("0.001998"), D(0))


def test_ioc_and_fok_expire_with_their_reasons(fake: FakeBinance, client: Client) -> None:
    fake.set_liquidity("BTCUSDT", "0.001", levels=2, tick="10")
    fok = limit(client, "BUY", "0.003", "30010", timeInForce="FOK")
    assert (fok["status"], fok["expiryReason"]) == ("EXPIRED", "UNFILLED_FOK_ORDER_EXPIRED")
    assert fok["fills"] == [] and fok["executedQty"] == "0.00000000"
    assert fake.balance("USDT") == (D("1000"), D(0))  # nothing moved, nothing locked

    ioc = limit(client, "BUY", "0.003", "30010", timeInForce="IOC")
    assert (ioc["status"], ioc["expiryReason"]) == ("EXPIRED", "UNFILLED_IOC_QUANTITY_EXPIRED")
    assert D(ioc["executedQty"]) == D("0.002")
    assert fake.balance("USDT") == (D("939.99"), D(0))

    fake.set_price("BTCUSDT", "30000")
    whole = limit(client, "BUY", "0.002", "30010", timeInForce="FOK")
    assert whole["status"] == "FILLED" and len(whole["fills"]) == 2


def test_the_price_range_rule_expires_takers(fake: FakeBinance, client: Client) -> None:
    fake.set_price_range("BTCUSDT", "20000", "29000")  # the market (30000) is outside
    answer = market(client, "BUY", "0.001")
    assert (answer["status"], answer["expiryReason"]) == (
        "EXPIRED",
        "EXECUTION_RULE_PRICE_RANGE_EXCEEDED",
    )
    assert answer["fills"] == [] and fake.balance("USDT") == (D("1000"), D(0))

    fake.set_price_range("BTCUSDT", "29000", "30010")
    fake.set_liquidity("BTCUSDT", "0.001", levels=3, tick="10")
    walked = limit(client, "BUY", "0.003", "30020")  # the third level (30020) is outside
    assert walked["status"] == "EXPIRED" and D(walked["executedQty"]) == D("0.002")
    assert walked["expiryReason"] == "EXECUTION_RULE_PRICE_RANGE_EXCEEDED"
    assert client.get_open_orders(symbol="BTCUSDT") == []  # the rest did not rest
    assert fake.balance("USDT") == (D("939.99"), D(0))
    fake.set_price_range("BTCUSDT", None)
    assert market(client, "BUY", "0.0005")["status"] == "FILLED"


# --- 4. self-trade prevention ---------------------------------------------------------------------


def _own_ask(fake: FakeBinance, client: Client) -> int:
    """An own SELL of 0.003 at the market price, 0.001 filled by the market, 0.002 resting."""
    fake.set_balance("BTC", "0.01")
    fake.set_liquidity("BTCUSDT", "0.001")
    answer = limit(client, "SELL", "0.003", "30000", selfTradePreventionMode="NONE")
    assert answer["status"] == "PARTIALLY_FILLED"
    assert fake.balance("BTC") == (D("0.007"), D("0.002"))
    assert fake.balance("USDT") == (D("1029.97"), D(0))  # 30 less the 0.03 fee
    return int(answer["orderId"])


def test_symbols_list_their_stp_modes(fake: FakeBinance, client: Client) -> None:
    info = client.get_symbol_info("BTCUSDT")
    assert info is not None
    assert info["defaultSelfTradePreventionMode"] == "EXPIRE_MAKER"
    assert set(info["allowedSelfTradePreventionModes"]) == {
        "NONE",
        "EXPIRE_TAKER",
        "EXPIRE_MAKER",
        "EXPIRE_BOTH",
        "DECREMENT",
    }
    unsent = market(client, "BUY", "0.001")
    assert unsent["selfTradePreventionMode"] == "EXPIRE_MAKER"
    error = api_error(market, client=client, side="BUY", qty="0.001", selfTradePreventionMode="X")
    assert (error.code, error.message) == (
        -1013,
        "This symbol does not allow the specified self-trade prevention mode.",
    )


def test_expire_taker_leaves_the_resting_order(fake: FakeBinance, client: Client) -> None:
    maker = _own_ask(fake, client)
    answer = limit(client, "BUY", "0.001", "30000", selfTradePreventionMode="EXPIRE_TAKER")
    assert answer["status"] == "EXPIRED_IN_MATCH" and answer["fills"] == []
    assert answer["preventedQuantity"] == "0.00100000"
    assert answer["preventedMatches"] == [
        {
            "preventedMatchId": 0,
            "makerOrderId": maker,
            "price": "30000.00000000",
            "takerPreventedQuantity": "0.00100000",
        }
    ]
    assert status(client, maker) == ("PARTIALLY_FILLED", D("0.001"), D("30"))
    assert fake.balance("USDT") == (D("1029.97"), D(0))  # no trade, nothing locked


def test_expire_maker_expires_the_resting_order_and_trades_on(
    fake: FakeBinance, client: Client
) -> None:
    maker = _own_ask(fake, client)
    answer = market(client, "BUY", "0.001", selfTradePreventionMode="EXPIRE_MAKER")
    assert answer["status"] == "FILLED"  # on with the market's ask, after its own
    assert fills(answer) == [(D("30000"), D("0.001"), D("0.000001"), "BTC")]
    assert answer["preventedMatches"][0]["makerPreventedQuantity"] == "0.00200000"
    row = client.get_order(symbol="BTCUSDT", orderId=maker)
    assert (row["status"], row["executedQty"], row["preventedQuantity"]) == (
        "EXPIRED_IN_MATCH",
        "0.00100000",
        "0.00200000",
    )
    assert row["preventedMatchId"] == 0
    assert fake.balance("BTC") == (D("0.009999"), D(0))  # the 0.002 locked came back
    assert fake.balance("USDT") == (D("999.97"), D(0))


def test_expire_both_and_decrement(fake: FakeBinance, client: Client) -> None:
    maker = _own_ask(fake, client)
    decrement = limit(client, "BUY", "0.0005", "30000", selfTradePreventionMode="DECREMENT")
    assert decrement["status"] == "EXPIRED_IN_MATCH"  # the smaller order expires
    row = client.get_order(symbol="BTCUSDT", orderId=maker)
    assert (row["status"], row["preventedQuantity"]) == ("PARTIALLY_FILLED", "0.00050000")
    assert fake.balance("BTC") == (D("0.0075"), D("0.0015"))  # 0.0005 of the lock released

    both = limit(client, "BUY", "0.003", "30000", selfTradePreventionMode="EXPIRE_BOTH")
    assert both["status"] == "EXPIRED_IN_MATCH" and both["preventedQuantity"] == "0.00300000"
    assert status(client, maker)[0] == "EXPIRED_IN_MATCH"
    assert fake.balance("BTC") == (D("0.009"), D(0))
    assert fake.balance("USDT") == (D("1029.97"), D(0))
    assert [m.maker_order_id for m in fake.ground_truth().prevented_matches] == [maker, maker]


def test_none_lets_the_account_trade_with_itself(fake: FakeBinance, client: Client) -> None:
    maker = _own_ask(fake, client)
    answer = limit(client, "BUY", "0.001", "30000", selfTradePreventionMode="NONE")
    assert answer["status"] == "FILLED" and "preventedMatches" not in answer
    trade_id = answer["fills"][0]["tradeId"]
    rows = [t for t in client.get_my_trades(symbol="BTCUSDT") if t["id"] == trade_id]
    assert sorted((t["orderId"], t["isBuyer"], t["isMaker"]) for t in rows) == sorted(
        [(maker, False, True), (answer["orderId"], True, False)]
    )
    # BTC: 0.001 leaves the ask's lock, 0.000999 arrives; USDT: 30 paid, 29.97 received
    assert fake.balance("BTC") == (D("0.007999"), D("0.001"))
    assert fake.balance("USDT") == (D("1029.94"), D(0))


# --- 5. fees in BNB -------------------------------------------------------------------------------


def test_fees_in_bnb_at_the_discount_when_the_account_holds_enough(
    fake: FakeBinance, client: Client
) -> None:
    assert client.get_bnb_burn_spot_margin()["spotBNBBurn"] is False
    fake.pay_fees_in_bnb(bnb_prices={"USDT": "600"})
    assert client.get_bnb_burn_spot_margin()["spotBNBBurn"] is True
    fake.set_balance("BNB", "0.0001")
    bought = market(client, "BUY", "0.001")
    # 30 USDT × 0.1 % × (1 − 25 %) = 0.0225 USDT = 0.0000375 BNB at 600
    assert fills(bought) == [(D("30000"), D("0.001"), D("0.0000375"), "BNB")]
    assert balances(fake, "BTC", "USDT", "BNB") == {
        "BTC": (D("0.001"), D(0)),  # received whole
        "USDT": (D("970"), D(0)),
        "BNB": (D("0.0000625"), D(0)),
    }
    sold = market(client, "SELL", "0.001")
    assert fills(sold)[0][2:] == (D("0.0000375"), "BNB")
    assert fake.balance("USDT") == (D("1000"), D(0)) and fake.balance("BNB")[0] == D("0.000025")

    short = market(client, "BUY", "0.001")  # 0.000025 BNB is not enough: fee in BTC
    assert fills(short)[0][2:] == (D("0.000001"), "BTC")
    assert fake.balance("BNB")[0] == D("0.000025")

    fake.set_balance("BNB", "1")
    fake.set_balance("BTC", "1")
    eth = client.create_order(symbol="ETHBTC", side="BUY", type="MARKET", quantity="0.1")
    # 0.005 BTC × 0.075 % = 0.00000375 BTC; 1 BNB = 600/30000 = 0.02 BTC → 0.0001875 BNB
    assert fills(eth) == [(D("0.05"), D("0.1"), D("0.0001875"), "BNB")]
    client.toggle_bnb_burn_spot_margin(spotBNBBurn="false")
    off = market(client, "BUY", "0.001")
    assert fills(off)[0][2:] == (D("0.000001"), "BTC")


# --- 6. myTrades by orderId, fromId, time and limit over more than 1000 trades --------------------


def test_my_trades_pages_through_an_order_of_1200_trades(fake: FakeBinance, client: Client) -> None:
    fake.set_liquidity("BTCUSDT", "0.00001", levels=1200, tick="0.01")
    big = market(client, "BUY", "0.012")
    oid = big["orderId"]
    assert big["status"] == "FILLED" and len(big["fills"]) == 1200
    fake.set_price("BTCUSDT", "30000")  # a new step: the levels are full again
    small = market(client, "BUY", "0.0002")  # the next order: 20 more trades
    ids = [f["tradeId"] for f in big["fills"]]
    small_ids = [f["tradeId"] for f in small["fills"]]

    latest = client.get_my_trades(symbol="BTCUSDT")
    assert len(latest) == 500 and latest[-1]["orderId"] == small["orderId"]
    by_order = client.get_my_trades(symbol="BTCUSDT", orderId=oid)
    assert [t["id"] for t in by_order] == ids[:500]  # from the order's first trade
    paged: list[int] = []
    while True:
        page = client.get_my_trades(
            symbol="BTCUSDT",
            orderId=oid,
            limit=1000,
            **({"fromId": paged[-1] + 1} if paged else {}),
        )
        paged += [t["id"] for t in page]
        if len(page) < 1000:
            break
    assert paged == ids
    assert len(client.get_my_trades(symbol="BTCUSDT", limit=1000)) == 1000
    from_id = client.get_my_trades(symbol="BTCUSDT", fromId=ids[1100])
    assert [t["id"] for t in from_id] == ids[1100:] + small_ids
    start = fake.trades[0].time
    assert len(client.get_my_trades(symbol="BTCUSDT", startTime=start, limit=1000)) == 1000
    assert len(client.get_my_trades(symbol="BTCUSDT", endTime=start + 60_000)) == 500
    assert api_error(client.get_my_trades, symbol="BTCUSDT", limit=1001).code == -1130
    bad = api_error(client.get_my_trades, symbol="BTCUSDT", orderId=oid, startTime=start)
    assert (bad.code, bad.message) == (-1128, "Combination of optional parameters invalid.")
    wide = api_error(
        client.get_my_trades, symbol="BTCUSDT", startTime=start, endTime=start + 86_400_001
    )
    assert wide.code == -1127
    # the app's gateway reads all of them, oldest first
    gateway = gateway_for(fake)
    try:
        assert [f.trade_id for f in gateway.my_trades("BTCUSDT", start_ms=start)][:1200] == ids
    finally:
        gateway.close()


def test_my_trades_weighs_less_with_an_order_id(fake: FakeBinance, client: Client) -> None:
    oid = market(client, "BUY", "0.001")["orderId"]
    for _attempt in range(3):  # the weight counts per minute: measure within one
        minute = fake.state.now_ms() // 60_000
        before = fake.used_weight
        client.get_my_trades(symbol="BTCUSDT", orderId=oid)
        with_id = fake.used_weight - before
        client.get_my_trades(symbol="BTCUSDT")
        both = fake.used_weight - before
        if fake.state.now_ms() // 60_000 == minute:
            break
    assert (with_id, both) == (5, 25)


# --- 7. fault hooks and ground truth --------------------------------------------------------------


def test_my_trades_fails_then_recovers_and_a_slow_route_is_slow(
    fake: FakeBinance, client: Client
) -> None:
    oid = market(client, "BUY", "0.001")["orderId"]
    fake.fail_next("/api/v3/myTrades", status=503, count=2)
    for _ in range(2):
        assert api_error(client.get_my_trades, symbol="BTCUSDT").status_code == 503
    assert len(client.get_my_trades(symbol="BTCUSDT", orderId=oid)) == 1

    fake.slow_route("/api/v3/myTrades", 0.4)
    client._requests_params = {"timeout": 0.1}
    with pytest.raises(requests.Timeout):
        client.get_my_trades(symbol="BTCUSDT")
    assert fake.wait_idle()
    client._requests_params = {"timeout": 5}
    began = time.monotonic()
    assert len(client.get_my_trades(symbol="BTCUSDT")) == 1
    assert time.monotonic() - began >= 0.4  # every answer, not just the next one
    fake.slow_route("/api/v3/myTrades", 0)
    assert client.get_order(symbol="BTCUSDT", orderId=oid)["status"] == "FILLED"


def test_ground_truth_holds_every_order_trade_and_balance(
    fake: FakeBinance, client: Client
) -> None:
    fake.set_liquidity("BTCUSDT", "0.001")
    resting = limit(client, "BUY", "0.002", "29000")["orderId"]
    fake.set_price("BTCUSDT", "29000")
    expired = market(client, "BUY", "0.002")["orderId"]
    truth = fake.ground_truth()
    assert [(o.order_id, o.status, o.executed_qty) for o in truth.orders] == [
        (resting, "PARTIALLY_FILLED", D("0.001")),
        (expired, "EXPIRED", D("0.001")),
    ]
    assert truth.order(expired).expiry_reason == "INSUFFICIENT_LIQUIDITY"
    assert [t.qty for t in truth.trades_of(resting)] == [D("0.001")]
    assert truth.balances["USDT"] == (D("1000") - D("29") - D("29") - D("29"), D("29"))
    assert truth.balances["BTC"] == (D("0.001998"), D(0))


# --- 8. events for the user data stream -----------------------------------------------------------


class Recorder:
    def __init__(self) -> None:
        self.orders: list[tuple[int, str, Decimal, int | None]] = []
        self.kinds: list[tuple[int, str, str, Decimal]] = []
        self.balances: list[dict[str, tuple[Decimal, Decimal]]] = []

    def on_order_event(self, order: FakeOrder, trade: FakeTrade | None) -> None:
        tid = trade.trade_id if trade is not None else None
        self.orders.append((order.order_id, order.status, order.executed_qty, tid))
        self.kinds.append(
            (order.order_id, order.execution_type, order.status, order.last_prevented_qty)
        )

    def on_balance_event(self, balances: dict[str, tuple[Decimal, Decimal]]) -> None:
        self.balances.append(balances)


def test_every_order_change_and_balance_change_is_published(
    fake: FakeBinance, client: Client
) -> None:
    recorder = Recorder()
    fake.add_listener(recorder)
    fake.set_liquidity("BTCUSDT", "0.001")
    resting = limit(client, "BUY", "0.002", "29000")["orderId"]
    fake.set_price("BTCUSDT", "29000")
    client.cancel_order(symbol="BTCUSDT", orderId=resting)
    taker = market(client, "BUY", "0.002")
    first, second = (t.trade_id for t in fake.trades)
    assert recorder.orders == [
        (resting, "NEW", D(0), None),
        (resting, "PARTIALLY_FILLED", D("0.001"), first),
        (resting, "CANCELED", D("0.001"), None),
        (taker["orderId"], "NEW", D(0), None),
        (taker["orderId"], "PARTIALLY_FILLED", D("0.001"), second),
        (taker["orderId"], "EXPIRED", D("0.001"), None),
    ]
    assert recorder.balances == [
        {"USDT": (D("942"), D("58"))},  # the BUY locks 0.002 × 29000
        {"BTC": (D("0.000999"), D(0)), "USDT": (D("942"), D("29"))},
        {"USDT": (D("971"), D(0))},
        {"BTC": (D("0.001998"), D(0)), "USDT": (D("942"), D(0))},
    ]
    fake.remove_listener(recorder)
    fake.set_price("BTCUSDT", "29000")
    assert market(client, "BUY", "0.001")["status"] == "FILLED"
    assert len(recorder.orders) == 6 and len(recorder.balances) == 4


def test_prevented_self_trades_are_published_as_trade_prevention(
    fake: FakeBinance, client: Client
) -> None:
    maker = _own_ask(fake, client)
    recorder = Recorder()
    fake.add_listener(recorder)
    decrement = limit(client, "BUY", "0.0005", "30000", selfTradePreventionMode="DECREMENT")
    expire = market(client, "BUY", "0.001", selfTradePreventionMode="EXPIRE_MAKER")
    taker, other = decrement["orderId"], expire["orderId"]
    assert recorder.kinds == [
        (taker, "NEW", "NEW", D(0)),
        (maker, "TRADE_PREVENTION", "PARTIALLY_FILLED", D("0.0005")),  # decremented, still open
        (taker, "TRADE_PREVENTION", "EXPIRED_IN_MATCH", D("0.0005")),
        (other, "NEW", "NEW", D(0)),
        (maker, "TRADE_PREVENTION", "EXPIRED_IN_MATCH", D("0.0015")),
        (other, "TRADE", "FILLED", D(0)),
    ]
    assert recorder.balances == [
        {"BTC": (D("0.0075"), D("0.0015"))},
        {"BTC": (D("0.009999"), D(0)), "USDT": (D("999.97"), D(0))},  # 0.0015 unlocked
    ]
