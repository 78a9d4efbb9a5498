"""A bot's equity curve: the Equity tab of the bot detail, fed by the bot chart's loads."""

from __future__ import annotations

from decimal import Decimal

from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.bots import BotSpec, BotState
from crypty_desktop.gui.charts import BotChart, make_bot_chart
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.reports.chart import equity_curve
from tests.gui.bot_helpers import (
    WAIT_MS,
    demo_sma_bot,
    demo_window,
    make_bot,
    wait_loaded,
    wait_state,
)
from tests.gui.platform_helpers import wait_job

__all__ = ["demo_window"]  # the fixture

HOUR = 3_600_000


def _bot(core: Core) -> BotSpec:
    return demo_sma_bot(core, "equitybot000001", "equity bot")


def _save_point(core: Core, spec: BotSpec, at: int, equity: str, price: str) -> None:
    core.bot_store.checkpoint(spec.id, {}, [], (at, Decimal(equity), Decimal(price)))


def test_equity_curve_holds_the_points_and_buy_and_hold_from_the_first_price() -> None:
    points = [
        (HOUR - 1, Decimal(1000), Decimal(100)),
        (2 * HOUR - 1, Decimal("1010.5"), Decimal(110)),
    ]
    curve = equity_curve(points, Decimal(1000))
    assert curve.times == [(HOUR - 1) / 1000, (2 * HOUR - 1) / 1000]
    assert curve.equity == [1000.0, 1010.5]
    assert curve.hold == [999.0, 1098.9]  # bought at 100 with the 0.1 % fee, as in a backtest
    assert curve.last_ms == 2 * HOUR - 1
    more = equity_curve([(3 * HOUR - 1, Decimal(990), Decimal(90))], Decimal(1000), Decimal(100))
    assert more.hold == [899.1]


def test_bot_equity_draws_the_stored_points_and_appends_new_ones(qtbot: QtBot, core: Core) -> None:
    spec = _bot(core)
    end = core.gateway_for(core.bots.platform_of(spec)).now_ms
    for i, value in enumerate(("1000", "1004", "998")):
        _save_point(core, spec, end - (3 - i) * HOUR - 1, value, str(100 + i))
    chart = make_bot_chart(core, spec)
    qtbot.addWidget(chart)
    with qtbot.wait_signal(chart.sig_loaded, timeout=15_000):
        pass
    view = chart.equity_view
    assert view.chart is not None
    times, values = view.chart.points()
    assert values == [1000.0, 1004.0, 998.0]
    assert view.chart.budget_line is not None and view.chart.budget_line.value() == 1000.0
    _x, hold = view.chart.hold.getData()
    assert list(hold) == [999.0, 1008.99, 1018.98]
    item = view.chart.equity

    _save_point(core, spec, end - 1, "1012.25", "104")
    with qtbot.wait_signal(view.sig_grew, timeout=15_000) as grew:
        chart.refresh()
    assert grew.args == [1]
    assert view.chart.equity is item  # appended to, not redrawn from scratch
    assert view.chart.points()[1] == [1000.0, 1004.0, 998.0, 1012.25]
    assert view.chart.points()[0][:3] == times


def test_deleting_the_chart_while_it_loads_delivers_nothing(qtbot: QtBot, core: Core) -> None:
    spec = _bot(core)
    for _ in range(3):
        chart = BotChart(core, spec)
        job = chart.job
        chart.stop()
        chart.deleteLater()
        assert job is not None and job.cancelled
    qtbot.wait(50)


def test_the_running_bots_equity_tab_shows_its_curve_and_grows(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    window = demo_window
    core = window.core
    bots = window.bots.list
    spec = make_bot(core, "Equity DCA")
    bots.reload()
    wait_loaded(qtbot, window)
    assert bots.start_bot(spec.id)
    wait_state(qtbot, window, spec, BotState.RUNNING)
    qtbot.waitUntil(lambda: len(core.bot_store.equity(spec.id)) >= 2, timeout=WAIT_MS)
    assert bots.select_bot(spec.id)
    detail = bots.detail
    if detail.load_job is not None:
        wait_job(qtbot, detail.load_job)
    labels = [detail.tabs.tabText(i) for i in range(detail.tabs.count())]
    assert labels[-1] == "Equity"
    detail.tabs.setCurrentIndex(labels.index("Equity"))
    chart = detail.chart_widget
    assert isinstance(chart, BotChart)
    view = chart.equity_view
    assert detail.equity_widget is view and view.isVisible()
    qtbot.waitUntil(
        lambda: view.chart is not None and len(view.chart.points()[0]) >= 2, timeout=WAIT_MS
    )
    assert view.chart is not None
    stored = [float(v) for _t, v in core.bot_store.equity(spec.id)]
    shown = view.chart.points()[1]
    assert shown == stored[: len(shown)]
    before = len(shown)
    qtbot.waitUntil(lambda: len(view.chart.points()[0]) > before, timeout=WAIT_MS)
    stored = [float(v) for _t, v in core.bot_store.equity(spec.id)]
    assert view.chart.points()[1] == stored[: len(view.chart.points()[1])]

    # another bot selected: the old chart and its equity view go, nothing is delivered to them
    other = make_bot(core, "Other DCA")
    bots.reload()
    wait_loaded(qtbot, window)
    assert bots.select_bot(other.id)
    assert detail.equity_widget is not view
    qtbot.wait(300)
