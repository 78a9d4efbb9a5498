"""Colours: follow the system, light, or dark (Fusion with a dark palette), and the one table of
the colours that carry a meaning (a gain, a loss, a warning, a bot's kind, a state), so each
meaning has one colour on every page. Colour is never the only clue: a sign, a word or a symbol
says the same.
"""

from __future__ import annotations

from crypty_desktop.domain.bots import BotKind
from crypty_desktop.gui.qt import QApplication, QColor, QGuiApplication, QPalette, Qt

THEMES = ("system", "light", "dark")

# --- colours with a meaning (readable on the light and the dark palette) --------------------------
GAIN_COLOUR = "#1e8e3e"  # a gain, a buy, running
LOSS_COLOUR = "#c5221f"  # a loss, a sell, an error, a refused number
WARNING_COLOUR = "#b06000"  # paused, a warning beside fields, data shorter than asked
INFO_COLOUR = "#1a73e8"  # starting, running in another process
MUTED_COLOUR = "#5f6368"  # stopped, stopping
# Ghost is violet (a ghost: not real), Trader a warm orange (real money): word AND colour.
KIND_COLOURS = {BotKind.GHOST: "#6b4fbb", BotKind.TRADER: "#c2410c"}
# The optimiser's charts: the middle of the red-to-green score scale, in- and out-of-sample bars,
# and the text written on a coloured cell (dark on light, light on dark).
SCALE_MID_COLOUR = "#f2c94c"
IN_SAMPLE_COLOUR = "#4a7fc1"
OUT_SAMPLE_COLOUR = "#e08a1e"
TEXT_ON_LIGHT = "#000000"
TEXT_ON_DARK = "#ffffff"


def card_style(object_name: str) -> str:
    """The style sheet of a card: a frame named ``object_name`` on the base colour, rounded."""
    return (
        f"QFrame#{object_name} {{ background: palette(base); border: 1px solid palette(mid);"
        " border-radius: 6px; }"
    )


def system_prefers_dark() -> bool:
    """Whether the desktop asks for dark colours (Qt 6.5+ knows; otherwise no)."""
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return callable(scheme) and scheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    """A calm dark palette for the Fusion style; links and highlights stay readable."""
    palette = QPalette()
    window, base, text = QColor(45, 47, 51), QColor(32, 33, 36), QColor(230, 230, 230)
    disabled = QColor(135, 135, 135)
    role = QPalette.ColorRole
    for r, colour in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, QColor(40, 42, 46)),
        (role.ToolTipBase, QColor(60, 62, 66)),
        (role.ToolTipText, text),
        (role.PlaceholderText, disabled),
        (role.Text, text),
        (role.Button, QColor(55, 57, 61)),
        (role.ButtonText, text),
        (role.BrightText, QColor(255, 110, 110)),
        (role.Link, QColor(120, 170, 255)),
        (role.LinkVisited, QColor(170, 140, 255)),
        (role.Highlight, QColor(52, 110, 200)),
        (role.HighlightedText, QColor(255, 255, 255)),
        (role.Light, QColor(75, 77, 81)),
        (role.Midlight, QColor(62, 64, 68)),
        (role.Mid, QColor(70, 72, 76)),
        (role.Dark, QColor(150, 150, 150)),
        (role.Shadow, QColor(10, 10, 10)),
    ):
        palette.setColor(r, colour)
    for r in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, r, disabled)
    return palette


def is_dark(theme: str) -> bool:
    return theme == "dark" or (theme == "system" and system_prefers_dark())


def apply_theme(app: QApplication, theme: str) -> bool:
    """Apply a theme to the running app (widgets repaint at once); returns True when dark."""
    dark = is_dark(theme if theme in THEMES else "system")
    style = app.style()
    app.setProperty("crypty_dark", dark)
    app.setPalette(dark_palette() if dark else style.standardPalette())
    restyle_all(app)
    return dark


def restyle_all(app: QApplication) -> None:
    """Resolve again every widget's style sheet: a ``palette(base)`` in one (the sidebar, the
    panels) is read when the sheet is set, so without this it keeps the old theme's colour until
    the app restarts."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)
