"""Backtest metrics computed by hand, and the reports the CLI writes (JSON, CSV, HTML)."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import UTC, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest

from crypty_desktop.backtest.metrics import MonthReturn, compute_metrics, trip_gains
from crypty_desktop.cli import main
from crypty_desktop.domain.orders import Fill, Side
from crypty_desktop.resources import resource_path

DAY = 86_400_000


def fill(side: Side, price: str, qty: str, fee: str, asset: str) -> Fill:
    return Fill("BTCUSDT", side, D(price), D(qty), D(fee), asset, 0, "c", 1)


def test_round_trip_gains_on_the_average_cost_with_fees() -> None:
    fills = [
        fill(Side.BUY, "100", "1", "0.001", "BTC"),  # holds 0.999 for 100 USDT
        fill(Side.SELL, "110", "0.999", "0.10989", "USDT"),
        fill(Side.BUY, "50", "2", "0.002", "BTC"),
        fill(Side.SELL, "40", "0.999", "0.03996", "USDT"),  # half of 1.998 held
    ]
    assert trip_gains(fills, "BTC", "USDT") == [
        D("109.89") - D("0.10989") - D("100"),
        D("39.96") - D("0.03996") - D("50"),
    ]


def test_ratios_drawdown_length_and_profit_factor_by_hand() -> None:
    times = [i * DAY for i in range(1, 5)]
    values = [D("110"), D("99"), D("108.9"), D("111")]  # returns +10 %, -10 %, +10 %, +1.93 %
    gains = [D(10), D(-5), D(20), D(-5)]
    m = compute_metrics(times[:3], values[:3], D(100), DAY, gains, D(10))
    # mean 1/30; sample variance ((1/15)² · 2 + (2/15)²) / 2 = 1/75; downside mean 0.01 / 3.
    assert m.sharpe == pytest.approx((1 / 30) / math.sqrt(1 / 75) * math.sqrt(365))
    assert m.sortino == pytest.approx((1 / 30) / math.sqrt(1 / 300) * math.sqrt(365))
    assert m.calmar == pytest.approx((1.089 ** (365 / 3) - 1) / 0.10)
    assert m.profit_factor == D(3) and m.expectancy == D(5) and m.round_trips == 4
    longest = compute_metrics(times, values, D(100), DAY, [], D(10))
    assert (longest.longest_drawdown_candles, longest.longest_drawdown_ms) == (3, 3 * DAY)
    assert longest.profit_factor is None and longest.expectancy is None
    never_back = compute_metrics(times[:3], values[:3], D(100), DAY, [D(1)], D(10))
    assert never_back.longest_drawdown_candles == 2  # still below the peak at the end
    assert never_back.profit_factor is None  # no loss: no factor, never infinity
    flat = compute_metrics(times, [D(100)] * 4, D(100), DAY, [], D(0))
    assert (flat.sharpe, flat.sortino, flat.calmar) == (None, None, None)


def test_monthly_returns_chain_month_ends() -> None:
    def ms(y: int, m: int, d: int) -> int:
        return int(datetime(y, m, d, 23, 59, 59, 999_000, tzinfo=UTC).timestamp() * 1000)

    times = [ms(2024, 1, 30), ms(2024, 1, 31), ms(2024, 2, 1), ms(2024, 2, 29), ms(2025, 1, 2)]
    values = [D(105), D(110), D(99), D(121), D("60.5")]
    m = compute_metrics(times, values, D(100), DAY, [], D(20))
    assert m.monthly == (
        MonthReturn("2024-01", D(10)),
        MonthReturn("2024-02", D(10)),
        MonthReturn("2025-01", D(-50)),
    )


def test_cli_prints_metrics_in_json_and_writes_csv_and_html(tmp_path: Path) -> None:
    demo = resource_path("demo", "BTCUSDT-1m.csv")
    args = ["backtest", "--strategy", "sma_cross", "--symbol", "BTCUSDT", "--interval", "1m"]
    html_path, csv_path = tmp_path / "r.html", tmp_path / "r.csv"
    out, err = io.StringIO(), io.StringIO()
    code = main(
        [*args, "--candles", str(demo), "--json", "--html", str(html_path), "--csv", str(csv_path)],
        stdout=out,
        stderr=err,
    )
    assert code == 0, err.getvalue()
    data = json.loads(out.getvalue())
    metrics = data["metrics"]
    assert set(metrics) >= {"sharpe", "sortino", "calmar", "profit_factor", "expectancy"}
    assert metrics["round_trips"] == data["summary"]["round_trips"]
    assert list(metrics["monthly_returns_pct"]) == ["2024-04"]
    rows = dict(csv.reader(io.StringIO(csv_path.read_text())))
    assert rows["net_pnl"] == data["summary"]["net_pnl"]
    assert rows["sharpe"] == str(metrics["sharpe"])
    page = html_path.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "<script" not in page
    assert page.count("<tr><td>") == len(data["fills"])
    code = main(
        [*args, "--candles", str(demo), "--html", str(tmp_path / "no" / "r.html")],
        stdout=io.StringIO(),
        stderr=err,
    )
    assert code == 1 and "No folder" in err.getvalue()
