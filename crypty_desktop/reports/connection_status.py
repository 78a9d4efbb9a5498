"""What the status bar says about the exchanges: connected or not, and the rate-limit share used.

Read from what is already in memory (the gateways' rate limiters and the market data hubs' link
states): no network call, cheap enough for a timer on the GUI thread.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from crypty_desktop.wording import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from crypty_desktop.exchange.gateway import ExchangeGateway
    from crypty_desktop.market.hub import MarketDataHub

    Connection = tuple[str, ExchangeGateway, MarketDataHub | None]


CONNECTED = "connected"  # LinkState.CONNECTED, named here so that the stream code loads lazily
SEPARATOR = " | "

# Sentences for people (see crypty_desktop.wording).
BANNED = QT_TRANSLATE_NOOP("Core", "{platform}: banned for too many requests until {time}")
PAUSED = QT_TRANSLATE_NOOP("Core", "{platform}: paused by the rate limit until {time}")
RECONNECTING = QT_TRANSLATE_NOOP("Core", "{platform}: reconnecting ({up} of {total} streams up)")
RECONNECTING_WEIGHT = QT_TRANSLATE_NOOP(
    "Core", "{platform}: reconnecting ({up} of {total} streams up) · weight {weight} %"
)
CONNECTED_TEXT = QT_TRANSLATE_NOOP("Core", "{platform}: connected")
CONNECTED_WEIGHT = QT_TRANSLATE_NOOP("Core", "{platform}: connected · weight {weight} %")


@dataclass(frozen=True, slots=True)
class ExchangeStatus:
    platform: str
    streams: int  # live candle streams
    connected: int  # of which connected
    weight_pct: int | None  # share of Binance's per-minute request weight in use
    paused_until: float | None  # epoch seconds (a 429)
    banned_until: float | None  # epoch seconds (a 418)


def exchange_statuses(connections: Iterable[Connection]) -> list[ExchangeStatus]:
    """One line per Binance platform the app is talking to right now, from the open
    connections (platform name, gateway, its market data hub: ``Core.connections()``)."""
    out = []
    for name, gateway, hub in connections:
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


def describe_lines(
    statuses: list[ExchangeStatus],
    now: float | None = None,  # float-ok: epoch seconds
) -> list[str]:
    """One sentence per platform (``Binance: connected · weight 3 %``), or what is wrong."""
    now = time.time() if now is None else now
    parts = []
    for s in statuses:
        if s.banned_until and s.banned_until > now:
            until = datetime.fromtimestamp(s.banned_until).strftime("%H:%M")
            parts.append(BANNED.format(platform=s.platform, time=until))
            continue
        if s.paused_until and s.paused_until > now:
            until = datetime.fromtimestamp(s.paused_until).strftime("%H:%M:%S")
            parts.append(PAUSED.format(platform=s.platform, time=until))
            continue
        reconnecting = bool(s.streams) and s.connected < s.streams
        if reconnecting and s.weight_pct is not None:
            parts.append(
                RECONNECTING_WEIGHT.format(
                    platform=s.platform, up=s.connected, total=s.streams, weight=s.weight_pct
                )
            )
        elif reconnecting:
            parts.append(RECONNECTING.format(platform=s.platform, up=s.connected, total=s.streams))
        elif s.weight_pct is not None:
            parts.append(CONNECTED_WEIGHT.format(platform=s.platform, weight=s.weight_pct))
        else:
            parts.append(CONNECTED_TEXT.format(platform=s.platform))
    return parts


class PauseWatch:
    """Notices each new rate-limit pause (429) or ban (418) of a platform, once.

    Fed with the statuses the status bar reads anyway; remembers, per platform, the end of the
    last pause it reported, so a pause is news once however often it is seen.
    """

    def __init__(self) -> None:
        self._reported: dict[str, float] = {}  # float-ok: platform → end of the pause reported

    def new_pauses(
        self,
        statuses: list[ExchangeStatus],
        now: float | None = None,  # float-ok: epoch seconds
    ) -> list[tuple[str, float, bool]]:  # float-ok
        """(platform, seconds left, banned?) for each pause or ban not reported yet."""
        now = time.time() if now is None else now
        fresh = []
        for s in statuses:
            banned = bool(s.banned_until and s.banned_until > now)
            until = s.banned_until if banned else s.paused_until
            if until is None or until <= now or until <= self._reported.get(s.platform, 0.0):
                continue
            self._reported[s.platform] = until
            fresh.append((s.platform, until - now, banned))
        return fresh


def describe(statuses: list[ExchangeStatus], now: float | None = None) -> str:  # float-ok
    """Every platform's sentence of :func:`describe_lines`, separated by `` | ``."""
    return SEPARATOR.join(describe_lines(statuses, now))
