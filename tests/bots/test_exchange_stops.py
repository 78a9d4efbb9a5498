"""Stops and take-profits kept on Binance: a Trader bot against the loopback fake over real sockets.

Hand-computed figures used below (BTCUSDT: tick 0.01, step 0.00001, fee 0.1 % of what is
received): 100 USDT at 30,000 buys 0.00333 BTC; the fee leaves 0.00332667 BTC, protected as
0.00332 (the step). The average entry is 30,000 × 0.00333 / 0.00332667 = 30,030.03003…; a 5 %
stop-loss is 28,528.52 (rounded down to the tick) with its limit 0.5 % below, 28,385.87; a 10 %
take-profit is 33,033.03, a 3 % one 30,930.93.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import pytest

from crypty_desktop.backtest.engine import run_backtest
from crypty_desktop.bots.brokers import LiveBroker, PaperBroker
from crypty_desktop.bots.engine import BotRunner, BotStopped
from crypty_desktop.bots.orders import ProtectionExecutor
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState, Decision, RiskLimits
from crypty_desktop.domain.errors import InsufficientBalance, ValidationError
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import OrderStatus, OrderType, Side, client_order_id
from crypty_desktop.exchange.binance import BinanceGateway
from crypty_desktop.notifications import NotificationKind, Notifier
from crypty_desktop.storage import Store
from crypty_desktop.storage.bots import BotStore
from crypty_desktop.storage.orders import OrderLog
from crypty_desktop.strategies.base import Intent, ParamSpec, Position, Strategy
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.trading import gateway_for, trading_key
from tests.platform_rows import store_with_platform

D = Decimal
BOT = "stops-bot"
BACKOFF = (0.05, 0.1, 0.2, 0.4)  # float-ok: seconds
OCO_PATH = "/api/v3/orderList/oco"
LIST_PATH = "/api/v3/orderList"
ORDER_PATH = "/api/v3/order"


class Scripted(Strategy):
    """Buys 100 USDT on the candles listed in ``buys``; sells all on ``sell_at`` (1-based)."""

    name: ClassVar[str] = "scripted-stops"
    title: ClassVar[str] = "Scripted"
    description: ClassVar[str] = "test"
    params: ClassVar[tuple[ParamSpec, ...]] = ()
    buys: ClassVar[tuple[int, ...]] = (1,)
    sell_at: ClassVar[int] = 0
    seen: int = 0

    def on_candle(self, candle: Candle, position: Position) -> list[Intent]:
        self.seen += 1
        if self.seen in self.buys:
            return [Intent(Side.BUY, "scripted buy", quote_amount=D("100"))]
        if self.seen == self.sell_at and position.base > 0:
            return [Intent(Side.SELL, "scripted sell", base_qty=position.base)]
        return []

    def state(self) -> dict[str, Any]:
        return {"seen": self.seen}

    def restore(self, state: dict[str, Any]) -> None:  # type: ignore[override]
        self.seen = int(state["seen"])


def scripted(buys: tuple[int, ...] = (1,), sell_at: int = 0) -> Strategy:
    cls = type("Script", (Scripted,), {"buys": buys, "sell_at": sell_at})
    return cls.create()


def spec(kind: BotKind = BotKind.TRADER, **risk: Decimal) -> BotSpec:
    return BotSpec(
        id=BOT,
        name="stops",
        kind=kind,
        platform_id=1,
        symbol="BTCUSDT",
        interval="1m",
        strategy="scripted-stops",
        budget=D("300"),
        risk=RiskLimits(**risk),
    )


def candle(i: int, o: str, h: str = "", low: str = "", c: str = "") -> Candle:
    return Candle(
        "BTCUSDT",
        "1m",
        i * 60_000,
        D(o),
        D(h or o),
        D(low or o),
        D(c or o),
        D(1),
        i * 60_000 + 59_999,
    )


@pytest.fixture
def gateway(fake_binance: FakeBinance) -> Iterator[BinanceGateway]:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "1000")
    fake_binance.set_price("BTCUSDT", "30000")
    gw = gateway_for(fake_binance, timeout=0.5, recv_window_ms=600)
    yield gw
    gw.close()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return store_with_platform(tmp_path / "db.sqlite3")


def live_runner(
    gateway: BinanceGateway, store: Store, s: BotSpec, strategy: Strategy
) -> tuple[BotRunner, list[object]]:
    bots = BotStore(store)
    with contextlib.suppress(ValidationError):
        bots.create(s)
    log = OrderLog(store)
    executor = ProtectionExecutor(gateway, log, 1, backoff=BACKOFF, margin_ms=200)
    rules = gateway.symbol_rules("BTCUSDT")
    broker = LiveBroker(s.id, 1, rules, s.budget, gateway, log, executor)
    events: list[object] = []
    runner = BotRunner(s, strategy, broker, bots, events.append)
    runner.start()
    return runner, events


def drive(fake: FakeBinance, runner: BotRunner, c: Candle) -> None:
    """The market walks the candle's path (open, high, low, close), then the bot sees it."""
    for price in (c.open, c.high, c.low, c.close):
        fake.set_price("BTCUSDT", price)
    runner.step(c)


def legs_on_fake(fake: FakeBinance) -> list[Any]:
    return [o for o in fake.orders("BTCUSDT") if o.type in ("LIMIT_MAKER", "STOP_LOSS_LIMIT")]


def messages(events: list[object], action: str) -> list[str]:
    return [e.message for e in events if isinstance(e, Decision) and e.action == action]


def test_an_oco_list_protects_the_position_after_a_buy_with_rounded_prices(
    gateway: BinanceGateway, fake_binance: FakeBinance, store: Store
) -> None:
    s = spec(stop_loss_pct=D("5"), take_profit_pct=D("10"))
    runner, events = live_runner(gateway, store, s, scripted())
    drive(fake_binance, runner, candle(1, "30000"))
    [posted] = [r for r in fake_binance.requests_to(OCO_PATH) if r.method == "POST"]
    # Sequence 0 was the buy; the list and its legs take the next three ids of the bot.
    assert posted.params["listClientOrderId"] == client_order_id(BOT, 1)
    assert posted.params["aboveClientOrderId"] == client_order_id(BOT, 2)
    assert posted.params["belowClientOrderId"] == client_order_id(BOT, 3)
    assert posted.params["quantity"] == "0.00332"
    assert (posted.params["aboveType"], posted.params["abovePrice"]) == ("LIMIT_MAKER", "33033.03")
    assert posted.params["belowType"] == "STOP_LOSS_LIMIT"
    assert (posted.params["belowStopPrice"], posted.params["belowPrice"]) == (
        "28528.52",
        "28385.87",
    )
    above, below = sorted(legs_on_fake(fake_binance), key=lambda o: o.type)
    assert above.status == below.status == "NEW" and below.working is False
    assert fake_binance.balance("BTC") == (D("0.00000667"), D("0.00332"))
    logged = {o.request.client_order_id: o for o in OrderLog(store).orders(BOT)}
    for cid in (client_order_id(BOT, 2), client_order_id(BOT, 3)):
        assert logged[cid].status is OrderStatus.NEW and logged[cid].stamp is not None
        assert logged[cid].request.list_client_id == client_order_id(BOT, 1)
    [said] = messages(events, "protect")
    assert "Protection on Binance for 0.00332 BTC" in said and "33,033.03" in said
    # The bot's wallet still holds the base (the strategy sees its position).
    assert runner.broker.position().base == D("0.00332")


def test_a_second_buy_replaces_the_list_for_the_whole_position(
    gateway: BinanceGateway, fake_binance: FakeBinance, store: Store
) -> None:
    s = spec(stop_loss_pct=D("5"), take_profit_pct=D("10"))
    runner, _events = live_runner(gateway, store, s, scripted(buys=(1, 2)))
    drive(fake_binance, runner, candle(1, "30000"))
    drive(fake_binance, runner, candle(2, "30000"))
    legs = legs_on_fake(fake_binance)
    assert sorted(o.status for o in legs) == ["CANCELED", "CANCELED", "NEW", "NEW"]
    live = [o for o in legs if o.status == "NEW"]
    # 0.00332667 + 0.00332667 = 0.00665334 held: 0.00665 protected; the entry is unchanged.
    assert {o.orig_qty for o in live} == {D("0.00665")}
    assert {o.price for o in live} == {D("33033.03"), D("28385.87")}
    assert fake_binance.balance("BTC") == (D("0.00000334"), D("0.00665"))
    executing = [
        x for x in fake_binance.state.order_lists.values() if x.list_order_status == "EXECUTING"
    ]
    assert len(executing) == 1


def test_a_strategy_sell_cancels_the_list_first_and_never_sells_twice(
    gateway: BinanceGateway, fake_binance: FakeBinance, store: Store
) -> None:
    s = spec(stop_loss_pct=D("5"), take_profit_pct=D("10"))
    runner, _events = live_runner(gateway, store, s, scripted(sell_at=2))
    drive(fake_binance, runner, candle(1, "30000"))
    fake_binance.clear_requests()
    drive(fake_binance, runner, candle(2, "30100"))
    calls = [(r.method, r.path) for r in fake_binance.requests if r.method in ("POST", "DELETE")]
    assert calls[:2] == [("DELETE", LIST_PATH), ("POST", ORDER_PATH)]
    sells = [o for o in fake_binance.orders("BTCUSDT") if o.side == "SELL" and o.type == "MARKET"]
    assert [(o.orig_qty, o.status) for o in sells] == [(D("0.00332"), "FILLED")]
    assert {o.status for o in legs_on_fake(fake_binance)} == {"CANCELED"}
    assert runner.broker.wallet.base_total == D("0.00000667")  # dust, never below zero
    assert fake_binance.balance("BTC") == (D("0.00000667"), D("0"))


def test_a_stop_that_filled_before_the_cancel_is_recorded_and_the_sell_refused(
    gateway: BinanceGateway, fake_binance: FakeBinance, store: Store
) -> None:
    s = spec(stop_loss_pct=D("5"), take_profit_pct=D("10"))
    runner, _events = live_runner(gateway, store, s, scripted())
    drive(fake_binance, runner, candle(1, "30000"))
    fake_binance.set_price("BTCUSDT", "28000")  # the stop triggers on Binance...
    fake_binance.clear_requests()
    broker = runner.broker
    with pytest.raises(InsufficientBalance):  # ...before the bot's sell: nothing left to sell
        broker.execute(Intent(Side.SELL, "exit", base_qty=D("0.00332")), candle(2, "28000"))
    posted = [r for r in fake_binance.requests_to(ORDER_PATH) if r.method == "POST"]
    assert posted == []
    assert broker.wallet.base_total == D("0.00000667")
    [stop] = [o for o in OrderLog(store).orders(BOT) if o.request.type is OrderType.STOP_LOSS_LIMIT]
    assert stop.status is OrderStatus.FILLED and stop.settled


def stopped_out_while_closed(
    gateway: BinanceGateway, fake_binance: FakeBinance, store: Store
) -> BotSpec:
    """A Trader bot buys and protects its position, the app closes, the market falls through
    the stop (its leg fills on Binance) and further."""
    s = spec(stop_loss_pct=D("5"), take_profit_pct=D("10"))
    runner, _events = live_runner(gateway, store, s, scripted())
    drive(fake_binance, runner, candle(1, "30000"))
    runner.stop(resume_later=True)
    fake_binance.set_price("BTCUSDT", "28400")
    fake_binance.set_price("BTCUSDT", "28000")
    return s


def test_a_stop_triggered_while_the_app_was_closed_is_recorded_on_start(
    gateway: BinanceGateway, fake_binance: FakeBinance, store: Store
) -> None:
    s = stopped_out_while_closed(gateway, fake_binance, store)
    above, below = sorted(legs_on_fake(fake_binance), key=lambda o: o.type)
    assert (above.status, below.status) == ("EXPIRED", "FILLED")
    [trade] = [t for t in fake_binance.trades if t.order_id == below.order_id]
    assert trade.price == D("28528.52")  # triggered at its stop; its limit traded there
    # The app starts again: a new runner, a new broker, the same database.
    again, events = live_runner(gateway, store, s, scripted())
    logged = {o.request.type: o for o in OrderLog(store).orders(BOT)}
    assert logged[OrderType.STOP_LOSS_LIMIT].status is OrderStatus.FILLED
    assert logged[OrderType.STOP_LOSS_LIMIT].settled
    assert logged[OrderType.LIMIT_MAKER].status is OrderStatus.EXPIRED
    # 300 − 99.90 + 0.00332 × 28,528.52 − fee 0.09471469 = 294.71997171 USDT.
    assert again.broker.wallet.quote == D("294.71997171")
    with pytest.raises(BotStopped):
        again.step(candle(2, "28000"))
    assert again.state is BotState.ERROR
    sold = messages(events, "sell")
    assert sold == ["Sold 0.00332 BTC at 28528.52 USDT (fee 0.09471469 USDT)."]
    [risk] = messages(events, "risk")
    assert risk.startswith("Stop-loss: the protective stop sold 0.00332 BTC at 28528.52")
    status = again.status()
    assert status.pnl == D("294.71997171") + D("0.00000667") * D("28000") - D("300")
    notifier = Notifier()
    decision = next(e for e in events if isinstance(e, Decision) and e.action == "sell")
    notice = notifier.on_decision(decision, s)
    assert notice is not None and notice.kind is NotificationKind.FILL
    stopped = notifier.on_status(status, s)
    assert stopped is not None and stopped.kind is NotificationKind.BOT_STOPPED


def test_a_stop_found_on_a_restart_within_the_candle_is_told_at_once(
    gateway: BinanceGateway, fake_binance: FakeBinance, store: Store
) -> None:
    s = stopped_out_while_closed(gateway, fake_binance, store)
    # Back within the same minute: no candle has closed since the one the bot last saw.
    again, events = live_runner(gateway, store, s, scripted())
    assert again.has_untold and messages(events, "sell") == []
    again.tell_untold(candle(1, "30000"))
    assert messages(events, "sell") == ["Sold 0.00332 BTC at 28528.52 USDT (fee 0.09471469 USDT)."]
    [risk] = messages(events, "risk")
    assert risk.startswith("Stop-loss: the protective stop sold 0.00332 BTC at 28528.52")
    assert not again.has_untold
    with pytest.raises(BotStopped):  # the stop stops the bot at its next step, told once
        again.step(candle(2, "28000"))
    assert len(messages(events, "sell")) == 1
    assert again.state is BotState.ERROR


def test_a_stop_settled_by_an_earlier_start_is_still_told_as_the_stop(
    gateway: BinanceGateway, fake_binance: FakeBinance, store: Store
) -> None:
    s = stopped_out_while_closed(gateway, fake_binance, store)
    # A start that records the stop's fill (settling the leg), then quits before telling it.
    quitter, _ = live_runner(gateway, store, s, scripted())
    quitter.stop(resume_later=True)
    again, events = live_runner(gateway, store, s, scripted())
    again.tell_untold(candle(1, "30000"))
    assert messages(events, "sell") == ["Sold 0.00332 BTC at 28528.52 USDT (fee 0.09471469 USDT)."]
    [risk] = messages(events, "risk")
    assert risk.startswith("Stop-loss: the protective stop sold 0.00332 BTC at 28528.52")
    with pytest.raises(BotStopped):
        again.step(candle(2, "28000"))


def test_a_trailing_stop_follows_the_price_up_on_binance_then_sells(
    gateway: BinanceGateway, fake_binance: FakeBinance, store: Store
) -> None:
    s = spec(trailing_stop_pct=D("2"))
    runner, events = live_runner(gateway, store, s, scripted())
    drive(fake_binance, runner, candle(1, "30000"))
    [posted] = [
        r for r in fake_binance.requests_to(ORDER_PATH) if r.params.get("type") == "STOP_LOSS_LIMIT"
    ]
    assert posted.params["trailingDelta"] == "200" and "stopPrice" not in posted.params
    assert posted.params["price"] == "29253"  # 30,000 × 0.98 = 29,400, then 0.5 % below
    drive(fake_binance, runner, candle(2, "31000"))
    drive(fake_binance, runner, candle(3, "32000"))
    drive(fake_binance, runner, candle(4, "32000", "32000", "31500", "31600"))
    [stop] = legs_on_fake(fake_binance)  # the same order all along: Binance trails it
    assert stop.status == "NEW" and stop.peak == D("32000")
    with pytest.raises(BotStopped):
        drive(fake_binance, runner, candle(5, "31600", "31600", "31000", "31000"))
    [trade] = [t for t in fake_binance.trades if t.order_id == stop.order_id]
    assert trade.price == D("31360")  # 2 % below the peak of 32,000
    assert messages(events, "sell") == ["Sold 0.00332 BTC at 31360 USDT (fee 0.1041152 USDT)."]
    assert len(legs_on_fake(fake_binance)) == 1


def test_a_symbol_without_trailing_stops_keeps_the_trailing_stop_in_the_app(
    gateway: BinanceGateway, fake_binance: FakeBinance, store: Store
) -> None:
    with fake_binance.state.lock:
        for item in fake_binance.state.exchange_info["symbols"]:
            item["allowTrailingStop"] = False
    s = spec(trailing_stop_pct=D("2"))
    runner, events = live_runner(gateway, store, s, scripted())
    drive(fake_binance, runner, candle(1, "30000"))
    assert legs_on_fake(fake_binance) == []
    [said] = messages(events, "protect")
    assert "offers no trailing stop on BTCUSDT" in said
    drive(fake_binance, runner, candle(2, "32000"))
    with pytest.raises(BotStopped):  # 31,300 ≤ 32,000 × 0.98 at the close: the app sells
        drive(fake_binance, runner, candle(3, "31300"))
    assert messages(events, "risk")[0].startswith("Trailing stop: the price 31,300")


def test_order_count_limits_keep_the_take_profit_in_the_app_and_say_so(
    gateway: BinanceGateway, fake_binance: FakeBinance, store: Store
) -> None:
    with fake_binance.state.lock:
        for item in fake_binance.state.exchange_info["symbols"]:
            for f in item["filters"]:
                if f["filterType"] == "MAX_NUM_ORDERS":
                    f["maxNumOrders"] = 1
    s = spec(stop_loss_pct=D("5"), take_profit_pct=D("10"))
    runner, events = live_runner(gateway, store, s, scripted())
    drive(fake_binance, runner, candle(1, "30000"))
    assert fake_binance.requests_to(OCO_PATH) == []
    [stop] = legs_on_fake(fake_binance)  # a lone stop: one order fits
    assert stop.type == "STOP_LOSS_LIMIT" and stop.stop_price == D("28528.52")
    [said] = messages(events, "protect")
    assert "at most 1 open orders" in said and "the take-profit works in the app" in said


PARITY = [
    # A trailing stop of 2 %: the peak 31,000 (candle 3's high) → 30,380 on candle 4's way down.
    (
        {"trailing_stop_pct": D("2")},
        [
            candle(0, "30000"),
            candle(1, "30000"),
            candle(2, "30000", "30600", "30100", "30500"),
            candle(3, "30500", "31000", "30400", "30900"),
            candle(4, "30900", "30950", "29500", "29800"),
        ],
        D("30380"),
    ),
    # A 3 % take-profit (30,930.93) reached by candle 3's high, with a 5 % stop-loss under it.
    (
        {"take_profit_pct": D("3"), "stop_loss_pct": D("5")},
        [
            candle(0, "30000"),
            candle(1, "30000"),
            candle(2, "30000", "30600", "30100", "30500"),
            candle(3, "30500", "31000", "30400", "30900"),
        ],
        D("30930.93"),
    ),
    # A 5 % stop-loss (28,528.52) reached by candle 3's low, with a 10 % take-profit above it.
    (
        {"stop_loss_pct": D("5"), "take_profit_pct": D("10")},
        [
            candle(0, "30000"),
            candle(1, "30000"),
            candle(2, "30000", "30100", "29000", "29500"),
            candle(3, "29500", "29600", "28000", "28200"),
        ],
        D("28528.52"),
    ),
]


@pytest.mark.parametrize(("risk", "candles", "exit_price"), PARITY)
def test_paper_backtest_and_binance_exit_at_the_same_price(
    gateway: BinanceGateway,
    fake_binance: FakeBinance,
    store: Store,
    tmp_path: Path,
    risk: dict[str, Decimal],
    candles: list[Candle],
    exit_price: Decimal,
) -> None:
    rules = gateway.symbol_rules("BTCUSDT")
    tick = rules.tick_size
    # Against the fake: the bot buys at candle 0's close and Binance keeps its legs.
    runner, _ = live_runner(gateway, store, spec(**risk), scripted())
    with contextlib.suppress(BotStopped):
        for c in candles:
            drive(fake_binance, runner, c)
    live_exit = [f.price for f in runner.broker.fills if f.side is Side.SELL]
    # A Ghost bot: the paper broker simulates the same legs.
    paper_store = store_with_platform(tmp_path / "paper.sqlite3")
    ghost = spec(BotKind.GHOST, **risk)
    BotStore(paper_store).create(ghost)
    broker = PaperBroker(ghost.id, 1, rules, ghost.budget, OrderLog(paper_store))
    paper = BotRunner(ghost, scripted(), broker, BotStore(paper_store))
    paper.start()
    with contextlib.suppress(BotStopped):
        for c in candles:
            paper.step(c)
    paper_exit = [f.price for f in broker.fills if f.side is Side.SELL]
    # A backtest over the same candles.
    result = run_backtest(scripted(), rules, candles, D("300"), risk=RiskLimits(**risk))
    backtest_exit = [f.price for f in result.fills if f.side is Side.SELL]
    assert len(live_exit) == len(paper_exit) == len(backtest_exit) == 1
    for price in (live_exit[0], paper_exit[0], backtest_exit[0]):
        assert abs(price - exit_price) <= tick
