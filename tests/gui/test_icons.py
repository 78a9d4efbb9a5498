"""Line icons follow the theme: dark strokes on a light palette, light ones on a dark palette."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crypty_desktop.gui.icons import icon
from crypty_desktop.gui.qt import QApplication, QIcon, QImage, QSize
from crypty_desktop.gui.theme import apply_theme

pytestmark = [pytest.mark.gui]

NAV_ICONS = ("dashboard", "bots", "backtests", "platforms", "activity", "settings", "key")


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    apply_theme(qapp, "light")


def stroke_lightness(ic: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal, px: int = 24) -> float:
    """Mean lightness (0–255) of the icon's drawn (opaque) pixels."""
    image = ic.pixmap(QSize(px, px), mode).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    values = [
        image.pixelColor(x, y).lightness()
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert values, "the icon drew nothing"
    return sum(values) / len(values)


@pytest.mark.parametrize("name", NAV_ICONS)
def test_line_icons_contrast_with_the_light_and_the_dark_theme(
    themed: QApplication, name: str
) -> None:
    apply_theme(themed, "light")
    on_light = stroke_lightness(icon(name))
    apply_theme(themed, "dark")
    on_dark = stroke_lightness(icon(name))  # the same cached QIcon, painted anew
    assert on_light < 110, "dark strokes on a light window"
    assert on_dark > 150, "light strokes on a dark window"


def test_a_selected_item_draws_its_icon_in_the_highlighted_text_colour(
    themed: QApplication,
) -> None:
    apply_theme(themed, "light")
    assert stroke_lightness(icon("bots"), QIcon.Mode.Selected) > 200  # white on the highlight


def test_icons_are_sharp_on_high_dpi_screens(themed: QApplication) -> None:
    pixmap = icon("bots").pixmap(QSize(20, 20), 2.0)
    assert (pixmap.width(), pixmap.height()) == (40, 40)
    assert pixmap.devicePixelRatio() == 2.0


def test_the_application_icon_keeps_its_colours(themed: QApplication) -> None:
    assert not icon("app").isNull()
    assert icon("missing-name").isNull()
