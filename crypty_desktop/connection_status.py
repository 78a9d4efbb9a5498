"""What the status bar says about the exchanges: connected or not, and the rate-limit share used.

Read from what is already in memory (the gateways' rate limiters and the market data hubs' link
states): no network call, cheap enough for a timer on the GUI thread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crypty_desktop.app import Core


CONNECTED = "connected"  # LinkState.CONNECTED, named here so that the stream code loads lazily


@dataclass(frozen=True, slots=True)
class ExchangeStatus:
    platform: str
    streams: int  # live candle streams
    connected: int  # of which connected
    weight_pct: int | None  # share of Binance's per-minute request weight in use
    paused_until: float | None  # epoch seconds (a 429)
    banned_until: float | None  # epoch seconds (a 418)


def exchange_statuses(core: Core) -> list[ExchangeStatus]:
    """One line per Binance platform the app is talking to right now."""
    out = []
    for name, gateway, hub in core.connections():
        usage_of = getattr(gateway, "rate_usage", None)
        if usage_of is None:  # the simulated exchange
            continue
        usage = usage_of()
        links = list(hub.status().values()) if hub is not None else []
        out.append(
            ExchangeStatus(
                platform=name or "Binance",
                streams=len(links),
                connected=sum(1 for s in links if s.state == CONNECTED),
                weight_pct=round(usage.weight_share * 100),
                paused_until=usage.paused_until,
                banned_until=usage.banned_until,
            )
        )
    return out


def describe(statuses: list[ExchangeStatus], now: float | None = None) -> str:  # float-ok
    """``Binance: connected · weight 3 %``, or what is wrong, in words."""
    now = time.time() if now is None else now
    parts = []
    for s in statuses:
        if s.banned_until and s.banned_until > now:
            until = datetime.fromtimestamp(s.banned_until).strftime("%H:%M")
            parts.append(f"{s.platform}: banned for too many requests until {until}")
            continue
        if s.paused_until and s.paused_until > now:
            until = datetime.fromtimestamp(s.paused_until).strftime("%H:%M:%S")
            parts.append(f"{s.platform}: paused by the rate limit until {until}")
            continue
        if s.streams and s.connected < s.streams:
            link = f"reconnecting ({s.connected} of {s.streams} streams up)"
        else:
            link = "connected"
        weight = f" · weight {s.weight_pct} %" if s.weight_pct is not None else ""
        parts.append(f"{s.platform}: {link}{weight}")
    return " | ".join(parts)
