"""The window's backtest and ``crypty backtest`` are one: the same request gives the same result."""

from __future__ import annotations

import io
import json

from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.cli import main
from crypty_desktop.cli_bot import fill_json
from crypty_desktop.demo import ensure_demo
from crypty_desktop.domain.fees import buy_and_hold_value
from crypty_desktop.gui.backtest_page import BacktestsPage
from crypty_desktop.gui.backtest_results import BacktestResultView, progress_text
from crypty_desktop.gui.qt import QDate

FILL_KEYS = ("time", "side", "price", "quantity", "fee", "fee_asset")


def test_the_window_and_the_command_line_give_identical_results(qtbot: QtBot, core: Core) -> None:
    ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    page = BacktestsPage(core)
    qtbot.addWidget(page)
    page.set_platforms(core.platforms.list())
    qtbot.waitUntil(lambda: page.choices_job is None, timeout=15_000)
    page.start_edit.setDate(QDate(2024, 3, 1))
    page.end_edit.setDate(QDate(2024, 3, 31))
    heard: list[str] = []
    with qtbot.wait_signal(page.sig_result_opened, timeout=60_000) as blocker:
        job = page.run()
        assert job is not None
        job.sig_progress.connect(lambda p: heard.append(progress_text(p)))
    view = blocker.args[0]
    assert isinstance(view, BacktestResultView)
    outcome = view.outcome

    out = io.StringIO()
    args = ["backtest", "--strategy", "sma_cross", "--symbol", "BTCUSDT", "--interval", "1h"]
    args += ["--from", "2024-03-01", "--to", "2024-03-31T23:59:59.999999", "--json"]
    assert main(args, core=core, stdout=out) == 0
    data = json.loads(out.getvalue())

    window = {k: v for k, v in outcome.summary.as_json().items() if k != "seconds"}
    assert {k: v for k, v in data["summary"].items() if k != "seconds"} == window
    fills = outcome.result.fills
    assert [{k: d[k] for k in FILL_KEYS} for d in data["fills"]] == [
        {k: fill_json(f)[k] for k in FILL_KEYS} for f in fills
    ]
    # Each fill's reason: the same in the window's result and the command line's JSON.
    reasons = [outcome.result.reasons[f.client_order_id] for f in fills]
    assert [d["reason"] for d in data["fills"]] == reasons and all(reasons)
    assert any(text.startswith("Replaying candles: 744 of 744") for text in heard)
    assert len(data["fills"]) > 0 and data["summary"]["candles"] == 31 * 24
    # The window's buy-and-hold curve is the one rule, fees included.
    first, last = outcome.candles[0].open, outcome.candles[-1].close
    assert outcome.hold[-1] == float(buy_and_hold_value(outcome.request.budget, first, last))
