"""``crypty bot list --json`` shows what the window's bot list and Dashboard show."""

from __future__ import annotations

import io
import json

from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.cli import main
from crypty_desktop.domain.bots import BotState, Decision
from crypty_desktop.domain.money import strip
from crypty_desktop.reports.bots import pnl_json
from tests.gui.bot_helpers import close_window, open_window
from tests.gui.test_dashboard import holding_bot


def test_the_command_line_lists_what_the_window_shows(qtbot: QtBot, core: Core) -> None:
    spec, _held, _cost = holding_bot(core)  # bought 500 USDT of BTC and holds it
    core.bot_store.add_decision(Decision(spec.id, 1, "buy", "Buy 0.0071 BTC at market: cross"))
    core.bot_store.set_state(spec.id, BotState.STOPPED, "Stopped by you.", should_run=False)
    out = io.StringIO()
    assert main(["bot", "list", "--json"], core=core, stdout=out) == 0
    (listed,) = json.loads(out.getvalue())

    window = open_window(qtbot, core)
    try:
        (entry,) = window.bots.list.model.entries()  # the bot list's row
        assert listed["name"] == entry.spec.name and listed["platform"] == entry.platform_name
        assert listed["state"] == entry.state.value and listed["reason"] == entry.reason
        assert listed["last_action"] == entry.last_action == "Buy 0.0071 BTC at market: cross"
        assert listed["running_elsewhere"] is (entry.elsewhere is not None) is False
        assert listed["pnl"] == strip(entry.pnl) and listed["pnl_pct"] == strip(entry.pnl_pct)
        assert {k: listed[k] for k in pnl_json(entry.figures)} == pnl_json(entry.figures)

        page = window.dashboard_page
        page.refresh()  # what its timer and Refresh do
        qtbot.waitUntil(lambda: bool(page.rows) and page.job is None, timeout=15_000)
        (row,) = page.rows  # the Dashboard's row: free, locked, realised, unrealised, fees, P&L
        assert row.report is not None and listed["quote"] == row.quote == "USDT"
        assert {k: listed[k] for k in pnl_json(row.pnl)} == pnl_json(row.pnl)
        assert listed["base_free"] != "0" and listed["unrealised"] is not None
    finally:
        close_window(window)
