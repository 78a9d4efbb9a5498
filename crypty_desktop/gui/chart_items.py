"""pyqtgraph items for price charts: candlesticks and volume bars drawn from cached pictures.

Importing this module imports pyqtgraph (and numpy): only chart builders import it, lazily.

Candles are recorded into ``QPicture`` chunks of ``CHUNK`` candles. Painting replays only the
chunks in view; appending a candle re-records the last chunk only, so a chart of 100,000 candles
takes a new candle without redrawing the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crypty_desktop.gui.qt import QBrush, QColor, QPainter, QPen, QPicture, QPointF, QRectF, Qt
from crypty_desktop.gui.qt import load_pyqtgraph as _load

pg: Any = _load()

Row = tuple[float, float, float, float, float, float]  # float-ok: (t, open, high, low, close, vol)

UP = "#26a69a"
DOWN = "#ef5350"


class ChunkedRowsItem(pg.GraphicsObject):
    """Rows drawn by ``draw_row`` into one picture per chunk; subclasses say how and how high."""

    CHUNK = 512

    def __init__(self, width: float) -> None:  # float-ok: seconds
        super().__init__()
        self.width = width
        self.rows: list[Row] = []
        self._pictures: list[QPicture] = []
        self._spans: list[tuple[float, float]] = []  # float-ok: x range of each chunk
        self._bounds = QRectF()
        self.recorded = 0  # how many chunk pictures were recorded (tests watch it)

    # --- data ----------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Row]) -> None:
        self.prepareGeometryChange()
        self.rows = list(rows)
        self._pictures = []
        self._spans = []
        for start in range(0, len(self.rows), self.CHUNK):
            self._record(start // self.CHUNK)
        self._bounds = self._compute_bounds(self.rows)
        self.update()

    def append(self, row: Row) -> None:
        """Add a row after the last one (or replace the last one if it has the same time)."""
        if self.rows and row[0] == self.rows[-1][0]:
            self.rows[-1] = row
        elif self.rows and row[0] < self.rows[-1][0]:
            return  # older than what is drawn: ignore
        else:
            self.rows.append(row)
        self._record((len(self.rows) - 1) // self.CHUNK)
        low, high = self.y_range(row)
        bounds = self._bounds
        left = row[0] - self.width if bounds.isNull() else min(bounds.left(), row[0] - self.width)
        top = low if bounds.isNull() else min(bounds.top(), low)
        bottom = high if bounds.isNull() else max(bounds.bottom(), high)
        right = row[0] + self.width
        self.prepareGeometryChange()
        self._bounds = QRectF(left, top, right - left, bottom - top)
        self.update()

    def _record(self, chunk: int) -> None:
        rows = self.rows[chunk * self.CHUNK : (chunk + 1) * self.CHUNK]
        picture = QPicture()
        painter = QPainter(picture)
        self.begin_chunk(painter)
        for row in rows:
            self.draw_row(painter, row)
        painter.end()
        span = (rows[0][0] - self.width, rows[-1][0] + self.width)
        if chunk < len(self._pictures):
            self._pictures[chunk] = picture
            self._spans[chunk] = span
        else:
            self._pictures.append(picture)
            self._spans.append(span)
        self.recorded += 1

    def _compute_bounds(self, rows: Sequence[Row]) -> QRectF:
        if not rows:
            return QRectF()
        lows, highs = zip(*(self.y_range(r) for r in rows), strict=True)
        low, high = min(lows), max(highs)
        left, right = rows[0][0] - self.width, rows[-1][0] + self.width
        return QRectF(left, low, right - left, high - low)

    # --- subclasses ------------------------------------------------------------------------------
    def begin_chunk(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def draw_row(self, painter: QPainter, row: Row) -> None:
        raise NotImplementedError

    def y_range(self, row: Row) -> tuple[float, float]:  # float-ok
        raise NotImplementedError

    # --- QGraphicsItem ---------------------------------------------------------------------------
    def paint(self, painter: QPainter, *_args: object) -> None:
        view = self.viewRect()
        left = view.left() if view is not None else None
        right = view.right() if view is not None else None
        for picture, (a, b) in zip(self._pictures, self._spans, strict=True):
            if left is not None and right is not None and (b < left or a > right):
                continue
            painter.drawPicture(0, 0, picture)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(self._bounds)

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None):  # noqa: N802, N803
        """Auto-range on y considers the candles in the x range shown (pyqtgraph's hook)."""
        if not self.rows:
            return None
        if ax == 0:
            return (self._bounds.left(), self._bounds.right())
        rows = self.rows
        if orthoRange is not None:
            lo, hi = orthoRange
            rows = [r for r in rows if lo <= r[0] <= hi] or rows
        ranges = [self.y_range(r) for r in rows]
        return (min(a for a, _ in ranges), max(b for _, b in ranges))


class CandlestickItem(ChunkedRowsItem):
    """Candles: a body from open to close and a wick from low to high; green up, red down."""

    def __init__(self, width: float) -> None:  # float-ok
        super().__init__(width)
        self.up_pen = pg.mkPen(UP)
        self.down_pen = pg.mkPen(DOWN)
        self.up_brush = QBrush(QColor(UP))
        self.down_brush = QBrush(QColor(DOWN))

    def draw_row(self, painter: QPainter, row: Row) -> None:
        t, o, h, low, c, _v = row
        up = c >= o
        painter.setPen(self.up_pen if up else self.down_pen)
        painter.drawLine(QPointF(t, low), QPointF(t, h))
        painter.setBrush(self.up_brush if up else self.down_brush)
        half = self.width * 0.4
        painter.drawRect(QRectF(t - half, o, half * 2, (c - o) or (h - low) * 1e-3 or 1e-9))

    def y_range(self, row: Row) -> tuple[float, float]:  # float-ok
        return row[3], row[2]


class VolumeItem(ChunkedRowsItem):
    """Volume bars from zero, tinted like their candle."""

    def __init__(self, width: float) -> None:  # float-ok
        super().__init__(width)
        up, down = QColor(UP), QColor(DOWN)
        up.setAlpha(110)
        down.setAlpha(110)
        self.up_brush, self.down_brush = QBrush(up), QBrush(down)

    def begin_chunk(self, painter: QPainter) -> None:
        super().begin_chunk(painter)
        painter.setPen(QPen(Qt.PenStyle.NoPen))

    def draw_row(self, painter: QPainter, row: Row) -> None:
        t, o, _h, _low, c, v = row
        painter.setBrush(self.up_brush if c >= o else self.down_brush)
        half = self.width * 0.4
        painter.drawRect(QRectF(t - half, 0.0, half * 2, v))

    def y_range(self, row: Row) -> tuple[float, float]:  # float-ok
        return 0.0, row[5]
