"""The offline demo: a simulated platform and a sample Ghost bot, for a first look, no account."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.platform import IntendedUse, Platform, PlatformType

if TYPE_CHECKING:
    from crypty_desktop.bots.service import BotService
    from crypty_desktop.platforms import PlatformService

DEMO_NAME = "Demo"
SAMPLE_BOT_NAME = "BTC demo (Ghost)"
# DCA on BTCUSDT: 50 USDT every 10 candles, take profit at +0.5 %. The demo replays one 1m candle
# per second, so the sample bot trades within seconds of being started.
SAMPLE_SYMBOL = "BTCUSDT"
SAMPLE_STRATEGY = "dca"
SAMPLE_PARAMS = {"every": "10", "quote_amount": "50", "take_profit_pct": "0.5"}
SAMPLE_BUDGET = "1000"


def ensure_demo(
    platforms: PlatformService, bots: BotService, with_sample_bot: bool = True
) -> Platform:
    """The demo platform (added if missing) and, on a fresh demo, a sample Ghost bot (stopped).

    Idempotent; runs in a worker thread in the GUI (it writes the database).
    """
    platform = next(
        (p for p in platforms.list() if p.type is PlatformType.SIMULATED and p.name == DEMO_NAME),
        None,
    )
    if platform is None:
        platform = platforms.add(DEMO_NAME, PlatformType.SIMULATED, intended_use=IntendedUse.ANY)
    every = bots.list()
    if with_sample_bot and not any(b.platform_id == platform.id for b in every):
        if SAMPLE_BOT_NAME not in {b.name for b in every}:
            bots.create(
                name=SAMPLE_BOT_NAME,
                platform_name=platform.name,
                kind=BotKind.GHOST,
                symbol=SAMPLE_SYMBOL,
                strategy=SAMPLE_STRATEGY,
                params=SAMPLE_PARAMS,
                budget=SAMPLE_BUDGET,
            )
    return platform


PUBLIC_NAME = "Binance prices"


def ensure_public_data(platforms: PlatformService) -> Platform:
    """The "Binance (public data)" platform (added if missing): live prices with no key, for Ghost
    bots, charts and backtests. Idempotent; a worker thread in the GUI (it writes the database)."""
    for platform in platforms.list():
        if platform.type is PlatformType.BINANCE_PUBLIC:
            return platform
    return platforms.add(PUBLIC_NAME, PlatformType.BINANCE_PUBLIC, intended_use=IntendedUse.GHOST)
