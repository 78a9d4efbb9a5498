"""The optimiser's pictures, drawn with QPainter: the heatmap of the objective over two parameters
(with its colour legend), a histogram (Monte Carlo), and the walk-forward folds' bars.

Each widget takes plain data (already formatted text where it shows numbers, so the app's one
number writer is used) and draws it in the palette's colours, light or dark alike.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from crypty_desktop.gui.qt import (
    QColor,
    QPainter,
    QPalette,
    QPen,
    QPointF,
    QRectF,
    QSize,
    QSizePolicy,
    Qt,
    QWidget,
)
from crypty_desktop.gui.theme import (
    GAIN_COLOUR,
    IN_SAMPLE_COLOUR,
    LOSS_COLOUR,
    OUT_SAMPLE_COLOUR,
    SCALE_MID_COLOUR,
    TEXT_ON_DARK,
    TEXT_ON_LIGHT,
)

LOW, MID, HIGH = QColor(LOSS_COLOUR), QColor(SCALE_MID_COLOUR), QColor(GAIN_COLOUR)
GAIN, LOSS = QColor(GAIN_COLOUR), QColor(LOSS_COLOUR)
IN_SAMPLE, OUT_SAMPLE = QColor(IN_SAMPLE_COLOUR), QColor(OUT_SAMPLE_COLOUR)
Fmt = Callable[[float], str]  # float-ok: a figure to show


def scale_colour(t: float) -> QColor:  # float-ok: 0 (worst) … 1 (best)
    """Red through yellow to green."""
    t = min(max(t, 0.0), 1.0)
    a, b, f = (LOW, MID, t * 2) if t < 0.5 else (MID, HIGH, (t - 0.5) * 2)
    return QColor(
        round(a.red() + (b.red() - a.red()) * f),
        round(a.green() + (b.green() - a.green()) * f),
        round(a.blue() + (b.blue() - a.blue()) * f),
    )


def _text_colour(fill: QColor) -> QColor:
    light = 0.299 * fill.red() + 0.587 * fill.green() + 0.114 * fill.blue()
    return QColor(TEXT_ON_LIGHT) if light > 140 else QColor(TEXT_ON_DARK)


@dataclass(frozen=True)
class HeatCell:
    column: int
    row: int
    score: float | None  # float-ok
    colour: QColor


class Heatmap(QWidget):
    """Scores on a grid: columns are the x parameter's values, rows the y parameter's."""

    MARGIN_LEFT, MARGIN_BOTTOM, LEGEND = 70, 44, 64

    def __init__(self, fmt: Fmt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatmap")
        self.fmt = fmt
        self.xs: list[str] = []
        self.ys: list[str] = []
        self.x_title = self.y_title = self.none_text = ""
        self.cells: dict[tuple[int, int], HeatCell] = {}
        self.low: float | None = None  # float-ok
        self.high: float | None = None  # float-ok
        self.setMinimumSize(QSize(360, 240))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def set_data(
        self,
        xs: Sequence[str],
        ys: Sequence[str],
        scores: dict[tuple[str, str], float | None],  # float-ok
        titles: tuple[str, str],
        none_text: str,
    ) -> None:
        """``scores[(x value, y value)]``; ``xs``/``ys`` are shown values in range order."""
        self.xs, self.ys = list(xs), list(ys)
        self.x_title, self.y_title = titles
        self.none_text = none_text
        known = [s for s in scores.values() if s is not None]
        self.low = min(known) if known else None
        self.high = max(known) if known else None
        self.cells = {}
        for (x, y), score in scores.items():
            if x not in self.xs or y not in self.ys:
                continue
            c, r = self.xs.index(x), self.ys.index(y)
            self.cells[(c, r)] = HeatCell(c, r, score, self.colour_of(score))
        self.update()

    def colour_of(self, score: float | None) -> QColor:  # float-ok
        if score is None or self.low is None or self.high is None:
            return self.palette().color(QPalette.ColorRole.Mid)
        span = self.high - self.low
        return scale_colour(0.5 if span == 0 else (score - self.low) / span)

    def cell(self, x: str, y: str) -> HeatCell | None:
        """The cell of these parameter values (None when that pair was not tried)."""
        if x not in self.xs or y not in self.ys:
            return None
        return self.cells.get((self.xs.index(x), self.ys.index(y)))

    def _legend_width(self) -> int:
        if self.low is None or self.high is None:
            return self.LEGEND
        metrics = self.fontMetrics()
        text = max(metrics.horizontalAdvance(self.fmt(v)) for v in (self.low, self.high))
        return max(self.LEGEND, 14 + 4 + text + 8)

    def _plot(self) -> QRectF:
        return QRectF(
            self.MARGIN_LEFT,
            8,
            max(self.width() - self.MARGIN_LEFT - self._legend_width() - 16, 10),
            max(self.height() - self.MARGIN_BOTTOM - 16, 10),
        )

    def _cell_rect(self, c: int, r: int) -> QRectF:
        plot = self._plot()
        w, h = plot.width() / max(len(self.xs), 1), plot.height() / max(len(self.ys), 1)
        return QRectF(plot.left() + c * w, plot.bottom() - (r + 1) * h, w, h)

    def cell_at(self, x: float, y: float) -> HeatCell | None:  # float-ok: a position
        for cell in self.cells.values():
            if self._cell_rect(cell.column, cell.row).contains(QPointF(x, y)):
                return cell
        return None

    def mouseMoveEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        pos = event.position()  # type: ignore[attr-defined]
        cell = self.cell_at(pos.x(), pos.y())
        if cell is None:
            self.setToolTip("")
            return
        score = self.none_text if cell.score is None else self.fmt(cell.score)
        x, y = self.xs[cell.column], self.ys[cell.row]
        self.setToolTip(f"{self.x_title} {x} · {self.y_title} {y}: {score}")

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        if not self.xs or not self.ys:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.none_text)
            return
        metrics = painter.fontMetrics()
        for cell in self.cells.values():
            rect = self._cell_rect(cell.column, cell.row)
            painter.fillRect(rect.adjusted(1, 1, -1, -1), cell.colour)
            label = "—" if cell.score is None else self.fmt(cell.score)
            if (
                metrics.horizontalAdvance(label) + 4 < rect.width()
                and metrics.height() < rect.height()
            ):
                painter.setPen(_text_colour(cell.colour))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        painter.setPen(text)
        plot = self._plot()
        step_x = max(1, math.ceil(len(self.xs) * 40 / max(plot.width(), 1)))
        for c, value in enumerate(self.xs):
            if c % step_x == 0:
                rect = self._cell_rect(c, 0)
                below = QRectF(rect.left() - 20, plot.bottom() + 2, rect.width() + 40, 16)
                painter.drawText(below, Qt.AlignmentFlag.AlignHCenter, value)
        step_y = max(1, math.ceil(len(self.ys) * 18 / max(plot.height(), 1)))
        for r, value in enumerate(self.ys):
            if r % step_y == 0:
                rect = self._cell_rect(0, r)
                left = QRectF(0, rect.top(), self.MARGIN_LEFT - 6, rect.height())
                painter.drawText(left, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 value)  # fmt: skip
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 20, plot.width(), 18),
            Qt.AlignmentFlag.AlignHCenter,
            self.x_title,
        )
        painter.save()
        painter.translate(12, plot.center().y())
        painter.rotate(-90)
        painter.drawText(QRectF(-plot.height() / 2, -10, plot.height(), 18),
                         Qt.AlignmentFlag.AlignHCenter, self.y_title)  # fmt: skip
        painter.restore()
        self._legend(painter, plot, text)

    def _legend(self, painter: QPainter, plot: QRectF, text: QColor) -> None:
        if self.low is None or self.high is None:
            return
        bar = QRectF(plot.right() + 14, plot.top(), 14, plot.height())
        steps = 40
        for i in range(steps):
            part = QRectF(bar.left(), bar.bottom() - (i + 1) * bar.height() / steps, bar.width(),
                          bar.height() / steps + 1)  # fmt: skip
            painter.fillRect(part, scale_colour(i / (steps - 1)))
        painter.setPen(text)
        painter.drawRect(bar)
        width = self._legend_width()
        right = QRectF(bar.right() + 4, bar.top() - 2, width, 16)
        painter.drawText(right, Qt.AlignmentFlag.AlignLeft, self.fmt(self.high))
        low = QRectF(bar.right() + 4, bar.bottom() - 14, width, 16)
        painter.drawText(low, Qt.AlignmentFlag.AlignLeft, self.fmt(self.low))


class Histogram(QWidget):
    """How many values fall in each of ``bins`` equal ranges; bars below ``split`` in the loss
    colour (e.g. a final P&L below zero), the others in the gain colour."""

    def __init__(self, fmt: Fmt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("histogram")
        self.fmt = fmt
        self.counts: list[int] = []
        self.edges: list[float] = []  # float-ok
        self.split: float | None = None  # float-ok
        self.title = ""
        self.setMinimumSize(QSize(260, 170))

    def set_values(
        self,
        values: Sequence[float],  # float-ok
        title: str,
        split: float | None = None,  # float-ok
        bins: int = 24,
    ) -> None:
        self.title, self.split = title, split
        self.counts, self.edges = histogram(values, bins)
        self.update()

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        painter.drawText(QRectF(0, 0, self.width(), 18), Qt.AlignmentFlag.AlignHCenter, self.title)
        if not self.counts:
            return
        plot = QRectF(10, 24, self.width() - 20, self.height() - 24 - 22)
        top = max(self.counts) or 1
        w = plot.width() / len(self.counts)
        for i, count in enumerate(self.counts):
            h = plot.height() * count / top
            middle = (self.edges[i] + self.edges[i + 1]) / 2
            loss = self.split is not None and middle < self.split
            colour = LOSS if loss else (GAIN if self.split is not None else IN_SAMPLE)
            painter.fillRect(QRectF(plot.left() + i * w + 1, plot.bottom() - h, w - 2, h), colour)
        painter.setPen(QPen(text))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        lo, hi = self.edges[0], self.edges[-1]
        if self.split is not None and lo < self.split < hi:
            x = plot.left() + (self.split - lo) / (hi - lo) * plot.width()
            painter.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(text)
        below = QRectF(plot.left(), plot.bottom() + 3, plot.width(), 18)
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, self.fmt(lo))
        painter.drawText(below, Qt.AlignmentFlag.AlignRight, self.fmt(hi))


def histogram(values: Sequence[float], bins: int) -> tuple[list[int], list[float]]:  # float-ok
    """(counts, bins + 1 edges) of equal ranges from the lowest to the highest value."""
    if not values:
        return [], []
    lo, hi = min(values), max(values)
    if hi == lo:
        return [len(values)], [lo - 0.5, hi + 0.5]
    width = (hi - lo) / bins
    counts = [0] * bins
    for v in values:
        counts[min(int((v - lo) / width), bins - 1)] += 1
    return counts, [lo + i * width for i in range(bins + 1)]


class FoldBars(QWidget):
    """Each walk-forward fold's in-sample and out-of-sample scores side by side."""

    def __init__(self, fmt: Fmt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("foldBars")
        self.fmt = fmt
        self.pairs: list[tuple[float | None, float | None]] = []  # float-ok
        self.labels: list[str] = []
        self.legend = ("", "")
        self.setMinimumSize(QSize(300, 170))

    def set_folds(
        self,
        pairs: Sequence[tuple[float | None, float | None]],  # float-ok
        labels: Sequence[str],
        legend: tuple[str, str],
    ) -> None:
        self.pairs, self.labels, self.legend = list(pairs), list(labels), legend
        self.update()

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        x = 10.0
        for colour, words in zip((IN_SAMPLE, OUT_SAMPLE), self.legend, strict=True):
            painter.fillRect(QRectF(x, 5, 12, 12), colour)
            painter.drawText(QRectF(x + 16, 0, 400, 20), Qt.AlignmentFlag.AlignVCenter, words)
            x += 24 + painter.fontMetrics().horizontalAdvance(words)
        known = [abs(v) for pair in self.pairs for v in pair if v is not None]
        if not known:
            return
        top = max(known) or 1.0
        plot = QRectF(10, 42, self.width() - 20, self.height() - 42 - 36)
        zero = (
            plot.top() + plot.height() / 2
            if any(v is not None and v < 0 for pair in self.pairs for v in pair)
            else plot.bottom()
        )
        half = zero - plot.top()
        group = plot.width() / len(self.pairs)
        bar = min(group / 3, 60)
        for i, pair in enumerate(self.pairs):
            left = plot.left() + i * group + (group - 2 * bar) / 2
            for j, (value, colour) in enumerate(zip(pair, (IN_SAMPLE, OUT_SAMPLE), strict=True)):
                if value is None:
                    continue
                h = half * abs(value) / top
                rect = QRectF(left + j * bar, zero - h if value >= 0 else zero, bar - 2, h)
                painter.fillRect(rect, colour)
                label = QRectF(rect.left() - 20, rect.top() - 16 if value >= 0 else rect.bottom(),
                               rect.width() + 40, 16)  # fmt: skip
                painter.drawText(label, Qt.AlignmentFlag.AlignHCenter, self.fmt(value))
            painter.drawText(QRectF(plot.left() + i * group, plot.bottom() + 18, group, 18),
                             Qt.AlignmentFlag.AlignHCenter, self.labels[i])  # fmt: skip
        painter.drawLine(QPointF(plot.left(), zero), QPointF(plot.right(), zero))
