"""Charts: candles from cached pictures, markers where the fills are, indicators, bot charts."""

from __future__ import annotations

import math
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.domain.bots import BotSpec
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import Fill, Side
from crypty_desktop.exchange.demo_data import make_candle
from crypty_desktop.gui.charts import BotChart, make_bot_chart, make_price_chart
from crypty_desktop.reports.chart import candle_row, fill_marks, indicator_series
from crypty_desktop.strategies.base import Intent
from tests.gui.bot_helpers import demo_sma_bot

HOUR = 3_600_000
T0 = 1_700_000_000_000 - 1_700_000_000_000 % HOUR


def candles(count: int, start: int = T0) -> list[Candle]:
    out = []
    for i in range(count):
        base = 100 + 10 * math.sin(i / 7)
        o, c = f"{base:.2f}", f"{base + (1 if i % 3 else -1):.2f}"
        low, high = f"{min(float(o), float(c)) - 1:.2f}", f"{max(float(o), float(c)) + 1:.2f}"
        out.append(make_candle("BTCUSDT", "1h", start + i * HOUR, o, high, low, c, str(10 + i)))
    return out


def fill(side: Side, at: int, price: str, qty: str, cid: str) -> Fill:
    fee_asset = "BTC" if side is Side.BUY else "USDT"
    return Fill("BTCUSDT", side, Decimal(price), Decimal(qty), Decimal("0.001"), fee_asset, at, cid)


def test_markers_sit_at_each_fill_time_and_price(qtbot: QtBot) -> None:
    chart = make_price_chart("1h")
    qtbot.addWidget(chart)
    chart.set_candles([candle_row(c) for c in candles(50)])
    fills = [
        fill(Side.BUY, T0 + 5 * HOUR, "101.5", "0.2", "b1"),
        fill(Side.SELL, T0 + 9 * HOUR, "104.25", "0.2", "s1"),
        fill(Side.BUY, T0 + 20 * HOUR, "96", "0.1", "b2"),
    ]
    chart.set_fills(fill_marks(fills, {"b1": "golden cross"}, "BTC", "USDT"))

    buys = chart.marker_points(buy=True)
    sells = chart.marker_points(buy=False)
    assert [(x, y) for x, y, _ in buys] == [
        ((T0 + 5 * HOUR) / 1000, 101.5),
        ((T0 + 20 * HOUR) / 1000, 96.0),
    ]
    assert [(x, y) for x, y, _ in sells] == [((T0 + 9 * HOUR) / 1000, 104.25)]
    # the shape says buy or sell, not only the colour: ▲ up for buys, ▼ down for sells
    assert chart.buy_markers.opts["symbol"] == "t1"
    assert chart.sell_markers.opts["symbol"] == "t"
    tip = buys[0][2]
    assert "Bought 0.2 BTC" in tip and "101.50 USDT" in tip and "Fee 0.001 BTC" in tip
    assert "Why: golden cross" in tip
    assert sells[0][2].startswith("Sold 0.2 BTC")


def test_appending_a_candle_records_one_chunk_and_keeps_the_item(qtbot: QtBot) -> None:
    chart = make_price_chart("1h")
    qtbot.addWidget(chart)
    series = candles(1201)
    chart.set_candles([candle_row(c) for c in series[:1200]])
    item = chart.candles
    recorded = item.recorded
    assert recorded == 3  # 1200 candles in chunks of 512

    chart.append_candles([candle_row(series[1200])])

    assert chart.candles is item
    assert len(item.rows) == 1201
    assert item.recorded == recorded + 1  # only the last chunk was drawn again
    assert item.boundingRect().right() >= series[1200].open_time / 1000
    assert len(chart.volume.rows) == 1201
    # the same candle again (an update of the last one) replaces it
    chart.append_candles([candle_row(series[1200])])
    assert len(item.rows) == 1201


def test_the_live_chart_follows_new_candles_unless_scrolled_back(qtbot: QtBot) -> None:
    chart = make_price_chart("1h")
    qtbot.addWidget(chart)
    series = candles(320)
    chart.set_candles([candle_row(c) for c in series[:300]])
    (x0, x1), _y = chart.price_plot.viewRange()
    width = x1 - x0
    chart.append_candles([candle_row(c) for c in series[300:305]])  # five new candles
    (y0, y1), _y = chart.price_plot.viewRange()
    newest = series[304].open_time / 1000
    assert y0 <= newest <= y1 and chart.following()  # the new candle (and its trade) in view
    assert y1 - y0 == pytest.approx(width)  # the zoom is kept
    # The user scrolls back to look at the past: new candles do not pull the view away.
    past = series[100].open_time / 1000
    chart.price_plot.setXRange(past, past + width, padding=0)
    assert not chart.following()
    chart.append_candles([candle_row(c) for c in series[305:310]])
    (z0, _z1), _y = chart.price_plot.viewRange()
    assert z0 == pytest.approx(past)
    # Back at the end, it follows again.
    chart.show_last(100)
    chart.append_candles([candle_row(c) for c in series[310:320]])
    (_a, a1), _y = chart.price_plot.viewRange()
    assert a1 >= series[319].open_time / 1000


def test_sma_cross_draws_its_two_averages(qtbot: QtBot) -> None:
    chart = make_price_chart("1h")
    qtbot.addWidget(chart)
    series = candles(80)
    chart.set_candles([candle_row(c) for c in series])
    chart.set_indicators(indicator_series("sma_cross", {"fast": "5", "slow": "20"}, series))

    assert set(chart.lines) == {"SMA 5", "SMA 20"}
    x, y = chart.lines["SMA 20"].getData()
    assert len(x) == 80
    assert sum(1 for v in y if not math.isnan(v)) == 80 - 20 + 1
    expected = sum(c.close for c in series[-20:]) / 20
    assert y[-1] == pytest.approx(float(expected))
    assert chart.rsi_plot is None


def test_rsi_gets_its_own_pane_and_grid_its_levels(qtbot: QtBot) -> None:
    series = candles(60)
    rsi = make_price_chart("1h")
    qtbot.addWidget(rsi)
    rsi.set_candles([candle_row(c) for c in series])
    rsi.set_indicators(indicator_series("rsi", {}, series))
    assert rsi.rsi_plot is not None
    assert "RSI 14" in rsi.lines

    grid = make_price_chart("1h")
    qtbot.addWidget(grid)
    params = {"lower": "90", "upper": "110", "levels": "5"}
    grid.set_indicators(indicator_series("grid", params, series))
    assert sorted(line.value() for line in grid.levels.values()) == [90, 95, 100, 105, 110]


def test_pyqtgraph_is_not_imported_with_the_main_window() -> None:
    code = (
        "import sys, crypty_desktop.gui.main_window, crypty_desktop.gui.charts, "
        "crypty_desktop.gui.backtest_page, crypty_desktop.gui.dashboard; "
        "print('pyqtgraph' in sys.modules)"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    assert out.stdout.strip() == "False"


# --- a bot's chart ------------------------------------------------------------------------------


def _bot_with_fills(core: Core) -> tuple[BotSpec, list[Fill], list[Candle]]:
    spec = demo_sma_bot(core, "chartbot0000001", "chart bot")
    platform = core.bots.platform_of(spec)
    source = core.history_gateway(platform)
    end = core.gateway_for(platform).now_ms  # the demo's clock (not running)
    recent = source.klines("BTCUSDT", "1h", end - 40 * HOUR, end)
    broker = PaperBroker(
        spec.id, platform.id, source.symbol_rules("BTCUSDT"), spec.budget, core.order_log
    )
    broker.execute(Intent(Side.BUY, "test buy", quote_amount=Decimal(500)), recent[-10])
    broker.on_candle(recent[-9])
    broker.execute(Intent(Side.SELL, "test sell", base_qty=broker.wallet.base), recent[-5])
    broker.on_candle(recent[-4])
    return spec, broker.fills, recent


def test_bot_chart_shows_the_bots_fills_and_indicators(qtbot: QtBot, core: Core) -> None:
    spec, fills, _recent = _bot_with_fills(core)
    chart = make_bot_chart(core, spec)
    assert isinstance(chart, BotChart)
    qtbot.addWidget(chart)
    with qtbot.wait_signal(chart.sig_loaded, timeout=15_000):
        pass
    assert chart.chart is not None
    buys = chart.chart.marker_points(buy=True)
    sells = chart.chart.marker_points(buy=False)
    assert [(x, y) for x, y, _ in buys] == [(fills[0].time / 1000, float(fills[0].price))]
    assert [(x, y) for x, y, _ in sells] == [(fills[1].time / 1000, float(fills[1].price))]
    assert {"SMA 5", "SMA 20"} <= set(chart.chart.lines)
    rows = chart.chart.candles.rows
    assert rows[0][0] <= fills[0].time / 1000 <= rows[-1][0]


def test_bot_chart_appends_new_candles_as_the_demo_clock_moves(qtbot: QtBot, core: Core) -> None:
    spec, _fills, _recent = _bot_with_fills(core)
    chart = make_bot_chart(core, spec)
    qtbot.addWidget(chart)
    with qtbot.wait_signal(chart.sig_loaded, timeout=15_000):
        pass
    assert chart.chart is not None
    item = chart.chart.candles
    before = len(item.rows)
    demo = core.gateway_for(core.bots.platform_of(spec))
    demo.advance_to(demo.now_ms + 3 * HOUR)

    with qtbot.wait_signal(chart.sig_updated, timeout=15_000) as blocker:
        chart.refresh()
    assert blocker.args[0] == 3
    assert chart.chart.candles is item
    assert len(item.rows) == before + 3
    x, _y = chart.chart.lines["SMA 5"].getData()
    assert len(x) == before + 3


def test_a_bot_chart_takes_each_fill_s_reason_from_its_order(tmp_path: Path) -> None:
    """The strategy's words for an order the bot placed, and the protection's words for the sale
    its simulated stop made: both as the order log keeps them, nothing read back from the log."""
    from dataclasses import replace
    from types import SimpleNamespace
    from typing import cast

    from crypty_desktop.bots.engine import BotStopped
    from crypty_desktop.reports.chart import bot_trades
    from crypty_desktop.storage.orders import OrderLog
    from tests.bots.test_engine import candle as engine_candle
    from tests.bots.test_event_kinds import BuysOnce, bot, paper
    from tests.platform_rows import store_with_platform

    store = store_with_platform(tmp_path / "db.sqlite3")
    spec = bot(stop_loss_pct=Decimal("10"))
    runner, _events = paper(store, spec, BuysOnce.create())
    runner.broker.rules = replace(runner.broker.rules, stop_limit_allowed=True)
    runner.step(engine_candle(1, "100", "100", "100", "100"))  # buy 900 USDT at market
    runner.step(engine_candle(2, "100", "100", "100", "100"))  # filled; the stop is set at 90.09
    with pytest.raises(BotStopped):  # the stop sells as the low crosses it, and stops the bot
        runner.step(engine_candle(3, "95", "95", "85", "92"))
    core = cast(Core, SimpleNamespace(order_log=OrderLog(store)))
    fills, reasons = bot_trades(core, spec)
    assert [f.side for f in fills] == [Side.BUY, Side.SELL]
    buy, sell = (reasons[f.client_order_id] for f in fills)
    assert buy == "first buy"
    assert sell == (
        "Simulated protection for 8.991 BTC, as Binance would keep it: stop at 90.09 USDT "
        "(limit 89.63)."
    )
    tip = fill_marks(fills, reasons, "BTC", "USDT")[0].tooltip
    assert "Why: first buy" in tip
