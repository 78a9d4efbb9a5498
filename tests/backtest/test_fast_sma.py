"""The optimiser's SMA crossover fast path: crosses found by hand, fills identical to the full
backtest and to the bot engine's loop on many combinations, scores equal to the full backtest's,
and the full backtest wherever the fast path cannot be exact."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest

from crypty_desktop.backtest.engine import run_backtest
from crypty_desktop.backtest.fast_sma import PlainTables, SmaTables, run_sma_cross
from crypty_desktop.backtest.optimize import (
    OBJECTIVES,
    Search,
    check_references,
    combinations,
    matches_reference,
    run_search,
    score_of,
    search_fills,
    tables_for,
    trial_on,
)
from crypty_desktop.backtest.rules import bundled_rules
from crypty_desktop.backtest.series import CandleSeries, read_series_csv
from crypty_desktop.domain.bots import RiskLimits
from crypty_desktop.domain.market import Candle
from crypty_desktop.resources import resource_path
from crypty_desktop.strategies.registry import create_strategy

DEMO = resource_path("demo", "BTCUSDT-1m.csv")
RULES = bundled_rules("BTCUSDT")
MINUTE = 60_000


def series_of(closes: list[str]) -> CandleSeries:
    """Candles whose open is the previous close (the first opens at its close)."""
    candles = []
    previous = closes[0]
    for i, close in enumerate(closes):
        low, high = sorted((D(previous), D(close)))
        candles.append(Candle("BTCUSDT", "1m", i * MINUTE, D(previous), high, low, D(close),
                              D(1), i * MINUTE + MINUTE - 1))  # fmt: skip
        previous = close
    return CandleSeries.from_candles(candles)


def search_on(path: Path, objective: str = "net_pnl", **kw: object) -> Search:
    return Search(path, "BTCUSDT", "1m", RULES, D(1000), D("0.001"), "sma_cross", {}, objective,
                  **kw)  # type: ignore[arg-type]  # fmt: skip


def test_crosses_by_hand() -> None:
    # SMA 2 against SMA 3 of: 10 10 10 13 16 10 4 4 10 16
    # candle:     2      3      4      5      6      7      8      9
    # sma2:      10    11.5   14.5    13     7      4      7     13
    # sma3:      10     11     13     13     10     6      6     10
    # sign:       0      +      +      0      -      -      +      +
    # golden at 3 (0 → +) and 8 (- → +); death at 6 (0 → -); 5 (+ → 0) is no cross.
    series = series_of(["10", "10", "10", "13", "16", "10", "4", "4", "10", "16"])
    for tables in (SmaTables.of(series), PlainTables.of(series)):
        assert tables is not None
        assert tables.crosses(2, 3) == ([3, 6, 8], [True, False, True])
        assert tables.crosses(2, 11) == ([], [])  # fewer candles than the slow average


def test_window_sums_are_exact_integers_computed_once_per_length() -> None:
    tables = SmaTables.of(series_of(["0.00001234", "0.00001240", "0.00001201", "0.00001230"]))
    assert tables is not None
    assert tables.sums(2).tolist() == [2474, 2441, 2431]  # in units of 1e-8
    assert tables.sums(2) is tables.sums(2)
    series = read_series_csv(DEMO, "BTCUSDT", "1m")
    shared = tables_for(series)
    assert shared is not None and tables_for(series) is shared


def test_fast_path_fills_equal_the_full_backtest_on_many_combinations() -> None:
    series = read_series_csv(DEMO, "BTCUSDT", "1m")[:2500]
    tables = SmaTables.of(series)
    assert tables is not None
    combos = combinations([("fast", [str(f) for f in range(2, 40, 4)]),
                           ("slow", [str(s) for s in (3, 7, 15, 31, 64, 150)]),
                           ("quote_amount", ["0", "300"])])  # fmt: skip
    checked = fills = 0
    for params in combos:
        if int(params["fast"]) >= int(params["slow"]):
            continue
        strategy = create_strategy("sma_cross", params)
        fast = run_sma_cross(tables, strategy, RULES, D(1000), D("0.001"), equity=True)
        full = run_backtest(create_strategy("sma_cross", params), RULES, series, D(1000),
                            fee_rate=D("0.001"), fast=False)  # fmt: skip
        assert fast is not None and full.summary is not None
        assert fast.broker.fills == full.fills, params
        assert fast.final_equity - D(1000) == full.summary.net_pnl
        assert fast.max_dd_pct == pytest.approx(float(full.summary.max_drawdown_pct), rel=1e-9)
        checked += 1
        fills += len(full.fills)
    assert checked == 70 and fills > 2000  # many combinations, thousands of fills compared


def test_fast_path_equals_the_bot_engine_loop() -> None:
    series = read_series_csv(DEMO, "BTCUSDT", "1m")[:4000]
    search = search_on(DEMO, workers=2)
    chosen = [{"fast": f, "slow": s} for f, s in (("3", "8"), ("10", "30"), ("25", "90"))]
    assert all(matches_reference(search, params, series) for params in chosen)
    assert check_references(search, chosen, series=series) == [True, True, True]  # on two processes
    assert len(search_fills(search, series, chosen[0])) > 100


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_scores_equal_the_full_backtests(objective: str) -> None:
    series = read_series_csv(DEMO, "BTCUSDT", "1m")
    search = search_on(DEMO, objective)
    for params in ({"fast": "5", "slow": "20"}, {"fast": "30", "slow": "150"}):
        fast = trial_on(search, series, params)
        full = trial_on(replace(search, fast_path=False), series, params)
        assert (fast.net_pnl, fast.round_trips) == (full.net_pnl, full.round_trips)
        assert fast.score == pytest.approx(full.score, rel=1e-9)
        strategy = create_strategy("sma_cross", params)
        alone = run_backtest(strategy, RULES, series, D(1000), fee_rate=D("0.001"), fast=False)
        assert full.score == score_of(alone, objective)


def test_prices_too_fine_for_integers_take_the_full_backtest(tmp_path: Path) -> None:
    closes = ["0.0000000000012345", "0.0000000000012346", "0.0000000000012344"] * 20
    series = series_of(closes)
    assert SmaTables.of(series) is None and PlainTables.of(series) is None
    search = search_on(tmp_path / "unused.csv")
    trial = trial_on(search, series, {"fast": "2", "slow": "3"})
    strategy = create_strategy("sma_cross", {"fast": "2", "slow": "3"})
    alone = run_backtest(strategy, RULES, series, D(1000), fee_rate=D("0.001"))
    assert alone.summary is not None and trial.net_pnl == alone.summary.net_pnl


def test_search_with_the_candles_in_hand_gives_the_same_trials() -> None:
    series = read_series_csv(DEMO, "BTCUSDT", "1m")
    search = search_on(DEMO, "sharpe", workers=2)
    combos = combinations([("fast", ["5", "10", "40"]), ("slow", ["20", "40", "60"])])
    read_by_workers = run_search(search, combos)
    inherited = run_search(search, combos, series=series)

    def key(trials: list) -> list:  # type: ignore[type-arg]
        return sorted((tuple(t.params.values()), t.score, t.net_pnl, t.refused) for t in trials)

    assert key(read_by_workers) == key(inherited)
    assert len(inherited) == 9 and sum(1 for t in inherited if t.refused) == 2


@pytest.mark.parametrize(
    ("count", "params"),
    [
        (7200, {"fast": "10", "slow": "30"}),
        (3000, {"fast": "3", "slow": "5", "quote_amount": "250"}),
        (3000, {"fast": "40", "slow": "200"}),
        (20, {"fast": "10", "slow": "30"}),  # fewer candles than the slow average
    ],
)
@pytest.mark.parametrize("tables", ["plain", "numpy"])
def test_the_whole_backtest_equals_the_candle_loop(
    count: int, params: dict[str, str], tables: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if tables == "numpy":  # as for a long series
        monkeypatch.setattr("crypty_desktop.backtest.fast_sma.NUMPY_FROM_CANDLES", 0)
    series = read_series_csv(DEMO, "BTCUSDT", "1m")[:count]
    seen: list[tuple[int, int]] = []
    fast = run_backtest(create_strategy("sma_cross", params), RULES, series, D(1000),
                        fee_rate=D("0.001"), progress=lambda d, t: seen.append((d, t)))  # fmt: skip
    loop = run_backtest(create_strategy("sma_cross", params), RULES, series, D(1000),
                        fee_rate=D("0.001"), fast=False)  # fmt: skip
    assert fast.fills == loop.fills
    assert fast.equity == loop.equity
    assert fast.reasons == loop.reasons
    assert fast.covered == loop.covered
    assert fast.metrics == loop.metrics
    assert fast.summary is not None and loop.summary is not None
    mine, theirs = fast.summary.as_json(), loop.summary.as_json()
    assert {**mine, "seconds": 0} == {**theirs, "seconds": 0}
    assert seen[-1] == (count, count)
    if count > 1000:
        assert any(reason.startswith("golden cross: SMA") for reason in fast.reasons.values())


def test_risk_limits_take_the_candle_loop() -> None:
    series = read_series_csv(DEMO, "BTCUSDT", "1m")[:3000]
    params = {"fast": "5", "slow": "20"}
    limits = RiskLimits(stop_loss_pct=D("0.3"))
    free = run_backtest(create_strategy("sma_cross", params), RULES, series, D(1000),
                        fee_rate=D("0.001"))  # fmt: skip
    stopped = run_backtest(create_strategy("sma_cross", params), RULES, series, D(1000),
                           fee_rate=D("0.001"), risk=limits)  # fmt: skip
    loop = run_backtest(create_strategy("sma_cross", params), RULES, series, D(1000),
                        fee_rate=D("0.001"), risk=limits, fast=False)  # fmt: skip
    assert (stopped.fills, stopped.reasons) == (loop.fills, loop.reasons)
    assert stopped.fills != free.fills  # the stop acted: nothing skipped it
