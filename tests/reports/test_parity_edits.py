"""A bot edited during its window: the edit is kept (storage, a migration) and said in its log,
and parity says for every trade what the edit means for it (before: made with the settings of
then; after: the backtest had the new settings from the start), in words and in ``--json``.
On the demo exchange: a Ghost bot edited between two runs."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from crypty_desktop.app import Core
from crypty_desktop.domain.bots import BotSpec, EventKind
from crypty_desktop.reports import parity as p
from crypty_desktop.reports import parity_edits as e
from crypty_desktop.reports.parity_run import bot_parity
from crypty_desktop.storage.bots import SETTINGS_CHANGED
from crypty_desktop.storage.store import SCHEMA_VERSION, Store
from tests.reports.test_parity import cli, ghost, run_ghost, template


def edit(core: Core, spec: BotSpec, **params: str) -> BotSpec:
    platform = core.bots.platform_of(spec)
    return core.bots.update(
        spec, name=spec.name, platform_name=platform.name, kind=spec.kind, symbol=spec.symbol,
        strategy=spec.strategy, params={**spec.params, **params}, budget=spec.budget,
        interval=spec.interval, stop_loss="2",
    )  # fmt: skip


def edited_ghost(core: Core) -> tuple[BotSpec, int]:
    """A Ghost bot that traded with fast 3, was edited to fast 5 with a 2 % stop-loss, and traded
    on; and the last candle it had handled before the edit."""
    spec = ghost(core)
    run_ghost(core, spec, trades=4)
    last = int(core.bot_store.runtime(spec.id)["last_candle"])
    spec = edit(core, spec, fast="5")
    run_ghost(core, spec, trades=8)
    return spec, last


def test_an_edit_is_kept_with_what_changed_and_said_in_the_log(core: Core) -> None:
    spec, last = edited_ghost(core)
    [saved] = core.bot_store.edits(spec.id)
    assert saved.after_candle == last
    assert saved.changes == (("fast", "3", "5"), ("stop_loss_pct", "", "2"))
    said = [d for d in core.bot_store.decisions(spec.id) if d.message.startswith("Settings")]
    assert [(d.kind, d.message) for d in said] == [
        (EventKind.INFO, SETTINGS_CHANGED.format(changes="fast 3 → 5, stop_loss_pct — → 2"))
    ]
    assert said[0].time == last + 60_000  # at the close of the last candle before the edit
    # A save that changes nothing it trades by (here, nothing at all) records no edit.
    edit(core, spec)
    assert len(core.bot_store.edits(spec.id)) == 1


def test_parity_says_which_trades_the_edit_concerns(core: Core) -> None:
    spec, last = edited_ghost(core)
    report = bot_parity(core, spec)
    assert [template(n) for n in report.notes] == [e.EDITED]
    rows = report.rows()
    assert any(row[1].time <= last for row in rows) and any(row[1].time > last for row in rows)
    for _kind, trade, _partner, words in rows:
        wanted = e.EDITED_BEFORE if trade.time - trade.time % 60_000 <= last else e.EDITED_AFTER
        assert wanted in [template(w) for w in words], (trade, words)
    unmatched = report.only_live + report.only_backtest
    assert unmatched  # fast 3 then, fast 5 in the replay: the trades before the edit differ
    generic = {p.KNOCK_ON, p.UNEXPLAINED}
    assert not [u for u in unmatched if template(u.reason) in generic]  # the edit says why
    early = [u for u in unmatched if u.trade.time <= last]
    assert early and all(template(u.reason) == e.EDITED_BEFORE for u in early)
    assert "fast 3 → 5, stop_loss_pct — → 2" in early[0].reason


def test_parity_json_and_text_carry_the_edit_per_trade(core: Core) -> None:
    spec, last = edited_ghost(core)
    code, out, err = cli(core, "bot", "parity", spec.name, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [template(n) for n in data["notes"]] == [e.EDITED]
    entries = data["matched"] + data["only_live"] + data["only_backtest"]
    assert entries
    for entry in entries:
        at = entry["candle"] if "candle" in entry else entry["time"]
        wanted = e.EDITED_BEFORE if at - at % 60_000 <= last else e.EDITED_AFTER
        assert template(entry["settings_changed"]) == wanted
    code, out, err = cli(core, "bot", "parity", spec.name)
    assert code == 0, err
    assert out.count("Your settings changed on ") >= len(entries) + 1  # the note, each trade


def test_a_bot_never_edited_has_no_settings_field_filled(core: Core) -> None:
    spec = ghost(core)
    run_ghost(core, spec, trades=4)
    code, out, err = cli(core, "bot", "parity", spec.name, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["notes"] == [] and all(m["settings_changed"] is None for m in data["matched"])


def test_version_9_adds_the_edits_table_to_an_older_database(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    Store(path, backup=False).close()
    with sqlite3.connect(path) as conn:  # as version 8 left it
        conn.execute("DROP TABLE bot_edit")
        conn.execute("DELETE FROM schema_version WHERE version >= 9")
    store = Store(path, backup=False)
    assert store.schema_version() == SCHEMA_VERSION >= 9
    with sqlite3.connect(path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(bot_edit)")}
    assert {"bot_id", "time", "after_candle", "changes_json"} <= columns
    store.close()
