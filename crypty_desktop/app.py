"""Composition root: builds settings, storage, the keychain door, exchanges and services."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError

from crypty_desktop.alerts import Alerts
from crypty_desktop.bots.context import BotContext
from crypty_desktop.bots.loss_limit import LossLimits
from crypty_desktop.bots.ownership import LOCKS_FOLDER, LockFolder
from crypty_desktop.bots.removal import Removals
from crypty_desktop.bots.running import RunningHere
from crypty_desktop.bots.service import BotService
from crypty_desktop.bots.wake import WakeWatch
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.platform import ApiCredentials, Platform, PlatformType
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.market.history import History, history_source
from crypty_desktop.platforms import PlatformService
from crypty_desktop.settings import Settings
from crypty_desktop.storage import Store
from crypty_desktop.storage.bots import BotStore
from crypty_desktop.storage.candles import CandleStore
from crypty_desktop.storage.health import (
    Backup,
    DatabaseDamaged,
    StorageUnavailable,
    restore,
    storage_problem,
)
from crypty_desktop.storage.orders import OrderLog

__all__ = ["Core", "DatabaseDamaged", "StorageUnavailable", "build_core", "restore_newest_backup"]

# The simulated exchanges' own files (their clock and play account between launches).
DEMO_FOLDER = "demo"

if TYPE_CHECKING:
    from crypty_desktop.exchange.user_stream import UserDataStream
    from crypty_desktop.exchange.user_streams import UserStreams
    from crypty_desktop.market.hub import MarketDataHub
    from crypty_desktop.preferences import PreferenceStore


@dataclass
class Core:
    """Everything below the GUI, wired together. Plain Python: the CLI and the GUI share it."""

    settings: Settings
    store: Store
    credentials: CredentialStore
    platforms: PlatformService = field(init=False)
    bot_store: BotStore = field(init=False)
    order_log: OrderLog = field(init=False)
    candles: CandleStore = field(init=False)
    bots: BotService = field(init=False)
    locks: LockFolder = field(init=False)
    running: RunningHere = field(init=False)
    removals: Removals = field(init=False)
    alerts: Alerts = field(init=False)
    loss_limits: LossLimits = field(init=False)
    bot_context: BotContext = field(init=False)

    def __post_init__(self) -> None:
        self.locks = LockFolder(self.settings.data_dir / LOCKS_FOLDER)
        self.running = RunningHere()
        self.platforms = PlatformService(
            self.store,
            self.credentials,
            self.connect,
            on_key_changed=self.forget_gateway,
            bots_running=self.running_bot_names,
        )
        self.bot_store = BotStore(self.store)
        self.order_log = OrderLog(self.store)
        self.candles = CandleStore(self.store)
        self.removals = Removals(
            self.bot_store,
            self.order_log,
            self.platforms,
            self.locks,
            self.running,
            self.gateway_for,
        )
        self.bots = BotService(
            self.bot_store, self.platforms, self.gateway_for, self.locks, self.removals
        )
        self.alerts = Alerts(self.settings.data_dir, self.credentials, summary=self.daily_summary)
        self.bot_context = BotContext(
            store=self.store,
            bot_store=self.bot_store,
            order_log=self.order_log,
            bots=self.bots,
            locks=self.locks,
            running=self.running,
            alerts=self.alerts,
            data_dir=self.settings.data_dir,
            gateway_for=self.gateway_for,
            market_data=self.market_data,
            user_stream=self.user_stream,
            release_user_stream=self.release_user_stream,
            wake_watch=self.wake_watch,
        )
        self.loss_limits = self.bot_context.loss_limits
        self._gateways: dict[int, ExchangeGateway] = {}
        self._user_streams: UserStreams | None = None
        self._hubs: dict[int, MarketDataHub] = {}
        self._names: dict[int, str] = {}  # platform names of the open gateways
        self._wake: WakeWatch | None = None
        self._lock = threading.Lock()

    def wake_watch(self) -> WakeWatch:
        """The process's suspend detector (started on first use): after a suspend every market
        data hub fetches the candles it missed and reconnects its streams at once."""
        with self._lock:
            watch = self._wake
            if watch is None:
                watch = self._wake = WakeWatch()
                watch.subscribe(self._on_wake)
                watch.start()
        return watch

    def _on_wake(self, _seconds: float) -> None:  # float-ok: seconds asleep
        with self._lock:
            hubs = list(self._hubs.values())
        for hub in hubs:
            hub.wake()

    def connect(self, type_: PlatformType, creds: ApiCredentials) -> ExchangeGateway:
        """Open a gateway to a Binance platform (python-binance is imported only when needed)."""
        from crypty_desktop.exchange.binance import BinanceGateway

        gateway: ExchangeGateway = BinanceGateway(
            type_,
            creds,
            base_url=self.settings.binance_url,
            timeout=self.settings.request_timeout,
        )
        return gateway

    def connect_public(self) -> ExchangeGateway:
        """A gateway to Binance's public market data: no key is read, none is sent."""
        from crypty_desktop.exchange.binance import BinanceGateway

        return BinanceGateway(
            PlatformType.BINANCE_PUBLIC,
            None,
            base_url=self.settings.binance_url,
            timeout=self.settings.request_timeout,
        )

    def gateway_for(self, platform: Platform) -> ExchangeGateway:
        """The platform's shared gateway. For Binance the key is read from the keychain now."""
        with self._lock:
            gateway = self._gateways.get(platform.id)
            if gateway is None:
                if platform.type is PlatformType.SIMULATED:
                    from crypty_desktop.exchange.simulated import SimulatedExchange

                    gateway = SimulatedExchange(state_path=self.demo_state_path(platform))
                elif platform.type is PlatformType.BINANCE_PUBLIC:
                    gateway = self.connect_public()
                else:
                    gateway = self.connect(platform.type, self.platforms.credentials_for(platform))
                self._gateways[platform.id] = gateway
            self._names[platform.id] = platform.name
            return gateway

    def demo_state_path(self, platform: Platform) -> Path:
        """The file where a simulated platform keeps its clock and play account between launches
        (named by the platform's id and creation time: a demo added again starts afresh)."""
        created = platform.created_at
        stamp = f"-{int(created.timestamp())}" if created is not None else ""
        return self.settings.data_dir / DEMO_FOLDER / f"exchange-{platform.id}{stamp}.json"

    def user_stream(self, platform: Platform) -> UserDataStream | None:
        """The platform key's user data stream (shared; ``release_user_stream`` when done).

        None for the simulated exchange and the public market data (no key), and when the REST
        host is overridden (a local test server) without a WebSocket API address: the bots then
        poll over REST.
        """
        if not platform.type.needs_keys:
            return None
        settings = self.settings
        if settings.binance_url and not settings.binance_ws_api_url:
            return None
        from crypty_desktop.exchange.user_streams import UserStreams

        creds = self.platforms.credentials_for(platform)
        with self._lock:
            if self._user_streams is None:
                self._user_streams = UserStreams()
            streams = self._user_streams
        return streams.acquire(platform.type, creds, url=settings.binance_ws_api_url)

    def release_user_stream(self, stream: UserDataStream) -> None:
        with self._lock:
            streams = self._user_streams
        if streams is not None:
            streams.release(stream)

    @property
    def preferences(self) -> PreferenceStore:
        """The user's preferences (the file the window's Settings and ``crypty preferences``
        read and write)."""
        from crypty_desktop.preferences import PreferenceStore

        return PreferenceStore.beside(self.settings.data_dir)

    def history_gateway(self, platform: Platform) -> ExchangeGateway:
        """Where a platform's history comes from (``market.history.history_source``)."""
        return history_source(platform, self.gateway_for)

    def history(self, platform: Platform) -> History:
        """The platform's candle history (backtests, charts, the command line): the candle store
        first, the platform (or the demo's data) for what it lacks."""
        return History(self.history_gateway(platform), self.candles, platform.type.value)

    def market_data(self, platform: Platform) -> MarketDataHub:
        """The platform's shared live-candle hub (one stream per symbol and interval)."""
        from crypty_desktop.market.hub import MarketDataHub

        with self._lock:
            hub = self._hubs.get(platform.id)
        if hub is None:
            gateway = self.gateway_for(platform)
            with self._lock:
                hub = self._hubs.get(platform.id)
                if hub is None:
                    hub = MarketDataHub(
                        gateway,
                        self.candles,
                        venue=platform.type.value,
                        ws_url=self.settings.binance_ws_url,
                        testnet=platform.type is PlatformType.BINANCE_TESTNET,
                        platform_type=platform.type,
                    )
                    self._hubs[platform.id] = hub
        return hub

    def connections(self) -> list[tuple[str, ExchangeGateway, MarketDataHub | None]]:
        """The gateways open now (platform name, gateway, its market data hub if any).

        Read from memory only (no database): the status bar calls it on the GUI thread.
        """
        with self._lock:
            return [
                (self._names.get(pid, ""), gw, self._hubs.get(pid))
                for pid, gw in self._gateways.items()
            ]

    def running_bot_names(self, platform_id: int) -> list[str]:
        """The bots of a platform that run now, in this process or another (their locks)."""
        return sorted(
            spec.name
            for spec in self.bot_store.for_platform(platform_id)
            if self.running.get(spec.id) is not None or self.locks.bot_owner(spec.id) is not None
        )

    def forget_gateway(self, platform_id: int) -> None:
        """Drop a platform's connection (its key changed, or it was removed); the next use
        reads the key from the keychain again. No bot of the platform runs by then: a key
        change is refused while one does, and a removal stops them first."""
        with self._lock:
            gateway = self._gateways.pop(platform_id, None)
            hub = self._hubs.pop(platform_id, None)
            self._names.pop(platform_id, None)
        if hub is not None:
            hub.close()
        if gateway is not None:
            gateway.close()

    def daily_summary(self) -> list[tuple[str, str, str, str]]:
        """Each running bot's P&L (name, P&L, quote asset, percent), for the daily alert."""
        from crypty_desktop.domain.bots import BotState
        from crypty_desktop.domain.money import strip
        from crypty_desktop.reports.exports import split_pair

        lines = []
        for spec in self.bot_store.all():
            state, _reason, _ = self.bot_store.state(spec.id)
            equity = self.bot_store.last_equity(spec.id)
            if state is not BotState.RUNNING or equity is None or not spec.budget:
                continue
            pnl = equity - spec.budget
            percent = (pnl * 100 / spec.budget).quantize(Decimal("0.01"))
            quote = split_pair(spec.symbol)[1]
            lines.append((spec.name, strip(pnl.quantize(Decimal("0.01"))), quote, strip(percent)))
        return lines

    def close(self) -> None:
        self.alerts.close()
        with self._lock:
            watch, self._wake = self._wake, None
            streams, self._user_streams = self._user_streams, None
            hubs, self._hubs = list(self._hubs.values()), {}
            gateways, self._gateways = list(self._gateways.values()), {}
        if watch is not None:
            watch.stop()
        for hub in hubs:
            hub.close()
        for gateway in gateways:
            gateway.close()
        if streams is not None:
            streams.close()
        self.store.close()


def build_core(
    settings: Settings | None = None, credentials: CredentialStore | None = None
) -> Core:
    """The core over the data folder of ``settings`` (the environment's by default).

    Raises:
        DatabaseDamaged: the database is damaged or empty where data was (nothing changed).
        StorageUnavailable: the data folder is read-only, its disk full or failing (one sentence).
    """
    settings = settings or Settings.from_env()
    try:
        settings.ensure_dirs()
        store = Store(settings.db_path)
    except (OSError, sqlite3.Error, DBAPIError) as exc:
        problem = storage_problem(exc, settings.data_dir)
        if problem is None:
            raise
        raise StorageUnavailable(problem) from exc
    return Core(settings=settings, store=store, credentials=credentials or CredentialStore())


def restore_newest_backup(damaged: DatabaseDamaged) -> tuple[Backup, Path | None]:
    """Put the newest automatic backup back as the damaged database (the damaged file is moved
    aside, never deleted); then ``build_core`` again. Nobody may have the database open.

    Raises:
        CryptyError: the backup could not be restored; OSError: the disk refused.
    """
    return restore(damaged.path, damaged.backups[0].number)
