"""A protective list whose cancel's answer is lost while Binance cannot be asked: the bot does not
believe it cancelled, sells nothing and places no new list while it may still rest (two live
orders selling the same coins never coexist), holds, asks again, and goes on once Binance says.

A Trader bot with a stop-loss and a take-profit kept on Binance (an OCO list), against the
loopback fake over real sockets; figures as in ``test_exchange_stops``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.domain.bots import BotState, Decision, EventKind
from crypty_desktop.domain.orders import OrderStatus
from crypty_desktop.exchange.binance import BinanceGateway
from crypty_desktop.storage import Store
from crypty_desktop.storage.orders import OrderLog
from tests.bots.test_exchange_stops import (
    BOT,
    LIST_PATH,
    ORDER_PATH,
    candle,
    drive,
    legs_on_fake,
    live_runner,
    scripted,
    spec,
)
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.trading import gateway_for, trading_key
from tests.platform_rows import store_with_platform

D = Decimal
UNREAD = "Binance could not be asked about order "


@pytest.fixture
def gw(fake_binance: FakeBinance) -> Iterator[BinanceGateway]:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "1000")
    fake_binance.set_price("BTCUSDT", "30000")
    gateway = gateway_for(fake_binance, timeout=0.5, recv_window_ms=600)
    yield gateway
    gateway.close()


@pytest.fixture
def db(tmp_path: Path) -> Store:
    return store_with_platform(tmp_path / "db.sqlite3")


def _legs(store: Store) -> dict[str, OrderStatus]:
    return {
        o.request.client_order_id: o.status for o in OrderLog(store).orders(BOT) if o.protective
    }


def _executing(fake: FakeBinance) -> int:
    lists = fake.state.order_lists.values()
    return len([x for x in lists if x.list_order_status == "EXECUTING"])


def _sells(fake: FakeBinance) -> list[object]:
    return [o for o in fake.orders("BTCUSDT") if o.side == "SELL" and o.type == "MARKET"]


def test_a_lost_cancel_of_the_protection_holds_the_sell_until_binance_says(
    gw: BinanceGateway, fake_binance: FakeBinance, db: Store
) -> None:
    s = spec(stop_loss_pct=D("5"), take_profit_pct=D("10"))
    runner, events = live_runner(gw, db, s, scripted(sell_at=2))
    runner.hold_pauses = (0.0,)  # every candle asks again
    drive(fake_binance, runner, candle(1, "30000"))  # bought, protected by an OCO list
    legs = _legs(db)
    assert len(legs) == 2 and set(legs.values()) == {OrderStatus.NEW}
    assert _executing(fake_binance) == 1

    # The strategy sells: the list is cancelled first; Binance cancels it but the answer is
    # lost, and no question about the legs is answered.
    fake_binance.accept_then(LIST_PATH, status=503)
    fake_binance.fail_next(ORDER_PATH, status=503, count=10_000)
    drive(fake_binance, runner, candle(2, "30100"))
    assert {o.status for o in legs_on_fake(fake_binance)} == {"CANCELED"}
    assert runner.state is BotState.RUNNING and runner.holding  # not ERROR
    assert _legs(db) == legs  # still open in the records: not believed cancelled
    assert _sells(fake_binance) == []  # no sale while the stop may still rest
    drive(fake_binance, runner, candle(3, "30100"))
    assert runner.holding and _sells(fake_binance) == []
    posted_lists = [r for r in fake_binance.requests_to(LIST_PATH + "/oco") if r.method == "POST"]
    assert len(posted_lists) == 1  # no second list meanwhile
    waits = [e for e in events if isinstance(e, Decision) and e.action == "wait"]
    assert {e.kind for e in waits} == {EventKind.UNCONFIRMED}
    # Said once each: the legs could not be read (the candle's check), nor their cancel.
    [unread] = [e.message for e in waits if e.message.startswith(UNREAD)]
    [cancel] = [e.message for e in waits if "was cancelled" in e.message]
    assert len(waits) == 2 and all(c in unread and c in cancel for c in legs)

    fake_binance.clear_faults()  # Binance answers again
    drive(fake_binance, runner, candle(4, "30100"))
    assert not runner.holding
    said = [e.message for e in events if isinstance(e, Decision)]
    for cid in legs:
        assert f"Order {cid} was confirmed: cancelled; trading resumes." in said
    assert {_legs(db)[c] for c in legs} == {OrderStatus.CANCELED}
    # The position is protected again by one new list, never two at once.
    assert _executing(fake_binance) == 1
    for order in legs_on_fake(fake_binance):
        assert _legs(db)[order.client_order_id].value == order.status
    assert _sells(fake_binance) == []
