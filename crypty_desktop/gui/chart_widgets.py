"""Chart widgets: a price chart (candles, volume, indicators, RSI, trades) and an equity curve.

Importing this module imports pyqtgraph: use the builders in ``charts.py``, which import it on
first use. Everything here runs on the GUI thread with data prepared by ``chart_data``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

import numpy as np

from crypty_desktop.gui.chart_items import DOWN, UP, CandlestickItem, Row, VolumeItem, pg
from crypty_desktop.gui.i18n import core_text, current_language, format_amount, locale_for
from crypty_desktop.gui.number_format import percent
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QApplication,
    QColor,
    QCoreApplication,
    QLabel,
    QLocale,
    QPalette,
    Qt,
    QVBoxLayout,
    QWidget,
)
from crypty_desktop.reports.chart import FillMark, IndicatorSeries

LINE_COLOURS = ("#f5a623", "#2962ff", "#ab47bc", "#00897b", "#6d4c41")
LEVEL_COLOUR = "#8d6e63"
RSI_COLOUR = "#7e57c2"
EQUITY_COLOUR = "#2962ff"
HOLD_COLOUR = "#9e9e9e"
MARKER_SIZE = 13


def chart_colours() -> tuple[str, str, str]:
    """(background, text, grid) following the window's palette: light or dark."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        base = app.palette().color(QPalette.ColorRole.Base)
    else:
        base = QColor("white")
    if base.lightness() < 128:
        return "#131722", "#b2b5be", "#2a2e39"
    return "#ffffff", "#434651", "#e0e3eb"


class LocalDateAxis(pg.DateAxisItem):
    """pyqtgraph's date axis with the month names of the interface language (``janv.``)."""

    def tickStrings(  # noqa: N802 - pyqtgraph's name
        self,
        values: list[float],  # float-ok: seconds
        scale: float,  # float-ok
        spacing: float,  # float-ok
    ) -> list[str]:
        names = month_names()
        strings = super().tickStrings(values, scale, spacing)
        if not names:
            return list(strings)
        return [_MONTH.sub(lambda m: names.get(m.group(0), m.group(0)), s) for s in strings]


_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_names() -> dict[str, str]:
    """English short month names (as the axis writes them) → the interface language's; {} in
    English."""
    language = current_language()
    if language == "en":
        return {}
    locale = locale_for(language)
    short = QLocale.FormatType.ShortFormat
    return {en: locale.monthName(i, short) for i, en in enumerate(_EN_MONTHS, start=1)}


def _plot(layout: pg.GraphicsLayoutWidget, row: int, text: str) -> pg.PlotItem:
    axis = LocalDateAxis(orientation="bottom")
    plot = layout.addPlot(row=row, col=0, axisItems={"bottom": axis})
    plot.showGrid(x=True, y=True, alpha=0.25)
    plot.getAxis("left").setWidth(70)
    plot.getAxis("left").setTextPen(text)
    plot.getAxis("bottom").setTextPen(text)
    plot.getAxis("left").setPen(text)
    plot.getAxis("bottom").setPen(text)
    plot.setMenuEnabled(False)
    return plot


class PriceChart(QWidget):
    """Candles with volume below, indicator lines, grid levels, an RSI pane, buy/sell markers.

    ``set_candles`` draws everything once; ``append_candles``, ``add_indicator_points`` and
    ``add_fills`` extend what is drawn without recreating the items. Mouse: drag to pan, wheel to
    zoom; hovering a marker shows the trade, hovering the chart the candle's figures.
    """

    def __init__(self, interval_s: float, parent: QWidget | None = None) -> None:  # float-ok
        super().__init__(parent)
        self.setObjectName("priceChart")
        background, text, _grid = chart_colours()
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(background)
        self.graphics.ci.setSpacing(0)
        self.price_plot = _plot(self.graphics, 0, text)
        self.price_plot.getAxis("bottom").setStyle(showValues=False)
        self.price_plot.getViewBox().setAutoVisible(y=True)
        self.legend = self.price_plot.addLegend(offset=(8, 8), labelTextColor=text)
        self.volume_plot = _plot(self.graphics, 2, text)
        self.volume_plot.setXLink(self.price_plot)
        self.volume_plot.getViewBox().setAutoVisible(y=True)
        self.volume_plot.setMouseEnabled(x=True, y=False)
        self.graphics.ci.layout.setRowStretchFactor(0, 5)
        self.graphics.ci.layout.setRowStretchFactor(2, 1)
        self.rsi_plot: pg.PlotItem | None = None
        self.candles = CandlestickItem(interval_s)
        self.volume = VolumeItem(interval_s)
        self.price_plot.addItem(self.candles)
        self.volume_plot.addItem(self.volume)
        self.buy_markers = self._markers("t1", UP)
        self.sell_markers = self._markers("t", DOWN)
        self.lines: dict[str, pg.PlotDataItem] = {}
        self.levels: dict[str, pg.InfiniteLine] = {}
        self._series: dict[str, tuple[list[float], list[float]]] = {}  # float-ok
        self.hover = QLabel("")
        self.hover.setObjectName("chartHover")
        self.hover.setStyleSheet(f"color: {text}; background: {background}; padding: 2px 6px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.hover)
        layout.addWidget(self.graphics, 1)
        self._proxy = pg.SignalProxy(
            self.price_plot.scene().sigMouseMoved, rateLimit=30, slot=self._on_mouse_moved
        )

    def _markers(self, symbol: str, colour: str) -> pg.ScatterPlotItem:
        item = pg.ScatterPlotItem(
            size=MARKER_SIZE,
            symbol=symbol,
            pen=pg.mkPen("#ffffff", width=1),
            brush=pg.mkBrush(colour),
            hoverable=True,
            hoverSize=MARKER_SIZE + 4,
            tip=lambda x, y, data: core_text(str(data)),
        )
        item.setZValue(10)
        self.price_plot.addItem(item)
        return item

    # --- data ----------------------------------------------------------------------------------
    def set_candles(self, rows: Sequence[Row]) -> None:
        self.candles.set_rows(rows)
        self.volume.set_rows(rows)
        self.show_last(200)

    def append_candles(self, rows: Iterable[Row]) -> None:
        """Add candles; the view follows them (keeping its zoom) unless the user scrolled back,
        so that the last candle was out of view."""
        before = self.candles.rows
        last = before[-1][0] if before else None
        following = self.following()
        for row in rows:
            self.candles.append(row)
            self.volume.append(row)
        now = self.candles.rows
        if not following or not now:
            return
        if last is None:
            self.show_last(200)
            return
        shift = now[-1][0] - last
        if shift > 0:
            (x0, x1), _y = self.price_plot.viewRange()
            self.price_plot.setXRange(x0 + shift, x1 + shift, padding=0)

    def following(self) -> bool:
        """True when the last candle is in view (new candles then scroll into view)."""
        rows = self.candles.rows
        if not rows:
            return True
        (_x0, x1), _y = self.price_plot.viewRange()
        return x1 >= rows[-1][0]

    def show_last(self, count: int) -> None:
        """Show the last ``count`` candles (zooming out shows the rest)."""
        rows = self.candles.rows
        if not rows:
            return
        first = rows[max(0, len(rows) - count)][0]
        pad = self.candles.width * 2
        self.price_plot.setXRange(first - pad, rows[-1][0] + pad, padding=0)

    def set_indicators(self, series: dict[str, IndicatorSeries]) -> None:
        for one in series.values():
            if one.is_level:
                last = one.last()
                if last is not None:
                    self._level(one.name, last)
            else:
                self._series[one.name] = (list(one.times), list(one.values))
                self._line(one.name, one.panel)

    def add_indicator_points(self, points: Iterable[tuple[str, float, float]]) -> None:  # float-ok
        touched: dict[str, str] = {}
        for name, at, value in points:
            if name.startswith("grid"):
                if not math.isnan(value):
                    self._level(name, value)
                continue
            times, values = self._series.setdefault(name, ([], []))
            times.append(at)
            values.append(value)
            touched[name] = "rsi" if name.upper().startswith("RSI") else "price"
        for name, panel in touched.items():
            self._line(name, panel)

    def _line(self, name: str, panel: str) -> None:
        times, values = self._series[name]
        x = np.asarray(times, dtype=float)  # float-ok: drawing
        y = np.asarray(values, dtype=float)  # float-ok: drawing
        item = self.lines.get(name)
        if item is None:
            plot = self._rsi() if panel != "price" else self.price_plot
            colour = RSI_COLOUR if panel != "price" else LINE_COLOURS[len(self.lines) % 5]
            item = pg.PlotDataItem(pen=pg.mkPen(colour, width=1.6), name=name, connect="finite")
            plot.addItem(item)
            self.lines[name] = item
        item.setData(x, y)

    def _level(self, name: str, value: float) -> None:  # float-ok
        line = self.levels.get(name)
        if line is None:
            pen = pg.mkPen(LEVEL_COLOUR, width=1, style=Qt.PenStyle.DashLine)
            line = pg.InfiniteLine(pos=value, angle=0, pen=pen, movable=False)
            line.setToolTip(f"{name.capitalize()}: {format_amount(Decimal(str(value)))}")
            self.price_plot.addItem(line, ignoreBounds=True)
            self.levels[name] = line
        else:
            line.setValue(value)

    def _rsi(self) -> pg.PlotItem:
        if self.rsi_plot is None:
            _background, text, _grid = chart_colours()
            plot = _plot(self.graphics, 1, text)
            plot.getAxis("bottom").setStyle(showValues=False)
            plot.setXLink(self.price_plot)
            plot.setYRange(0, 100, padding=0.05)
            plot.setMouseEnabled(x=True, y=False)
            plot.addItem(
                pg.LinearRegionItem(
                    (30, 70),
                    orientation="horizontal",
                    movable=False,
                    brush=pg.mkBrush(126, 87, 194, 25),
                    pen=pg.mkPen(None),
                )
            )
            for level in (30, 70):
                dash = pg.mkPen(RSI_COLOUR, width=1, style=Qt.PenStyle.DotLine)
                plot.addItem(pg.InfiniteLine(pos=level, angle=0, pen=dash))
            self.graphics.ci.layout.setRowStretchFactor(1, 2)
            self.rsi_plot = plot
        return self.rsi_plot

    def set_fills(self, marks: Sequence[FillMark]) -> None:
        self.buy_markers.clear()
        self.sell_markers.clear()
        self.add_fills(marks)

    def add_fills(self, marks: Iterable[FillMark]) -> None:
        marks = list(marks)
        for markers, buy in ((self.buy_markers, True), (self.sell_markers, False)):
            chosen = [m for m in marks if m.buy is buy]
            if chosen:
                markers.addPoints(
                    x=[m.time for m in chosen],
                    y=[m.price for m in chosen],
                    data=[m.tooltip for m in chosen],
                )

    def marker_points(self, buy: bool) -> list[tuple[float, float, str]]:  # float-ok
        """(time s, price, tooltip) of the drawn buy or sell markers."""
        item = self.buy_markers if buy else self.sell_markers
        data = item.data
        return [(float(d["x"]), float(d["y"]), str(d["data"])) for d in data]  # float-ok: drawing

    # --- mouse ---------------------------------------------------------------------------------
    def _on_mouse_moved(self, event: tuple[object, ...]) -> None:
        position = event[0]
        box = self.price_plot.getViewBox()
        if not self.price_plot.sceneBoundingRect().contains(position):
            return
        x = box.mapSceneToView(position).x()
        rows = self.candles.rows
        if not rows:
            return
        times = [r[0] for r in rows]
        index = int(np.clip(np.searchsorted(times, x), 0, len(rows) - 1))
        if index > 0 and abs(times[index - 1] - x) < abs(times[index] - x):
            index -= 1
        self.hover.setText(describe_row(rows[index]))


# The candle under the pointer: time, open, high, low, close, change, volume.
ROW_WORDS = QT_TRANSLATE_NOOP("PriceChart", "%1   O %2   H %3   L %4   C %5   %6   Vol %7")


def describe_row(row: Row) -> str:
    """``2024-03-01 12:00 UTC   O 61,000.00   H …   +0.52 %   Vol 1,234.00`` in the language."""
    from datetime import UTC, datetime

    t, o, h, low, c, v = row
    when = datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d %H:%M UTC")
    change = Decimal(str((c - o) / o * 100 if o else 0.0))
    values = [when, *(format_amount(Decimal(str(x))) for x in (o, h, low, c))]
    values += [percent(change), format_amount(Decimal(str(v)))]
    text = QCoreApplication.translate("PriceChart", ROW_WORDS)
    for index in range(len(values), 0, -1):  # %7 before %1, so "%1" never eats "%1x"
        text = text.replace(f"%{index}", values[index - 1])
    return text


class EquityChart(QWidget):
    """An equity curve (quote asset) against buying at the start and holding, with the budget.

    ``set_curves`` draws everything; ``append_curves`` extends the same line items (a running
    bot's new points) without recreating them.
    """

    def __init__(self, parent: QWidget | None = None, name: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("equityChart")
        background, text, _grid = chart_colours()
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(background)
        self.plot = _plot(self.graphics, 0, text)
        self.plot.addLegend(offset=(8, 8), labelTextColor=text)
        self.equity = pg.PlotDataItem(
            pen=pg.mkPen(EQUITY_COLOUR, width=2),
            name=name or self.tr("Strategy"),
            fillLevel=None,
        )
        self.hold = pg.PlotDataItem(
            pen=pg.mkPen(HOLD_COLOUR, width=1.5, style=Qt.PenStyle.DashLine),
            name=self.tr("Buy and hold"),
        )
        self.plot.addItem(self.hold)
        self.plot.addItem(self.equity)
        self.budget_line: pg.InfiniteLine | None = None
        self._text = text
        self._x: list[float] = []  # float-ok: chart x
        self._y: list[float] = []  # float-ok: chart y
        self._hold: list[float] = []  # float-ok: chart y
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.graphics)

    def set_unit(self, quote: str) -> None:
        """Name the vertical axis after the quote asset the equity is counted in."""
        self.plot.setLabel("left", self.tr("Equity (%1)").replace("%1", quote), color=self._text)

    def set_curves(
        self,
        times: Sequence[float],  # float-ok
        equity: Sequence[float],  # float-ok
        hold: Sequence[float] | None = None,  # float-ok
        budget: float | None = None,  # float-ok
    ) -> None:
        self._x, self._y = list(times), list(equity)
        self._hold = list(hold) if hold is not None else []
        self._draw()
        if budget is not None:
            self.set_budget(budget)
        self.plot.enableAutoRange()

    def append_curves(
        self,
        times: Sequence[float],  # float-ok
        equity: Sequence[float],  # float-ok
        hold: Sequence[float] | None = None,  # float-ok
    ) -> None:
        """Add points after the last ones drawn (older or equal times are ignored)."""
        last = self._x[-1] if self._x else -math.inf
        fresh = [i for i, t in enumerate(times) if t > last]
        if not fresh:
            return
        self._x.extend(times[i] for i in fresh)
        self._y.extend(equity[i] for i in fresh)
        if hold is not None:
            self._hold.extend(hold[i] for i in fresh)
        self._draw()

    def _draw(self) -> None:
        x = np.asarray(self._x, dtype=float)  # float-ok: drawing
        self.equity.setData(x, np.asarray(self._y, dtype=float))  # float-ok: drawing
        if len(self._hold) == len(self._x):
            self.hold.setData(x, np.asarray(self._hold, dtype=float))  # float-ok: drawing

    def set_budget(self, budget: float) -> None:  # float-ok
        """A dotted line at the budget: above it the strategy is in profit."""
        if self.budget_line is None:
            pen = pg.mkPen("#9e9e9e", width=1, style=Qt.PenStyle.DotLine)
            self.budget_line = pg.InfiniteLine(
                pos=budget,
                angle=0,
                pen=pen,
                label=self.tr("Budget"),
                labelOpts={"position": 0.98, "color": self._text, "anchors": [(1, 1), (1, 1)]},
            )
            self.plot.addItem(self.budget_line, ignoreBounds=True)
        self.budget_line.setValue(budget)

    def points(self) -> tuple[list[float], list[float]]:  # float-ok
        """(times s, equity) drawn, for tests."""
        return list(self._x), list(self._y)
