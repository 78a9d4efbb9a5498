"""One colour per meaning: the table in ``gui/theme.py`` is the only place a colour is written."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState
from crypty_desktop.gui import bot_badges, theme
from crypty_desktop.gui.bot_models import STATE_SIGNS
from crypty_desktop.gui.dashboard import DashboardPage, DashboardRow
from crypty_desktop.reports.bots import BotRow

GUI = Path(theme.__file__).parent
MEANINGS = {
    theme.GAIN_COLOUR,
    theme.LOSS_COLOUR,
    theme.WARNING_COLOUR,
    theme.INFO_COLOUR,
    theme.MUTED_COLOUR,
    *theme.KIND_COLOURS.values(),
}


def test_a_colour_with_a_meaning_is_written_only_in_the_theme() -> None:
    for path in sorted(GUI.glob("*.py")):
        if path.name == "theme.py":
            continue
        found = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", path.read_text())}
        assert not found & {c.lower() for c in MEANINGS}, f"{path.name} retypes {found}"


def _row(kind: BotKind) -> DashboardRow:
    spec = BotSpec(
        id=f"colour{kind.value}",
        name=kind.value,
        kind=kind,
        platform_id=1,
        symbol="BTCUSDT",
        interval="1h",
        strategy="sma_cross",
        budget=Decimal(100),
    )
    return DashboardRow(BotRow(spec, None, BotState.STOPPED, "", None, "", None, "USDT"))


def test_trader_and_ghost_have_one_colour_on_the_dashboard_and_in_the_bot_list(
    qtbot: QtBot, core: Core
) -> None:
    page = DashboardPage(core)
    qtbot.addWidget(page)
    page.show_bots([_row(BotKind.GHOST), _row(BotKind.TRADER)])
    for row, kind in enumerate((BotKind.GHOST, BotKind.TRADER)):
        shown = page.bots_table.item(row, 1).foreground().color().name()
        assert shown == theme.KIND_COLOURS[kind]  # the Dashboard's Kind cell
    assert bot_badges.KIND_COLOURS is theme.KIND_COLOURS  # the bot list's badges
    assert theme.KIND_COLOURS[BotKind.TRADER] == "#c2410c"  # orange: real money
    assert STATE_SIGNS[BotState.RUNNING][1] == theme.GAIN_COLOUR
    assert STATE_SIGNS[BotState.ERROR][1] == theme.LOSS_COLOUR
