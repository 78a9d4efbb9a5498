"""Stop asks what to do with a bot's open orders (in the window, on the offline demo), and the
Orders tab cancels one open order: through the running bot's thread, or in a background job for a
stopped bot. The bot's log says what was done; the detail shows free and locked apart."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState
from crypty_desktop.domain.orders import OrderStatus
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.number_format import amount
from crypty_desktop.gui.qt import Qt
from tests.gui.bot_helpers import WAIT_MS, answer_next_box, demo_window, entry, wait_state

__all__ = ["demo_window"]
pytestmark = [pytest.mark.gui]


def grid_bot(core: Core, name: str, kind: BotKind) -> BotSpec:
    """A grid around the demo's price: buys rest at 70 %, 80 % and 90 % of it (20 USDT each)."""
    platform = next(p for p in core.platforms.list() if p.name == "Demo")
    price = core.gateway_for(platform).ticker_price("BTCUSDT")
    return core.bots.create(
        name=name,
        platform_name="Demo",
        kind=kind,
        symbol="BTCUSDT",
        strategy="grid",
        params={
            "lower": f"{(price * Decimal('0.7')).quantize(Decimal(1))}",
            "upper": f"{(price * Decimal('1.3')).quantize(Decimal(1))}",
            "levels": "7",
            "quote_per_level": "20",
        },
        budget="200",
    )


def start_with_orders(qtbot: QtBot, window: MainWindow, spec: BotSpec) -> None:
    bots = window.bots.list
    bots.reload()
    qtbot.waitUntil(lambda: bots.model.find(spec.id) is not None, timeout=WAIT_MS)
    bots.select_bot(spec.id)
    assert bots.start_bot(spec.id, confirmed=True)
    wait_state(qtbot, window, spec, BotState.RUNNING)

    def has_orders() -> bool:
        status = entry(window, spec).status
        return status is not None and status.open_orders >= 3

    qtbot.waitUntil(has_orders, timeout=WAIT_MS)


def open_on_exchange(core: Core, spec: BotSpec) -> list[str]:
    gateway = core.gateway_for(core.bots.platform_of(spec))
    mine = {o.request.client_order_id for o in core.order_log.orders(spec.id)}
    return [o.client_order_id for o in gateway.open_orders("BTCUSDT") if o.client_order_id in mine]


def locked(core: Core, spec: BotSpec) -> str:
    """What the bot's open buy orders lock, as the window shows it (``59.85 USDT``)."""
    orders = [o.request for o in core.order_log.orders(spec.id) if o.status.is_open]
    return amount(sum((r.quantity * (r.price or 0) for r in orders), Decimal(0)), unit="USDT")


def log_of(core: Core, spec: BotSpec) -> list[str]:
    return [d.message for d in core.bot_store.decisions(spec.id)]


def test_stop_asks_and_cancel_leaves_no_order_open(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    window = demo_window
    spec = grid_bot(core, "trader grid", BotKind.TRADER)
    start_with_orders(qtbot, window, spec)
    count = entry(window, spec).status.open_orders  # type: ignore[union-attr]
    assert len(open_on_exchange(core, spec)) == count
    was_locked = locked(core, spec)
    asked = answer_next_box("Cancel orders")
    with qtbot.wait_signal(window.bots.supervisor.sig_stopped, timeout=WAIT_MS):
        qtbot.mouseClick(window.bots.list.stop_button, Qt.MouseButton.LeftButton)
    assert asked[0] == "<b>“trader grid” leaves:</b>"
    assert asked[1].startswith(f"{count} orders, {was_locked} locked (Trader on Demo)")
    buttons = ["Keep orders", "Cancel orders", "Cancel orders and sell", "Don't stop"]
    assert sorted(asked[2:]) == sorted(buttons)
    assert open_on_exchange(core, spec) == []
    assert all(not o.status.is_open for o in core.order_log.orders(spec.id))
    assert log_of(core, spec)[-1] == (
        f"Stopped; {count} open order{'' if count == 1 else 's'} cancelled."
    )
    assert core.bot_store.state(spec.id)[0] is BotState.STOPPED


def test_dont_stop_leaves_the_bot_running(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    window = demo_window
    spec = grid_bot(core, "ghost grid", BotKind.GHOST)
    start_with_orders(qtbot, window, spec)
    asked = answer_next_box("Don't stop")
    assert not window.bots.list.stop_bot(spec.id)
    assert "Keep: the paper orders wait; they fill only while the bot runs." in asked[1]
    assert window.bots.supervisor.is_running(spec.id)
    assert entry(window, spec).state is BotState.RUNNING


def test_stop_all_asks_once_and_keep_says_so_in_each_log(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    window = demo_window
    one = grid_bot(core, "grid one", BotKind.GHOST)
    two = grid_bot(core, "grid two", BotKind.TRADER)
    start_with_orders(qtbot, window, one)
    start_with_orders(qtbot, window, two)
    locked_one, locked_two = locked(core, one), locked(core, two)
    asked = answer_next_box("Keep orders")
    assert window.bots.list.stop_all() == 2
    qtbot.waitUntil(lambda: window.bots.supervisor.running() == [], timeout=WAIT_MS)
    assert asked[0] == "<b>2 bots have open orders or holdings.</b>"
    assert f"• grid one (Ghost, paper): 3 orders, {locked_one} locked" in asked[1]
    assert f"• grid two (Trader on Demo): 3 orders, {locked_two} locked" in asked[1]
    assert log_of(core, one)[-1] == (
        f"Stopped; paper orders kept: 3 ({locked_one} locked). They fill only while the bot runs."
    )
    assert log_of(core, two)[-1] == f"Stopped; open orders kept on Demo: 3 ({locked_two} locked)."
    assert len(open_on_exchange(core, two)) == 3


def select_open_order(qtbot: QtBot, window: MainWindow, spec: BotSpec) -> str:
    detail = window.bots.list.detail
    detail.tabs.setCurrentWidget(detail.orders_page)
    qtbot.waitUntil(lambda: detail.open_count.text() != "", timeout=WAIT_MS)
    detail.open_only.setChecked(True)
    qtbot.waitUntil(lambda: detail.orders_table.rowCount() >= 1, timeout=WAIT_MS)
    detail.orders_table.selectRow(0)
    order = detail.selected_order()
    assert order is not None and order.status.is_open
    assert detail.cancel_button.isEnabled()
    return order.request.client_order_id


def test_orders_tab_cancels_an_open_order_of_a_stopped_bot_in_a_job(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    window = demo_window
    bots = window.bots.list
    spec = grid_bot(core, "stopped grid", BotKind.TRADER)
    start_with_orders(qtbot, window, spec)
    answer_next_box("Keep orders")
    with qtbot.wait_signal(window.bots.supervisor.sig_stopped, timeout=WAIT_MS):
        bots.stop_bot(spec.id)
    qtbot.waitUntil(lambda: bots.load_job is None, timeout=WAIT_MS)
    bots.select_bot(spec.id)
    detail = bots.detail
    before = locked(core, spec)
    qtbot.waitUntil(lambda: f"Locked {before}" in detail.balances.text(), timeout=WAIT_MS)
    assert "in 3 open orders" in detail.balances.text()
    cid = select_open_order(qtbot, window, spec)
    asked = answer_next_box("Cancel the order")
    qtbot.mouseClick(detail.cancel_button, Qt.MouseButton.LeftButton)
    assert asked[0].startswith("Cancel the order to buy ")
    assert bots.cancel_job is not None  # the exchange is asked in a job, not on this thread
    qtbot.waitUntil(lambda: bots.cancel_job is None, timeout=WAIT_MS)
    assert core.order_log.get(spec.platform_id, cid).status is OrderStatus.CANCELED
    assert cid not in open_on_exchange(core, spec)
    assert log_of(core, spec)[-1].endswith(": cancelled by you")
    after = locked(core, spec)
    assert after != before
    qtbot.waitUntil(lambda: f"Locked {after}" in detail.balances.text(), timeout=WAIT_MS)
    assert "in 2 open orders" in detail.balances.text()


def test_orders_tab_cancel_of_a_running_bot_goes_through_its_thread(
    qtbot: QtBot, demo_window: MainWindow, core: Core
) -> None:
    window = demo_window
    spec = grid_bot(core, "running grid", BotKind.GHOST)
    start_with_orders(qtbot, window, spec)
    cid = select_open_order(qtbot, window, spec)
    answer_next_box("Cancel the order")
    qtbot.mouseClick(window.bots.list.detail.cancel_button, Qt.MouseButton.LeftButton)
    assert window.bots.list.cancel_job is None  # no job: the bot's own thread does it
    qtbot.waitUntil(
        lambda: core.order_log.get(spec.platform_id, cid).status is OrderStatus.CANCELED,
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(
        lambda: any(m.endswith(": cancelled by you") for m in log_of(core, spec)), timeout=WAIT_MS
    )
