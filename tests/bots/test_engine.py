"""The bot engine with the paper broker, on hand-written candles: fills, fees, risk, restart."""

from __future__ import annotations

import contextlib
from decimal import Decimal as D
from pathlib import Path
from typing import Any, ClassVar

import pytest

from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.bots.engine import BotRunner, BotStopped
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState, BotStatus, Decision, RiskLimits
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.market import Candle, SymbolRules
from crypty_desktop.domain.orders import OrderStatus, OrderType, Side
from crypty_desktop.storage import Store
from crypty_desktop.storage.bots import BotStore
from crypty_desktop.storage.orders import OrderLog
from crypty_desktop.strategies.base import Intent, ParamSpec, Position, Strategy
from tests.platform_rows import store_with_platform

RULES = SymbolRules(
    symbol="BTCUSDT",
    base_asset="BTC",
    quote_asset="USDT",
    tick_size=D("0.01"),
    step_size=D("0.00001"),
    min_qty=D("0.00001"),
    min_notional=D("5"),
)


def candle(i: int, o: str, h: str, low: str, c: str) -> Candle:
    return Candle(
        "BTCUSDT", "1m", i * 60_000, D(o), D(h), D(low), D(c), D("1"), i * 60_000 + 59_999
    )


class Scripted(Strategy):
    """Buys 100 USDT on candle 1 and sells everything on candle 3, whatever the prices."""

    name: ClassVar[str] = "scripted"
    title: ClassVar[str] = "Scripted"
    description: ClassVar[str] = "test"
    params: ClassVar[tuple[ParamSpec, ...]] = ()
    seen: int = 0

    def on_candle(self, candle: Candle, position: Position) -> list[Intent]:
        self.seen += 1
        if self.seen == 1:
            return [Intent(Side.BUY, "scripted buy", quote_amount=D("100"))]
        if self.seen == 3 and position.base > 0:
            return [Intent(Side.SELL, "scripted sell", base_qty=position.base)]
        return []

    def state(self) -> dict[str, Any]:
        return {"seen": self.seen}

    def restore(self, state: dict[str, Any]) -> None:  # type: ignore[override]
        self.seen = int(state["seen"])


def spec(**risk: D) -> BotSpec:
    return BotSpec(
        id="b1",
        name="btc1",
        kind=BotKind.GHOST,
        platform_id=1,
        symbol="BTCUSDT",
        interval="1m",
        strategy="scripted",
        budget=D("1000"),
        risk=RiskLimits(**risk),
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return store_with_platform(tmp_path / "db.sqlite3")


def runner(store: Store, s: BotSpec | None = None) -> tuple[BotRunner, list[object]]:
    s = s or spec()
    bots = BotStore(store)
    with contextlib.suppress(ValidationError):  # created by an earlier runner in the test
        bots.create(s)
    events: list[object] = []
    broker = PaperBroker(s.id, 1, RULES, s.budget, OrderLog(store))
    r = BotRunner(s, Scripted.create(), broker, bots, events.append)
    r.start()
    return r, events


def test_market_buy_fills_at_next_open_with_fee_in_base(store: Store) -> None:
    r, events = runner(store)
    r.step(candle(1, "100", "101", "99", "100"))  # decide: buy 100 USDT → 1.00000 BTC at ref 100
    assert r.broker.wallet.quote == D("900") and r.broker.wallet.locked_quote == D("100")
    r.step(candle(2, "80", "81", "79", "80"))  # fills at the open: 80 × 1 = 80 USDT
    wallet = r.broker.wallet
    # 1 BTC bought at 80, fee 0.1 % in BTC: 0.001 BTC; 920 USDT left.
    assert (wallet.quote, wallet.base, wallet.locked_quote) == (D("920"), D("0.999"), D("0"))
    assert wallet.avg_entry == D("80") / D("0.999")
    status = [e for e in events if isinstance(e, BotStatus)][-1]
    assert status.equity == D("920") + D("0.999") * D("80")
    assert status.pnl == D("-0.080") and status.state is BotState.RUNNING
    orders = OrderLog(store).orders("b1")
    assert [(o.status, o.request.quantity, o.request.type) for o in orders] == [
        (OrderStatus.FILLED, D("1.00000"), OrderType.MARKET)
    ]
    [fill] = OrderLog(store).fills(1, [orders[0].request.client_order_id])
    assert (fill.price, fill.quantity, fill.fee, fill.fee_asset) == (
        D("80"),
        D("1"),
        D("0.001"),
        "BTC",
    )


def test_round_trip_pnl_is_net_of_both_fees(store: Store) -> None:
    r, _ = runner(store)
    r.step(candle(1, "100", "100", "100", "100"))  # buy 1 BTC at next open
    r.step(candle(2, "100", "100", "100", "100"))  # filled: 0.999 BTC for 100 USDT
    r.step(candle(3, "110", "110", "110", "110"))  # decide: sell 0.999 BTC
    r.step(candle(4, "110", "110", "110", "110"))  # filled at 110: 109.89 − 0.10989 fee
    wallet = r.broker.wallet
    assert wallet.base == 0
    assert wallet.quote == D("900") + D("109.89") - D("0.10989")
    assert wallet.realised == D("109.89") - D("0.10989") - D("100")


def test_repeated_and_old_candles_are_ignored(store: Store) -> None:
    r, _ = runner(store)
    r.step(candle(1, "100", "101", "99", "100"))
    r.step(candle(1, "100", "101", "99", "100"))
    r.step(candle(0, "100", "101", "99", "100"))
    assert len(OrderLog(store).orders("b1")) == 1


def test_restart_resumes_wallet_strategy_and_open_orders(store: Store) -> None:
    r, _ = runner(store)
    r.step(candle(1, "100", "101", "99", "100"))  # market buy pending at the "crash"
    del r
    r2, _ = runner(store)
    assert r2.broker.wallet.locked_quote == D("100") and len(r2.broker.open) == 1
    assert isinstance(r2.strategy, Scripted) and r2.strategy.seen == 1
    r2.step(candle(2, "80", "81", "79", "80"))
    assert r2.broker.wallet.base == D("0.999")
    r3, _ = runner(store)  # a second restart rebuilds the wallet from the recorded fill
    assert (r3.broker.wallet.quote, r3.broker.wallet.base) == (D("920"), D("0.999"))
    assert len(OrderLog(store).orders("b1")) == 1


def test_decisions_and_equity_are_persisted(store: Store) -> None:
    r, events = runner(store)
    r.step(candle(1, "100", "101", "99", "100"))
    r.step(candle(2, "80", "81", "79", "80"))
    bots = BotStore(store)
    actions = [d.action for d in bots.decisions("b1")]
    assert actions == ["buy", "buy"]  # the order, then its fill
    fill_line = bots.decisions("b1")[1].message
    assert fill_line.startswith("Bought 1 BTC at 80 USDT")
    assert [t for t, _ in bots.equity("b1")] == [119_999, 179_999]
    assert bots.last_equity("b1") == bots.equity("b1")[-1][1]
    assert bots.last_equity("no-such-bot") is None
    assert any(isinstance(e, Decision) for e in events)


def test_stop_loss_sells_and_stops_the_bot(store: Store) -> None:
    r, _ = runner(store, spec(stop_loss_pct=D("10")))
    r.step(candle(1, "100", "100", "100", "100"))
    r.step(candle(2, "100", "100", "100", "100"))  # holding 0.999 BTC, entry ≈ 100.1
    with pytest.raises(BotStopped, match="Stop-loss"):
        r.step(candle(3, "95", "95", "89", "89"))  # close 89 ≤ 100.1 × 0.9
    assert r.state is BotState.ERROR
    state, reason, should_run = BotStore(store).state("b1")
    assert state is BotState.ERROR and "Stop-loss" in reason and not should_run
    # The paper sale fills at once at the close: a stopped bot never sees another price, and a
    # backtest sells there too. Nothing is left held or locked.
    wallet = r.broker.wallet
    assert (wallet.base, wallet.locked_base, r.broker.open) == (0, 0, {})
    [sold] = [d.message for d in BotStore(store).decisions("b1") if d.action == "sell"][-1:]
    assert sold.startswith("Sold 0.999 BTC at 89 USDT")


def test_budget_cap_refuses_a_buy_beyond_the_wallet(store: Store) -> None:
    r, _ = runner(store)
    r.broker.wallet.quote = D("3")  # below the 5 USDT minimum order
    r.step(candle(1, "100", "100", "100", "100"))
    [decision] = [d for d in BotStore(store).decisions("b1") if d.action == "refused"]
    assert "minimum" in decision.message
    assert OrderLog(store).orders("b1") == []


class SellsEveryCandle(Scripted):
    """Tries to sell what it thinks it holds on every candle (a grid level's leftover)."""

    name: ClassVar[str] = "sells"

    def on_candle(self, candle: Candle, position: Position) -> list[Intent]:
        return [Intent(Side.SELL, "sell the rest", base_qty=D("0.00004"))]


def test_dust_is_said_once_and_never_sold_in_a_loop(store: Store) -> None:
    """0.00004 BTC at 60,000 is 2.40 USDT: below the 5 USDT minimum, it can never be sold."""
    s = spec()
    bots = BotStore(store)
    bots.create(s)
    events: list[object] = []
    broker = PaperBroker(s.id, 1, RULES, s.budget, OrderLog(store))
    r = BotRunner(s, SellsEveryCandle.create(), broker, bots, events.append)
    r.start()
    broker.wallet.base = D("0.00004")
    for i in range(1, 6):
        r.step(candle(i, "60000", "60000", "60000", "60000"))
    refused = [e for e in events if isinstance(e, Decision) and e.action == "refused"]
    assert len(refused) == 1
    assert "kept as dust" in refused[0].message and "2.40 USDT" in refused[0].message
    assert broker.position().base == 0 and broker.dust() == D("0.00004")
    assert OrderLog(store).orders("b1") == []  # no order was ever attempted
