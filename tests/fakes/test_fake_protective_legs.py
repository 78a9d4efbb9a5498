"""The fake's take-profit-limit legs and its market clock, through the real python-binance client.

- A lone TAKE_PROFIT_LIMIT sell rests untriggered (its base locked); the price path reaching its
  stop from below triggers it and its limit trades there; a stop at or below the last price is
  refused as Binance does.
- An OCO list whose above leg is a TAKE_PROFIT_LIMIT: the take-profit trades, the stop-loss leg
  expires, the list is ALL_DONE.
- A triggered leg whose limit the market has passed rests as a limit and trades when the price
  comes back to it.
- ``advance_market``: two hours of candles pass while the client is stopped: Binance's clock jumps
  two hours, the stop-loss on the path trades, and ``/api/v3/klines`` serves the 120 candles.
"""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from binance.client import Client
from binance.exceptions import BinanceAPIException

from tests.fakes.fake_binance import FakeBinance
from tests.fakes.test_fake_binance import client_for
from tests.fakes.trading import trading_key

D = Decimal
STEP = 60_000
HOUR = 3_600_000


@pytest.fixture
def client(fake_binance: FakeBinance) -> Client:
    trading_key(fake_binance)
    fake_binance.set_balance("BTC", "1")
    fake_binance.set_price("BTCUSDT", "30000")
    return client_for(fake_binance)


def order_of(fake: FakeBinance, cid: str) -> object:
    [order] = fake.orders_with_client_id(cid)
    return order


def test_a_lone_take_profit_rests_then_trades_where_the_path_reaches_its_stop(
    fake_binance: FakeBinance, client: Client
) -> None:
    common = {"symbol": "BTCUSDT", "side": "SELL", "timeInForce": "GTC", "quantity": "0.01"}
    with pytest.raises(BinanceAPIException) as refused:  # would trigger at once
        client.create_order(type="TAKE_PROFIT_LIMIT", price="29900", stopPrice="29990", **common)
    assert refused.value.code == -2010 and "trigger immediately" in refused.value.message
    placed = client.create_order(
        type="TAKE_PROFIT_LIMIT",
        price="30990",
        stopPrice="31000",
        newClientOrderId="tp1",
        **common,
    )
    assert (placed["type"], placed["status"]) == ("TAKE_PROFIT_LIMIT", "NEW")
    assert fake_binance.balance("BTC") == (D("0.99"), D("0.01"))
    assert fake_binance.set_price("BTCUSDT", "30900") == 0  # below its stop: nothing
    assert client.get_order(symbol="BTCUSDT", origClientOrderId="tp1")["isWorking"] is False
    assert fake_binance.set_price("BTCUSDT", "31500") == 1  # the path crosses 31,000
    got = client.get_order(symbol="BTCUSDT", origClientOrderId="tp1")
    assert got["status"] == "FILLED" and got["isWorking"] is True
    [trade] = client.get_my_trades(symbol="BTCUSDT")
    assert (D(trade["price"]), D(trade["qty"])) == (D("31000"), D("0.01"))
    assert trade["isMaker"] is False
    # 0.01 × 31,000 = 310 USDT, less the 0.1 % fee.
    assert fake_binance.balance("BTC") == (D("0.99"), D(0))
    assert fake_binance.balance("USDT")[0] == D("309.69")


def test_an_oco_with_a_take_profit_leg_expires_the_stop_when_it_trades(
    fake_binance: FakeBinance, client: Client
) -> None:
    answer = client._post(
        "orderList/oco",
        True,
        data={
            "symbol": "BTCUSDT",
            "side": "SELL",
            "quantity": "0.01",
            "listClientOrderId": "list1",
            "aboveType": "TAKE_PROFIT_LIMIT",
            "aboveClientOrderId": "tp",
            "aboveStopPrice": "31000",
            "abovePrice": "30950",
            "aboveTimeInForce": "GTC",
            "belowType": "STOP_LOSS_LIMIT",
            "belowClientOrderId": "sl",
            "belowStopPrice": "29000",
            "belowPrice": "28900",
            "belowTimeInForce": "GTC",
        },
    )
    assert answer["listOrderStatus"] == "EXECUTING"
    assert fake_binance.balance("BTC") == (D("0.99"), D("0.01"))  # locked once for both legs
    fake_binance.set_price("BTCUSDT", "31200")
    listed = client._get("orderList", True, data={"origClientOrderId": "list1"})
    assert (listed["listStatusType"], listed["listOrderStatus"]) == ("ALL_DONE", "ALL_DONE")
    tp = client.get_order(symbol="BTCUSDT", origClientOrderId="tp")
    sl = client.get_order(symbol="BTCUSDT", origClientOrderId="sl")
    assert (tp["status"], sl["status"]) == ("FILLED", "EXPIRED")
    [trade] = client.get_my_trades(symbol="BTCUSDT")
    assert D(trade["price"]) == D("31000")
    assert fake_binance.balance("BTC") == (D("0.99"), D(0))


def test_a_triggered_leg_past_its_limit_rests_until_the_price_comes_back(
    fake_binance: FakeBinance, client: Client
) -> None:
    common = {"symbol": "BTCUSDT", "side": "SELL", "timeInForce": "GTC", "quantity": "0.01"}
    client.create_order(
        type="TAKE_PROFIT_LIMIT", price="31500", stopPrice="31000", newClientOrderId="tp2", **common
    )
    fake_binance.set_price("BTCUSDT", "31200")  # triggered at 31,000; its limit 31,500 waits
    waiting = client.get_order(symbol="BTCUSDT", origClientOrderId="tp2")
    assert (waiting["status"], waiting["isWorking"]) == ("NEW", True)
    assert fake_binance.set_price("BTCUSDT", "31600") == 1  # reached: it trades at its limit
    [trade] = client.get_my_trades(symbol="BTCUSDT")
    assert D(trade["price"]) == D("31500") and trade["isMaker"] is True


def test_two_hours_pass_while_the_client_is_stopped(
    fake_binance: FakeBinance, client: Client
) -> None:
    before = client.get_server_time()["serverTime"]
    client.create_order(
        symbol="BTCUSDT",
        side="SELL",
        type="STOP_LOSS_LIMIT",
        timeInForce="GTC",
        quantity="0.01",
        price="29000",
        stopPrice="29500",
        newClientOrderId="sl2",
    )
    # Down to 29,400 and back up over the two hours: the stop trades on the way.
    closes = [D(30000) - 10 * k for k in range(60)] + [D(29410) + 10 * k for k in range(60)]
    candles = fake_binance.advance_market("BTCUSDT", "1m", closes)
    assert len(candles) == 120
    assert [c.open_time - candles[0].open_time for c in candles] == [k * STEP for k in range(120)]
    assert candles[0].open_time == before // STEP * STEP
    after = client.get_server_time()["serverTime"]
    assert 2 * HOUR <= after - before < 2 * HOUR + 10_000
    # The client's own clock still says two hours ago: signed calls are refused until it
    # measures Binance's clock again.
    with pytest.raises(BinanceAPIException) as skewed:
        client.get_account()
    assert skewed.value.code == -1021
    client.timestamp_offset = after - int(time.time() * 1000)
    stop = client.get_order(symbol="BTCUSDT", origClientOrderId="sl2")
    assert stop["status"] == "FILLED"
    [trade] = client.get_my_trades(symbol="BTCUSDT")
    assert D(trade["price"]) == D("29500")
    # Awake again, the client backfills the skipped time: every candle, all closed.
    rows = client.get_klines(
        symbol="BTCUSDT", interval="1m", startTime=candles[0].open_time, limit=1000
    )
    assert len(rows) == 120
    assert [D(r[4]) for r in rows] == closes
    assert rows[-1][6] < after
    # A second absence carries on from the last candle served.
    more = fake_binance.advance_market("BTCUSDT", "1m", ["30000"] * 3)
    assert more[0].open_time == candles[-1].open_time + STEP and more[0].open == closes[-1]
