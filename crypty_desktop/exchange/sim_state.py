"""The simulated exchange's memory between launches: its clock and its account, in one file.

A demo bot keeps its last candle and its position in the app's database; the simulated exchange
it trades on must then keep its clock (where the replay stands), and the account it holds (play
balances, open orders, trades), or a restarted demo would replay old candles to bots that already
saw them and sell coins the account no longer has. The file belongs to the simulated exchange
(the exchange layer never writes the app's database): JSON, written atomically (a temporary file
with owner-only permissions, fsync, then ``os.replace``), so a crash leaves the old state or the
new one, never half of one.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crypty_desktop.files import write_atomically

log = logging.getLogger(__name__)

VERSION = 1


@dataclass(frozen=True)
class SavedState:
    """What the file holds: the clock, and the account's snapshot (``SimBook.snapshot``)."""

    now_ms: int
    book: dict[str, Any]


def load_state(path: Path) -> SavedState | None:
    """The state saved at ``path``; None when there is none or it cannot be read (logged)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("The demo exchange's saved state cannot be read (%s): it starts afresh.", exc)
        return None
    try:
        data = json.loads(text)
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r}")
        return SavedState(int(data["now_ms"]), dict(data["book"]))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("The demo exchange's saved state is not readable (%s): it starts afresh.", exc)
        return None


def save_state(path: Path, state: SavedState) -> None:
    """Write ``state`` to ``path`` atomically (temporary file, fsync, ``os.replace``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"version": VERSION, "now_ms": state.now_ms, "book": state.book})
    write_atomically(path, text)
