"""What running bots need from the app, handed in by the composition root.

``app.Core`` builds one :class:`BotContext` (``core.bot_context``) and passes it to the bot
lifecycle (``host``), the panic button (``panic``), manual cancels (``manual``) and the daily loss
limit (``loss_limit``): they see the stores, gateways, locks and streams a bot uses, never the
whole core, and nothing below the front ends imports ``app.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crypty_desktop.alerts import Alerts
    from crypty_desktop.bots.loss_limit import LossLimits
    from crypty_desktop.bots.ownership import LockFolder
    from crypty_desktop.bots.running import RunningHere
    from crypty_desktop.bots.service import BotService
    from crypty_desktop.bots.wake import WakeWatch
    from crypty_desktop.domain.platform import Platform
    from crypty_desktop.exchange.gateway import ExchangeGateway
    from crypty_desktop.exchange.user_stream import UserDataStream
    from crypty_desktop.market.hub import MarketDataHub
    from crypty_desktop.storage import Store
    from crypty_desktop.storage.bots import BotStore
    from crypty_desktop.storage.orders import OrderLog


@dataclass(eq=False)
class BotContext:
    """The app's parts a running bot uses.

    Attributes:
        store: the database (the loss limit's per-platform day claims).
        bot_store, order_log: the bots' specs, states, logs and their orders.
        bots: create/edit rules and ``platform_of``.
        locks: one process per running bot; ``running``: the bots this process runs.
        alerts: where bot events, panics and loss limits are announced (queued, never waits).
        data_dir: the data folder (storage problems are said in words naming it).
        gateway_for: the platform's shared exchange gateway.
        market_data: the platform's shared live-candle hub (``market/hub.py``).
        user_stream, release_user_stream: a Trader bot's share of its key's user data stream.
        wake_watch: the suspend detector (started on first use).
        loss_limits: the platforms' daily loss limits (built here: they stop bots themselves).
    """

    store: Store
    bot_store: BotStore
    order_log: OrderLog
    bots: BotService
    locks: LockFolder
    running: RunningHere
    alerts: Alerts
    data_dir: Path
    gateway_for: Callable[[Platform], ExchangeGateway]
    market_data: Callable[[Platform], MarketDataHub]
    user_stream: Callable[[Platform], UserDataStream | None]
    release_user_stream: Callable[[UserDataStream], None]
    wake_watch: Callable[[], WakeWatch]
    loss_limits: LossLimits = field(init=False)

    def __post_init__(self) -> None:
        from crypty_desktop.bots.loss_limit import LossLimits

        self.loss_limits = LossLimits(self)
