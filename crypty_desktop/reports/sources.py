"""What the reports read: the app's services, seen through a protocol so that ``reports/`` never
imports the composition root (``app.Core`` fits it, and so does anything a test builds)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from crypty_desktop.bots.service import BotService
    from crypty_desktop.domain.platform import Platform
    from crypty_desktop.exchange.gateway import ExchangeGateway
    from crypty_desktop.market.history import History
    from crypty_desktop.platforms import PlatformService
    from crypty_desktop.storage.bots import BotStore
    from crypty_desktop.storage.candles import CandleStore
    from crypty_desktop.storage.orders import OrderLog


class Services(Protocol):
    """The services a report reads: bots and their records, platforms, candles, gateways."""

    @property
    def platforms(self) -> PlatformService: ...

    @property
    def bots(self) -> BotService: ...

    @property
    def bot_store(self) -> BotStore: ...

    @property
    def order_log(self) -> OrderLog: ...

    @property
    def candles(self) -> CandleStore: ...

    def gateway_for(self, platform: Platform) -> ExchangeGateway: ...

    def history_gateway(self, platform: Platform) -> ExchangeGateway: ...

    def history(self, platform: Platform) -> History: ...
