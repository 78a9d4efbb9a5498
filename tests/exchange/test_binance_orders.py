"""Orders through the real gateway and client against the fake: fills, fees, balances, refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crypty_desktop.bots.orders import OrderExecutor
from crypty_desktop.domain.errors import (
    AuthError,
    FilterRejected,
    InsufficientBalance,
    NotFound,
    UnknownOrderStatus,
    UnknownSymbol,
)
from crypty_desktop.domain.orders import (
    Fill,
    OrderRequest,
    OrderStatus,
    OrderType,
    Side,
    client_order_id,
)
from crypty_desktop.storage.orders import OrderLog
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.fakes.trading import KEY, SECRET, GatewayFactory, gateway_for, trading_gateway
from tests.platform_rows import store_with_platform

__all__ = ["trading_gateway"]  # the fixture, imported for this module's tests

BOT = "bot-orders"
D = Decimal


def market(qty: str, side: Side = Side.BUY, seq: int = 0, symbol: str = "BTCUSDT") -> OrderRequest:
    return OrderRequest(symbol, side, OrderType.MARKET, D(qty), client_order_id(BOT, seq))


def limit(qty: str, price: str, side: Side = Side.BUY, seq: int = 0) -> OrderRequest:
    return OrderRequest(
        "BTCUSDT", side, OrderType.LIMIT, D(qty), client_order_id(BOT, seq), price=D(price)
    )


@pytest.fixture
def fake(fake_binance: FakeBinance) -> FakeBinance:
    fake_binance.set_balance("USDT", "1000")
    fake_binance.set_balance("BTC", "0.5")
    fake_binance.set_price("BTCUSDT", "30000")
    return fake_binance


def test_market_buy_fills_at_the_price_with_the_fee_in_base(
    fake: FakeBinance, trading_gateway: GatewayFactory
) -> None:
    gw = trading_gateway()
    state = gw.place_order(market("1E-3"))  # an exponent Decimal still goes as "0.001"
    [placed] = fake.orders()
    assert (state.status, state.exchange_order_id) == (OrderStatus.FILLED, placed.order_id)
    assert state.client_order_id == client_order_id(BOT, 0) and state.price is None
    assert (state.quantity, state.executed_qty, state.quote_qty) == (D("0.001"), D("0.001"), D(30))
    [trade] = fake.trades
    assert state.fills == (
        Fill(
            "BTCUSDT",
            Side.BUY,
            D("30000"),
            D("0.001"),
            D("0.000001"),
            "BTC",
            state.time,
            client_order_id(BOT, 0),
            trade.trade_id,
            placed.order_id,
        ),
    )
    assert fake.balance("USDT") == (D("970"), D(0))
    assert fake.balance("BTC") == (D("0.500999"), D(0))
    [sent] = fake.requests_to("/api/v3/order")
    assert sent.params["quantity"] == "0.001" and sent.params["newOrderRespType"] == "FULL"
    assert sent.params["newClientOrderId"] == client_order_id(BOT, 0)
    assert "price" not in sent.params
    assert gw.rate_usage().orders_10s == 1  # from X-MBX-ORDER-COUNT-10S


def test_market_sell_pays_the_fee_in_quote(
    fake: FakeBinance, trading_gateway: GatewayFactory
) -> None:
    state = trading_gateway().place_order(market("0.01", Side.SELL))
    assert state.status is OrderStatus.FILLED and state.quote_qty == D("300")
    [fill] = state.fills
    assert (fill.fee, fill.fee_asset) == (D("0.3"), "USDT")
    assert fake.balance("USDT") == (D("1299.7"), D(0))
    assert fake.balance("BTC") == (D("0.49"), D(0))


def test_limit_rests_locks_funds_then_fills_when_the_price_comes(
    fake: FakeBinance, trading_gateway: GatewayFactory
) -> None:
    gw = trading_gateway()
    request = limit("0.002", "29000.5")
    state = gw.place_order(request)
    assert state.status is OrderStatus.NEW and state.fills == ()
    assert state.price == D("29000.5") and state.executed_qty == 0
    assert fake.requests_to("/api/v3/order")[0].params["price"] == "29000.5"
    assert fake.requests_to("/api/v3/order")[0].params["timeInForce"] == "GTC"
    assert fake.balance("USDT") == (D("941.999"), D("58.001"))
    [open_order] = gw.open_orders("BTCUSDT")
    assert open_order.client_order_id == request.client_order_id
    assert open_order.status is OrderStatus.NEW and open_order.quantity == D("0.002")

    assert fake.set_price("BTCUSDT", "29000") == 1
    queried = gw.query_order("BTCUSDT", request.client_order_id)
    assert queried is not None and queried.status is OrderStatus.FILLED
    assert queried.executed_qty == D("0.002") and queried.quote_qty == D("58.001")
    assert gw.open_orders("BTCUSDT") == []
    assert fake.balance("USDT") == (D("941.999"), D(0))
    [fill] = gw.my_trades("BTCUSDT")
    assert fill.exchange_order_id == state.exchange_order_id and fill.client_order_id == ""
    assert (fill.side, fill.price, fill.quantity) == (Side.BUY, D("29000.5"), D("0.002"))
    assert (fill.fee, fill.fee_asset) == (D("0.000002"), "BTC")


def test_cancel_releases_funds_and_a_second_cancel_is_not_found(
    fake: FakeBinance, trading_gateway: GatewayFactory
) -> None:
    gw = trading_gateway()
    request = limit("0.01", "31000", Side.SELL)
    assert gw.place_order(request).status is OrderStatus.NEW
    assert fake.balance("BTC") == (D("0.49"), D("0.01"))
    canceled = gw.cancel_order("BTCUSDT", request.client_order_id)
    assert canceled.status is OrderStatus.CANCELED
    assert canceled.client_order_id == request.client_order_id  # not the cancel's own id
    assert fake.balance("BTC") == (D("0.5"), D(0))
    with pytest.raises(NotFound) as info:
        gw.cancel_order("BTCUSDT", request.client_order_id)
    assert info.value.code == -2011


def test_query_of_an_unknown_order_is_none(trading_gateway: GatewayFactory) -> None:
    assert trading_gateway().query_order("BTCUSDT", "cr-nothing-1") is None


def test_my_trades_from_a_start_time_pages_by_trade_id(
    fake: FakeBinance, trading_gateway: GatewayFactory
) -> None:
    fake.set_balance("USDT", "100000")
    start = fake.state.now_ms() - 1
    for i in range(3):
        fake.place("BTCUSDT", "BUY", "MARKET", "0.001", client_order_id=f"hand-{i}")
    gw = trading_gateway()
    fills = gw.my_trades("BTCUSDT", start_ms=start)
    assert [f.trade_id for f in fills] == [t.trade_id for t in fake.trades]
    assert [f.exchange_order_id for f in fills] == [o.order_id for o in fake.orders()]
    assert fake.requests_to("/api/v3/myTrades")[0].params["startTime"] == str(start)


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_", "code", "words"),
    [
        (market("0.000015"), -1013, "Filter failure: LOT_SIZE"),
        (market("0.0001"), -1013, "Filter failure: NOTIONAL"),  # 3 USDT < 5
        (limit("0.001", "30000.005"), -1013, "Filter failure: PRICE_FILTER"),
        (market("0.000010001"), -1111, "too much precision"),
    ],
    ids=["lot-size", "notional", "price-tick", "precision"],
)
def test_filter_failures_are_refused_and_nothing_is_placed(
    fake: FakeBinance,
    trading_gateway: GatewayFactory,
    request_: OrderRequest,
    code: int,
    words: str,
) -> None:
    with pytest.raises(FilterRejected, match=words) as info:
        trading_gateway().place_order(request_)
    assert info.value.code == code
    assert fake.orders() == [] and fake.balance("USDT") == (D(1000), D(0))


def test_insufficient_balance(fake: FakeBinance, trading_gateway: GatewayFactory) -> None:
    with pytest.raises(InsufficientBalance) as info:
        trading_gateway().place_order(market("0.04"))  # 1200 USDT > 1000
    assert info.value.code == -2010 and fake.orders() == []


def test_unknown_symbol(fake: FakeBinance, trading_gateway: GatewayFactory) -> None:
    with pytest.raises(UnknownSymbol) as info:
        trading_gateway().place_order(market("1", symbol="NOPEUSDT"))
    assert info.value.code == -1121


def test_key_without_trading_permission_is_refused(fake: FakeBinance) -> None:
    fake.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=False))
    gw = gateway_for(fake)
    try:
        with pytest.raises(AuthError):
            gw.place_order(market("0.001"))
    finally:
        gw.close()


@pytest.mark.logs(r"outcome unknown \(\w+\); querying")
def test_duplicate_id_of_an_open_order_is_looked_up_not_doubled(
    fake: FakeBinance, trading_gateway: GatewayFactory, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    gw = trading_gateway()
    request = limit("0.001", "20000")
    gw.place_order(request)
    with pytest.raises(UnknownOrderStatus) as info:
        gw.place_order(request)
    assert info.value.code == -2010 and "already has an open order" in str(info.value)
    # The executor of a log that lost the order (e.g. restored database) adopts the open one.
    executor = OrderExecutor(
        gw, OrderLog(store_with_platform(tmp_path / "db.sqlite3")), 1, sleep=lambda s: None
    )
    state = executor.submit(BOT, 0, request)
    assert state.status is OrderStatus.NEW and len(fake.orders()) == 1


def test_a_filled_order_id_can_be_reused_on_binance(
    fake: FakeBinance, trading_gateway: GatewayFactory
) -> None:
    """Binance only refuses ids of OPEN orders: why an unknown outcome is queried, not re-sent."""
    gw = trading_gateway()
    gw.place_order(market("0.001"))
    gw.place_order(market("0.001"))
    assert len(fake.orders_with_client_id(client_order_id(BOT, 0))) == 2
