"""A bot's report: the figures and metrics a backtest gets, rebuilt from the bot's own fills and
stored candles. A Ghost bot on the demo trades exactly as its backtest (the parity test), so its
report must be that backtest's report; its last figure is the bot's own P&L."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.app import Core
from crypty_desktop.backtest.engine import BacktestResult, run_backtest
from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.domain.market import INTERVAL_MS, Candle, SymbolRules
from crypty_desktop.domain.orders import Fill, Side
from crypty_desktop.reports.bot_metrics import ReportCancelled, bot_report, rebuilt_report
from crypty_desktop.reports.parity_run import window_candles
from crypty_desktop.reports.pnl import stored_pnl
from crypty_desktop.strategies.registry import create_strategy
from tests.reports.test_parity import cli, ghost, run_ghost

D = Decimal


def backtest_of_the_window(core: Core, name: str) -> BacktestResult:
    """The backtest the parity report replays: warmed on the same candles, the same window."""
    spec = core.bots.find(name)
    runtime = core.bot_store.runtime(spec.id)
    first, warm = (int(x) for x in runtime["warmed"])
    last = int(runtime["last_candle"])
    step = INTERVAL_MS[spec.interval]
    platform = core.bots.platform_of(spec)
    candles = window_candles(core, platform, spec, first - warm * step, last)
    rules = core.history_gateway(platform).symbol_rules(spec.symbol)
    strategy = create_strategy(spec.strategy, spec.params)
    warming = PaperBroker(spec.id, 0, rules, spec.budget)
    for candle in (c for c in candles if c.open_time < first):
        warming.mark(candle.close)
        strategy.on_candle(candle, warming.position())
    window = [c for c in candles if c.open_time >= first]
    return run_backtest(strategy, rules, window, spec.budget, risk=spec.risk)


def test_a_ghost_bots_report_is_its_backtests(core: Core) -> None:
    spec = ghost(core)
    run_ghost(core, spec, trades=8)
    report = bot_report(core, spec)
    backtest = backtest_of_the_window(core, "ghost")
    assert report.summary is not None and backtest.summary is not None
    mine, theirs = report.summary.as_json(), backtest.summary.as_json()
    assert {**mine, "seconds": 0} == {**theirs, "seconds": 0}
    assert report.summary.trades >= 8 and report.summary.round_trips >= 3
    assert report.equity == backtest.equity
    assert report.metrics is not None and backtest.metrics is not None
    for ratio in ("sharpe", "sortino", "calmar"):  # float statistics of the same equity
        assert getattr(report.metrics, ratio) == pytest.approx(getattr(backtest.metrics, ratio))
    rest = ("profit_factor", "expectancy", "round_trips", "longest_drawdown_ms", "monthly")
    for name in rest:
        assert getattr(report.metrics, name) == getattr(backtest.metrics, name), name
    assert report.equity[-1][1] - report.summary.net_pnl == spec.budget
    price = core.bot_store.last_point(spec.id)
    assert price is not None
    pnl = stored_pnl(core.bot_store, core.order_log, spec, price=price[2])
    assert pnl is not None and pnl.pnl == report.summary.net_pnl


RULES = SymbolRules("BTCUSDT", "BTC", "USDT", step_size=D("0.00001"), min_qty=D("0.00001"))


def minute(i: int, close: str) -> Candle:
    c = D(close)
    return Candle("BTCUSDT", "1m", i * 60_000, c, c, c, c, D(1), i * 60_000 + 59_999)


def fill(
    side: Side, at: int, price: str, qty: str, fee: str, asset: str, fee_quote: str | None = None
) -> Fill:
    valued = D(fee_quote) if fee_quote is not None else None
    return Fill("BTCUSDT", side, D(price), D(qty), D(fee), asset, at, f"o{at}", fee_quote=valued)


def test_fills_count_from_their_candle_and_bnb_fees_are_costs() -> None:
    candles = [minute(i, p) for i, p in enumerate(["100", "100", "110", "99", "120"])]
    fills = [
        fill(Side.BUY, 60_000 + 5, "100", "1", "0.001", "BTC"),  # in candle 1
        fill(Side.SELL, 3 * 60_000 + 7, "99", "0.999", "0.5", "BNB", fee_quote="0.1"),
    ]
    report = rebuilt_report(D(1000), RULES, candles, fills)
    values = [v for _, v in report.equity]
    # 900 cash + 0.999 BTC from candle 1; sold at 99 in candle 3 (fee 0.1 USDT paid in BNB).
    assert values == [D(1000), D("999.900"), D("1009.890"), D("998.801"), D("998.801")]
    assert report.summary is not None
    assert report.summary.net_pnl == D("-1.199")
    assert report.summary.fees == D("0.1") + D("0.001") * 100
    assert report.summary.round_trips == 1 and report.summary.trades == 2
    assert report.summary.max_drawdown_pct == (D("1009.890") - D("998.801")) * 100 / D("1009.890")
    assert report.metrics is not None and report.metrics.round_trips == 1
    with pytest.raises(ReportCancelled):
        rebuilt_report(D(1000), RULES, candles, fills, should_continue=lambda: False)


def test_bot_metrics_on_the_command_line_in_words_json_and_files(
    core: Core, tmp_path: Path
) -> None:
    spec = ghost(core)
    run_ghost(core, spec, trades=4)
    csv_path, html_path = tmp_path / "r.csv", tmp_path / "r.html"
    code, out, err = cli(core, "bot", "metrics", "ghost", "--json", "--csv", str(csv_path),
                         "--html", str(html_path))  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    report = bot_report(core, spec)
    assert report.summary is not None and report.metrics is not None
    assert data["bot"] == "ghost" and "seconds" not in data["summary"]
    assert data["summary"]["net_pnl"] == report.summary.as_json()["net_pnl"]
    assert data["metrics"] == report.metrics.as_json()
    assert data["covered"]["from"] < data["covered"]["to"]
    assert csv_path.read_text().startswith("metric,value\n")
    assert "<h1>ghost: sma_cross on BTCUSDT 1m</h1>" in html_path.read_text()

    code, out, err = cli(core, "bot", "metrics", "ghost")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("ghost: sma_cross on BTCUSDT 1m: ")
    assert any(line.split() == ["Net", "P&L", data["summary"]["net_pnl"]] for line in lines)
    assert any(line.strip().startswith("sharpe") for line in lines)
    assert not any("Seconds" in line for line in lines)


def test_bot_metrics_refuses_a_bad_name_a_bot_that_never_ran_and_a_missing_folder(
    core: Core, tmp_path: Path
) -> None:
    ghost(core)
    code, out, err = cli(core, "bot", "metrics", "nobody")
    assert code != 0 and out == "" and "nobody" in err
    code, out, err = cli(core, "bot", "metrics", "ghost", "--json")
    assert code != 0 and out == "" and "has not traded on any candle yet" in err
    run_ghost(core, core.bots.find("ghost"), trades=2)
    missing = tmp_path / "nowhere" / "r.csv"
    code, out, err = cli(core, "bot", "metrics", "ghost", "--csv", str(missing))
    assert code != 0 and out == "" and "No folder" in err and not missing.exists()
