"""Icons from the one set shipped in ``resources/icons`` (SVG); a missing one is empty.

The line icons are drawn in ``LINE_COLOUR``; they are painted in the colour of the current
palette's text instead (softened towards the background, as the set is drawn), so they stay
readable on a dark theme, and in the highlighted text colour where their item is selected. The
colour is read when the icon is painted: a theme switched at run time repaints them right.
Other icons (the application's) are shown as drawn.
"""

from __future__ import annotations

from functools import cache

from crypty_desktop.gui.qt import (
    QByteArray,
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
    QRect,
    QRectF,
    QSize,
    QSvgRenderer,
    Qt,
)
from crypty_desktop.resources import resource_path

LINE_COLOUR = "#4a5866"  # the stroke every line icon of the set is drawn with
TEXT_SHARE = 0.75  # float-ok: how much of the text colour (the rest is the background's)


@cache
def icon(name: str) -> QIcon:
    path = resource_path("icons", f"{name}.svg")
    if not path.is_file():
        return QIcon()
    svg = path.read_text(encoding="utf-8")
    if LINE_COLOUR not in svg:
        return QIcon(str(path))
    return QIcon(PaletteIconEngine(svg))


def _rgb(colour: QColor) -> tuple[float, float, float]:  # float-ok: Qt colour channels
    return colour.redF(), colour.greenF(), colour.blueF()


def line_colour(mode: QIcon.Mode, palette: QPalette | None = None) -> QColor:
    """The colour a line icon is painted in, for an icon mode, from the palette."""
    palette = palette or QGuiApplication.palette()
    if mode is QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    group = (
        QPalette.ColorGroup.Disabled if mode is QIcon.Mode.Disabled else QPalette.ColorGroup.Active
    )
    text = palette.color(group, QPalette.ColorRole.WindowText)
    back = palette.color(group, QPalette.ColorRole.Window)
    mixed = QColor()
    mixed.setRgbF(
        *(
            TEXT_SHARE * t + (1 - TEXT_SHARE) * b
            for t, b in zip(_rgb(text), _rgb(back), strict=True)
        )
    )
    return mixed


class PaletteIconEngine(QIconEngine):
    """Paints a line icon's SVG with its stroke in the palette's colour (see the module)."""

    def __init__(self, svg: str) -> None:
        super().__init__()
        self._svg = svg
        self._renderers: dict[str, QSvgRenderer] = {}

    def _renderer(self, colour: QColor) -> QSvgRenderer:
        name = colour.name()
        renderer = self._renderers.get(name)
        if renderer is None:
            data = QByteArray(self._svg.replace(LINE_COLOUR, name).encode("utf-8"))
            renderer = self._renderers[name] = QSvgRenderer(data)
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._renderer(line_colour(mode)).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(  # noqa: N802 - Qt's name
        self,
        size: QSize,
        mode: QIcon.Mode,
        state: QIcon.State,
        scale: float,  # float-ok: device pixel ratio
    ) -> QPixmap:
        """Drawn at the screen's resolution (a 20×20 icon is 40×40 pixels on a 2× screen)."""
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(0, 0, pixmap.width(), pixmap.height()), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return PaletteIconEngine(self._svg)
