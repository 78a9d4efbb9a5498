"""The Orders tab shows when an order happened on the exchange's clock, like Log and Trades.

The bug: on the demo, Log and Trades showed the replayed candles' time (April 2024) and the
Orders tab the wall clock (today), with a date that reads two ways (04/02 or 02/04).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from crypty_desktop.domain.orders import OrderRequest, OrderStatus, OrderType, Side
from crypty_desktop.gui.bot_detail import order_time, when
from crypty_desktop.storage.orders import LoggedOrder

pytestmark = [pytest.mark.gui]

CANDLE = 1_712_023_200_000  # 2024-04-02 02:00 UTC, the demo's replayed time
WALL = 1_796_000_000_000  # when the order was written, on the computer's clock


def logged(cid: str, sent_at_ms: int | None = None) -> LoggedOrder:
    request = OrderRequest("BTCUSDT", Side.BUY, OrderType.LIMIT, Decimal("0.001"), cid, Decimal(1))
    return LoggedOrder(
        1, "b", 1, request, OrderStatus.NEW, None, Decimal(0), Decimal(0), 1, None, WALL, sent_at_ms
    )


def test_an_order_takes_the_exchange_clock_it_was_sent_with_or_its_fill_time() -> None:
    assert order_time(logged("cr-a-1", sent_at_ms=CANDLE), {}) == CANDLE  # a Trader bot
    assert order_time(logged("cr-a-2"), {"cr-a-2": CANDLE + 60_000}) == CANDLE + 60_000  # Ghost
    assert order_time(logged("cr-a-3"), {}) == WALL  # a resting Ghost order: when it was written


def test_times_read_one_way_in_every_language() -> None:
    local = datetime.fromtimestamp(CANDLE / 1000).strftime("%Y-%m-%d %H:%M:%S")
    assert when(CANDLE) == local
    assert when(0) == "—"
