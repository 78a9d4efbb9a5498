"""Backtests on hand-written candles: fills, P&L, drawdown, no look-ahead, same as a bot."""

from __future__ import annotations

from decimal import Decimal as D
from typing import ClassVar

import pytest

from crypty_desktop.backtest.engine import BacktestCancelled, run_backtest
from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.bots.engine import BotRunner
from crypty_desktop.domain.bots import BotKind, BotSpec
from crypty_desktop.domain.market import Candle, SymbolRules
from crypty_desktop.domain.orders import Side
from crypty_desktop.strategies.base import Intent, ParamSpec, Position, Strategy

RULES = SymbolRules(
    symbol="BTCUSDT",
    base_asset="BTC",
    quote_asset="USDT",
    tick_size=D("0.01"),
    step_size=D("0.001"),
    min_qty=D("0.001"),
    min_notional=D("5"),
)


def candles(*closes: str) -> list[Candle]:
    """Candle i opens at the previous close and closes at closes[i]."""
    out = []
    prev = D(closes[0])
    for i, text in enumerate(closes):
        c = D(text)
        out.append(
            Candle(
                "BTCUSDT",
                "1h",
                i * 3_600_000,
                prev,
                max(prev, c),
                min(prev, c),
                c,
                D(1),
                i * 3_600_000 + 3_599_999,
            )
        )
        prev = c
    return out


class Momentum(Strategy):
    """Buy 100 USDT after a close 5 % above the previous one; sell all after a 5 % drop."""

    name: ClassVar[str] = "momentum"
    title: ClassVar[str] = "Momentum"
    description: ClassVar[str] = "test"
    params: ClassVar[tuple[ParamSpec, ...]] = ()
    last: D | None = None

    def on_candle(self, candle: Candle, position: Position) -> list[Intent]:
        last, self.last = self.last, candle.close
        if last is None:
            return []
        if candle.close >= last * D("1.05") and position.base == 0:
            return [Intent(Side.BUY, f"up 5% at {candle.close}", quote_amount=D("100"))]
        if candle.close <= last * D("0.95") and position.base > 0:
            return [Intent(Side.SELL, f"down 5% at {candle.close}", base_qty=position.base)]
        return []


def test_hand_computed_round_trip() -> None:
    # t0 100; t1 106 (+6 %): buy 100 USDT → 0.943 BTC (step 0.001), filled at t2 open 106.
    # t2 110; t3 104 (−5.45 %): sell all, fills at t4 open 104.
    result = run_backtest(
        Momentum.create(), RULES, candles("100", "106", "110", "104", "104"), D("1000")
    )
    buy, sell = result.fills
    assert (buy.side, buy.price, buy.quantity, buy.fee) == (
        Side.BUY,
        D("106"),
        D("0.943"),
        D("0.000943"),
    )
    assert buy.time == 2 * 3_600_000  # t2's open: no look-ahead
    # 0.943 − 0.000943 fee = 0.942057 BTC held; the sell rounds down to the 0.001 step: 0.942.
    held = D("0.942")
    assert (sell.side, sell.price, sell.quantity) == (Side.SELL, D("104"), held)
    assert sell.fee == held * D("104") * D("0.001")
    summary = result.summary
    assert summary is not None
    dust = D("0.000057")  # valued at the last close
    expected_final = D("1000") - D("106") * D("0.943") + held * D("104") - sell.fee + dust * 104
    assert summary.net_pnl == expected_final - D("1000")
    assert summary.trades == 2 and summary.round_trips == 1 and summary.win_rate_pct == 0
    assert summary.fees == D("0.000943") * D("106") + sell.fee
    assert summary.exposure_pct == D(2) / D(5) * 100  # t2 and t3 (the dust left is not exposure)
    assert summary.buy_and_hold_pct == (D("104") * D("0.999") - D("100")) / D("100") * 100
    assert [t for t, _ in result.equity] == [c.close_time for c in candles(*"12345")]


def test_max_drawdown_from_the_equity_curve() -> None:
    result = run_backtest(
        Momentum.create(), RULES, candles("100", "106", "110", "104", "104"), D("1000")
    )
    values = [v for _, v in result.equity]
    peak = max(values[:3])
    assert result.summary is not None
    assert result.summary.max_drawdown_pct == (peak - min(values[2:])) * 100 / peak


def test_no_look_ahead_changing_the_future_changes_no_past_decision() -> None:
    base = candles("100", "106", "110", "104", "104", "120", "90")
    changed = base[:3] + candles("1", "1", "500", "1", "2")[:4]
    a = run_backtest(Momentum.create(), RULES, base, D("1000"))
    b = run_backtest(Momentum.create(), RULES, changed, D("1000"))
    cutoff = base[2].close_time
    assert [f for f in a.fills if f.time <= cutoff] == [f for f in b.fills if f.time <= cutoff]
    assert a.equity[:3] == b.equity[:3]


def test_fills_identical_to_the_bot_engine_path() -> None:
    series = candles(*[str(100 + (i * 37) % 23 - 11) for i in range(300)])
    fast = run_backtest(Momentum.create(), RULES, series, D("1000"))
    spec = BotSpec("ref", "ref", BotKind.GHOST, 0, "BTCUSDT", "1h", "momentum", budget=D("1000"))
    broker = PaperBroker("backtest", 0, RULES, D("1000"), None)
    runner = BotRunner(spec, Momentum.create(), broker)
    for candle in series:
        runner.step(candle)
    assert fast.fills == broker.fills and len(fast.fills) > 10


def test_cancel_and_progress() -> None:
    series = candles(*["100"] * 50)
    seen: list[tuple[int, int]] = []
    run_backtest(
        Momentum.create(),
        RULES,
        series,
        D("1000"),
        progress=lambda d, t: seen.append((d, t)),
        progress_every=20,
    )
    assert seen == [(20, 50), (40, 50), (50, 50)]
    with pytest.raises(BacktestCancelled):
        run_backtest(
            Momentum.create(),
            RULES,
            series,
            D("1000"),
            should_continue=lambda: False,
            progress_every=20,
        )


def test_coverage_note_says_when_the_candles_cover_less_than_asked() -> None:
    from crypty_desktop.backtest.engine import DAY_MS, coverage_note

    start = 1_685_577_600_000  # 2023-06-01 00:00 UTC
    year_end = start + 365 * DAY_MS - 1
    covered = (start + 301 * DAY_MS, start + 305 * DAY_MS)  # 2024-03-28 → 2024-04-01
    assert coverage_note(start, year_end, covered) == (
        "Data covers only 4 days (2024-03-28 → 2024-04-01) of the year asked."
    )
    assert coverage_note(start, start + 30 * DAY_MS, (start, start + 10 * DAY_MS)) == (
        "Data covers only 10 days (2023-06-01 → 2023-06-11) of the 30 days asked."
    )
    assert coverage_note(start, start + 30 * DAY_MS, (start, start + 30 * DAY_MS - 3_600_000)) == ""
    # An end in the future counts only up to now; no candles, nothing to say.
    assert coverage_note(start, start + 30 * DAY_MS, (start, start + DAY_MS), start + DAY_MS) == ""
    assert coverage_note(start, year_end, None) == ""


def test_a_stop_loss_that_stops_the_bot_sells_at_that_close_as_a_ghost_bot_does() -> None:
    from crypty_desktop.domain.bots import RiskLimits

    # Bought at t2's open (106); t3 closes at 95, below 106 × 0.9: the stop sells there, at once,
    # and nothing after it trades (the bot is stopped), as a Ghost bot's paper sale does.
    series = candles("100", "106", "110", "95", "120", "80")
    result = run_backtest(
        Momentum.create(), RULES, series, D("1000"), risk=RiskLimits(stop_loss_pct=D("10"))
    )
    buy, sell = result.fills
    assert (buy.price, sell.side, sell.price, sell.time) == (
        D("106"),
        Side.SELL,
        D("95"),
        series[3].close_time,
    )
    assert result.reasons[sell.client_order_id].startswith("Stop-loss")
