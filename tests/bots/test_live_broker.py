"""A Trader bot's broker against the loopback fake Binance over real sockets: fills that race
cancels, trades that cannot be read at once, and the wallet always equal to the recorded fills."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.bots.brokers import LiveBroker
from crypty_desktop.bots.orders import OrderExecutor
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import Fill, OrderStatus, OrderType, Side
from crypty_desktop.domain.platform import ApiCredentials, KeyKind, PlatformType
from crypty_desktop.exchange.binance import BinanceGateway
from crypty_desktop.exchange.user_stream import UserDataStream
from crypty_desktop.storage.orders import OrderLog
from crypty_desktop.strategies.base import Intent
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.trading import KEY, SECRET, gateway_for, trading_key
from tests.platform_rows import store_with_platform

D = Decimal
BOT = "bot-live"
PLATFORM = 1
ORDER_PATH = "/api/v3/order"
TRADES_PATH = "/api/v3/myTrades"
BACKOFF = (0.05, 0.1, 0.2, 0.4, 0.5, 0.5)  # float-ok: seconds


def candle(close: str = "30000") -> Candle:
    price = D(close)
    return Candle("BTCUSDT", "1m", 0, price, price, price, price, D(1), 59_999)


@pytest.fixture
def gateway(fake_binance: FakeBinance) -> Iterator[BinanceGateway]:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "1000")
    fake_binance.set_balance("BTC", "0.01")
    fake_binance.set_price("BTCUSDT", "30000")
    gw = gateway_for(fake_binance, timeout=0.3, recv_window_ms=600)
    yield gw
    gw.close()


def broker(gateway: BinanceGateway, tmp_path: Path) -> LiveBroker:
    log = OrderLog(store_with_platform(tmp_path / "db.sqlite3"))
    executor = OrderExecutor(gateway, log, PLATFORM, backoff=BACKOFF, margin_ms=200)
    rules = gateway.symbol_rules("BTCUSDT")
    live = LiveBroker(BOT, PLATFORM, rules, D("300"), gateway, log, executor)
    live.start({})
    return live


def assert_wallet_is_the_fills(live: LiveBroker, fake: FakeBinance) -> None:
    """The bot's records are the exchange's trades, and its wallet follows from them alone."""
    cids = [o.request.client_order_id for o in live.log.orders(BOT)]
    mine = {o.order_id for cid in cids for o in fake.orders_with_client_id(cid)}
    exchange = sorted(t.trade_id for t in fake.trades if t.order_id in mine)
    recorded = live.log.fills(PLATFORM, [o.request.client_order_id for o in live.log.orders(BOT)])
    assert sorted(f.trade_id for f in recorded) == exchange
    bought = sum((f.quantity - f.fee for f in recorded if f.side is Side.BUY), D(0))
    sold = sum((f.quantity for f in recorded if f.side is Side.SELL), D(0))
    assert live.wallet.base_total == bought - sold >= 0


def test_a_sell_filled_just_before_its_cancel_is_recorded_and_not_sold_again(
    gateway: BinanceGateway, fake_binance: FakeBinance, tmp_path: Path
) -> None:
    live = broker(gateway, tmp_path)
    buy = Intent(Side.BUY, "entry", quote_amount=D("60"))
    live.execute(buy, candle())
    held = live.wallet.base
    assert held > 0
    sell = Intent(
        Side.SELL, "level", OrderType.LIMIT, base_qty=held, limit_price=D("31000"), tag="L1"
    )
    live.execute(sell, candle())
    [resting] = live.open.values()
    quantity = resting.request.quantity
    assert live.wallet.locked_base == quantity
    fake_binance.set_price("BTCUSDT", "31500")  # the limit sell fills on the exchange...
    done = live.execute(Intent(Side.SELL, "replace", tag="L1", cancel=True), candle("31500"))
    # ...and the bot's cancel arrives after it: Binance answers "unknown order" (-2011).
    assert done.action == "cancel" and len(done.fills) == 1
    assert done.fills[0].side is Side.SELL and done.fills[0].quantity == quantity
    assert live.open == {} and live.wallet.locked_base == 0
    assert live.wallet.base_total == held - quantity < live.rules.step_size  # dust only
    assert live.position().base == 0  # nothing left for a replacement to sell
    assert_wallet_is_the_fills(live, fake_binance)


@pytest.mark.logs(r"outcome unknown \(\w+\); querying", r"trades not read yet")
def test_trades_that_cannot_be_read_keep_the_order_open_until_they_can(
    gateway: BinanceGateway, fake_binance: FakeBinance, tmp_path: Path
) -> None:
    live = broker(gateway, tmp_path)
    fake_binance.accept_then(ORDER_PATH, status=503)  # the answer (with its fills) is lost
    fake_binance.fail_next(TRADES_PATH, status=503)  # and the order's trades fail once
    done = live.execute(Intent(Side.BUY, "entry", quote_amount=D("60")), candle())
    assert done.fills == ()
    [order] = live.log.orders(BOT)
    assert order.status is OrderStatus.FILLED and not order.settled
    # The quote it spent stays reserved: the bot cannot spend it twice.
    assert live.wallet.quote + live.wallet.locked_quote == D("300")
    assert live.wallet.quote <= D("240.01")
    fills = live.on_candle(candle())
    assert len(fills) == 1 and fills[0][0].side is Side.BUY
    [order] = live.log.orders(BOT)
    assert order.settled and order.filled_qty == order.executed_qty
    assert live.wallet.locked_quote == 0 and live.wallet.base > 0
    assert_wallet_is_the_fills(live, fake_binance)


@pytest.mark.logs(r"outcome unknown \(\w+\); querying", r"trades not read yet")
def test_more_than_a_page_of_other_trades_does_not_hide_an_order_s_fills(
    gateway: BinanceGateway, fake_binance: FakeBinance, tmp_path: Path
) -> None:
    """Trades are read by order id: a thousand newer trades on the symbol hide nothing."""
    live = broker(gateway, tmp_path)
    fake_binance.set_balance("USDT", "40000")
    fake_binance.accept_then(ORDER_PATH, drop=True)
    fake_binance.fail_next(TRADES_PATH, status=503)
    done = live.execute(Intent(Side.BUY, "entry", quote_amount=D("30")), candle())
    for _ in range(1001):  # other trading on the account, after the bot's order
        fake_binance.place("BTCUSDT", "BUY", "MARKET", "0.001")
    live.on_candle(candle())
    [order] = live.log.orders(BOT)
    assert order.settled, done
    requests = fake_binance.requests_to(TRADES_PATH)
    assert requests and all("orderId" in r.params for r in requests)
    assert_wallet_is_the_fills(live, fake_binance)


def add_symbol(fake: FakeBinance, symbol: str, base: str) -> None:
    """Another USDT market on the fake, with BTCUSDT's filters."""
    with fake.state.lock:
        symbols = fake.state.exchange_info["symbols"]
        [btc] = [s for s in symbols if s["symbol"] == "BTCUSDT"]
        symbols.append(btc | {"symbol": symbol, "baseAsset": base})


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:  # float-ok
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "not in time"
        time.sleep(0.02)


def test_a_resting_buy_fills_in_parts_then_a_cancel_keeps_the_part_and_frees_the_rest(
    gateway: BinanceGateway, fake_binance: FakeBinance, tmp_path: Path
) -> None:
    fake_binance.set_liquidity("BTCUSDT", "0.001")  # 0.001 BTC trades per market step
    live = broker(gateway, tmp_path)
    buy = Intent(
        Side.BUY, "level", OrderType.LIMIT, base_qty=D("0.003"), limit_price=D("29000"), tag="B1"
    )
    live.execute(buy, candle())
    assert live.wallet.locked_quote == D("87")
    fake_binance.set_price("BTCUSDT", "28990")  # one step: 0.001 fills
    fills = live.on_candle(candle("28990"))
    assert [(f.quantity, tag) for f, tag in fills] == [(D("0.001"), "B1")]
    [order] = live.log.orders(BOT)
    assert order.status is OrderStatus.PARTIALLY_FILLED and order.settled is False
    assert live.wallet.locked_quote == D("58") and live.wallet.base == D("0.000999")
    fake_binance.fill_before_cancel("0.001")  # another part fills just before the cancel
    done = live.execute(Intent(Side.BUY, "stop", tag="B1", cancel=True), candle("28990"))
    assert [f.quantity for f in done.fills] == [D("0.001")]  # the raced part is recorded
    [order] = live.log.orders(BOT)
    assert order.status is OrderStatus.CANCELED and order.executed_qty == D("0.002")
    assert order.settled and live.open == {}
    assert live.wallet.locked_quote == 0 and live.wallet.quote == D("300") - D("58")
    assert live.wallet.base == D("0.001998")
    assert_wallet_is_the_fills(live, fake_binance)


def test_a_market_order_that_expires_after_a_part_is_booked_not_called_unexecuted(
    gateway: BinanceGateway, fake_binance: FakeBinance, tmp_path: Path
) -> None:
    fake_binance.set_liquidity("BTCUSDT", "0.001", levels=2, tick="10")
    live = broker(gateway, tmp_path)
    done = live.execute(Intent(Side.BUY, "entry", base_qty=D("0.005")), candle())
    assert [(f.quantity, f.price) for f in done.fills] == [
        (D("0.001"), D("30000")),
        (D("0.001"), D("30010")),
    ]
    [order] = live.log.orders(BOT)
    assert order.status is OrderStatus.EXPIRED and order.expiry_reason == "INSUFFICIENT_LIQUIDITY"
    assert order.settled and live.wallet.base == D("0.001998")
    assert_wallet_is_the_fills(live, fake_binance)


def test_fees_paid_in_bnb_leave_the_pair_whole_and_are_valued(
    gateway: BinanceGateway, fake_binance: FakeBinance, tmp_path: Path
) -> None:
    fake_binance.set_balance("BNB", "1")
    add_symbol(fake_binance, "BNBUSDT", "BNB")
    fake_binance.set_price("BNBUSDT", "600")
    fake_binance.pay_fees_in_bnb(bnb_prices={"USDT": "600"})
    live = broker(gateway, tmp_path)
    done = live.execute(Intent(Side.BUY, "entry", base_qty=D("0.002")), candle())
    [fill] = done.fills
    assert fill.fee_asset == "BNB" and fill.fee == D("0.000075")  # 60 × 0.075 % / 600
    assert fill.fee_quote == D("0.045")
    assert live.wallet.base == D("0.002")  # no BTC taken as fee
    assert live.equity(D("30000")) == D("300") - D("0.045")


def test_an_order_that_would_trade_with_another_bot_expires_and_says_why(
    gateway: BinanceGateway, fake_binance: FakeBinance, tmp_path: Path
) -> None:
    """Two bots on one account and market: the newcomer expires (self-trade prevention)."""
    fake_binance.set_liquidity("BTCUSDT", "0.00001")  # the market is thin at 30,000
    other = fake_binance.place("BTCUSDT", "SELL", "LIMIT", "0.001", "30000")  # another bot's
    live = broker(gateway, tmp_path)
    with pytest.raises(CryptyError, match="self-trade prevention"):
        live.execute(Intent(Side.BUY, "entry", base_qty=D("0.001")), candle())
    [order] = live.log.orders(BOT)
    assert order.status is OrderStatus.EXPIRED_IN_MATCH and order.settled
    [still] = [o for o in fake_binance.orders() if o.order_id == other["orderId"]]
    assert still.status in ("NEW", "PARTIALLY_FILLED")  # the other bot's order is untouched
    posted = [r for r in fake_binance.requests_to(ORDER_PATH) if r.method == "POST"]
    assert posted[-1].params["selfTradePreventionMode"] == "EXPIRE_TAKER"
    assert live.wallet.quote == D("300") and live.wallet.base == 0


def test_with_the_user_data_stream_fills_arrive_without_polling(
    gateway: BinanceGateway, fake_binance: FakeBinance, tmp_path: Path
) -> None:
    fake_binance.set_liquidity("BTCUSDT", "0.001")
    stream = UserDataStream(
        PlatformType.BINANCE, ApiCredentials(KEY, SECRET, KeyKind.HMAC), url=fake_binance.ws_api_url
    )
    stream.start()
    try:
        live = broker(gateway, tmp_path)
        live.listen(stream)
        wait_until(stream.is_live)
        live.on_candle(candle())  # the first candle after subscribing backfills over REST
        assert live.streaming
        buy = Intent(
            Side.BUY, "lvl", OrderType.LIMIT, base_qty=D("0.002"), limit_price=D("29000"), tag="B"
        )
        live.execute(buy, candle())
        fake_binance.clear_requests()
        fake_binance.set_price("BTCUSDT", "28990")
        fake_binance.set_price("BTCUSDT", "28980")
        got: list[tuple[Fill, str]] = []
        wait_until(lambda: bool(got.extend(live.poll())) or len(got) == 2)
        assert [(f.quantity, tag) for f, tag in got] == [(D("0.001"), "B"), (D("0.001"), "B")]
        assert live.on_candle(candle("28980")) == []
        [order] = live.log.orders(BOT)
        assert order.status is OrderStatus.FILLED and order.settled
        polled = [r.path for r in fake_binance.requests if r.path != "/api/v3/ticker/price"]
        assert polled == []  # no order query, no myTrades: the stream told everything
        assert_wallet_is_the_fills(live, fake_binance)
    finally:
        stream.stop()


def test_an_order_expired_by_the_price_range_rule_says_so_in_words(
    gateway: BinanceGateway, fake_binance: FakeBinance, tmp_path: Path
) -> None:
    fake_binance.set_price_range("BTCUSDT", "29000", "29500")  # 30,000 is outside the range
    live = broker(gateway, tmp_path)
    with pytest.raises(CryptyError, match="outside the range Binance allows"):
        live.execute(Intent(Side.BUY, "entry", base_qty=D("0.001")), candle())
    [order] = live.log.orders(BOT)
    assert order.status is OrderStatus.EXPIRED and order.settled
    assert order.expiry_reason == "EXECUTION_RULE_PRICE_RANGE_EXCEEDED"
    assert live.wallet.quote == D("300")


def test_a_market_binance_pauses_gets_no_new_order(
    fake_binance: FakeBinance, tmp_path: Path
) -> None:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "1000")
    fake_binance.set_price("BTCUSDT", "30000")
    gw = gateway_for(fake_binance, timeout=0.3, recv_window_ms=600, info_max_age=0)
    try:
        live = broker(gw, tmp_path)
        with fake_binance.state.lock:
            [btc] = [
                s for s in fake_binance.state.exchange_info["symbols"] if s["symbol"] == "BTCUSDT"
            ]
            btc["status"] = "BREAK"
        with pytest.raises(CryptyError, match="paused trading on BTCUSDT"):
            live.execute(Intent(Side.BUY, "entry", base_qty=D("0.001")), candle())
        assert fake_binance.orders() == [] and live.log.orders(BOT) == []
    finally:
        gw.close()
