"""A Trader bot's broker against the loopback fake Binance over real sockets: fills that race
cancels, trades that cannot be read at once, and the wallet always equal to the recorded fills."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.bots.brokers import LiveBroker
from crypty_desktop.bots.orders import OrderExecutor
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import OrderStatus, OrderType, Side
from crypty_desktop.exchange.binance import BinanceGateway
from crypty_desktop.storage import Store
from crypty_desktop.storage.orders import OrderLog
from crypty_desktop.strategies.base import Intent
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.trading import gateway_for, trading_key

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
    log = OrderLog(Store(tmp_path / "db.sqlite3"))
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
