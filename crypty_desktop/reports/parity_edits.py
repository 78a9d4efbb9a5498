"""Parity and edits of a bot's settings: what an edit saved during the compared window means for
each trade, in words (``reports.parity`` explains with it).

The backtest replays the whole window with the bot's settings of now. A trade the bot made before
an edit was made with the settings of then; one after it follows a backtest that had the new
settings from the start. A trade belongs to before an edit when its candle is at most the last one
the bot had handled when the edit was saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from crypty_desktop.wording import QT_TRANSLATE_NOOP

EDITED = QT_TRANSLATE_NOOP(
    "Core", "Your settings changed on {time}, after the candle of {candle}: {changes}."
)
EDITED_BEFORE = QT_TRANSLATE_NOOP(
    "Core",
    "Your settings changed on {time}, after the candle of {candle}: {changes}. The bot made this "
    "trade with the settings of before; the backtest replays the whole window with the current "
    "ones.",
)
EDITED_AFTER = QT_TRANSLATE_NOOP(
    "Core",
    "Your settings changed on {time}, after the candle of {candle}: {changes}. The backtest had "
    "the new settings from the start of the window, the bot only from then on.",
)


@dataclass(frozen=True, slots=True)
class SettingsEdit:
    """An edit of the bot's trading settings, as parity needs it."""

    time: int  # ms, when it was saved (wall clock)
    after_candle: int  # open time of the last candle the bot had handled then (-1: none)
    changes: str  # what changed, as ``storage.bots.BotEdit.words`` writes it


def when(ms: int) -> str:
    """A time in a reason: ``2024-03-01 12:05 UTC``."""
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M UTC")


def settings_note(edits: Sequence[SettingsEdit], interval_ms: int, time: int) -> str:
    """What the edits saved since the window began (``Records.window_edits``) mean for a trade at
    ``time`` ("" if none does)."""
    candle = time - time % interval_ms
    later = [e for e in edits if candle <= e.after_candle]
    if later:
        edit = later[0]
        return EDITED_BEFORE.format(**edit_values(edit))
    if edits:
        return EDITED_AFTER.format(**edit_values(edits[-1]))
    return ""


def edit_values(edit: SettingsEdit) -> dict[str, str]:
    return {"time": when(edit.time), "candle": when(edit.after_candle), "changes": edit.changes}
