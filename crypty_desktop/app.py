"""Composition root: builds settings, storage, the keychain door and the exchange connector."""

from __future__ import annotations

from dataclasses import dataclass, field

from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.platform import ApiCredentials, PlatformType
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.platforms import PlatformService
from crypty_desktop.settings import Settings
from crypty_desktop.storage import Store


@dataclass
class Core:
    """Everything below the GUI, wired together. Plain Python: the CLI and the GUI share it."""

    settings: Settings
    store: Store
    credentials: CredentialStore
    platforms: PlatformService = field(init=False)

    def __post_init__(self) -> None:
        self.platforms = PlatformService(self.store, self.credentials, self.connect)

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

    def close(self) -> None:
        self.store.close()


def build_core(
    settings: Settings | None = None, credentials: CredentialStore | None = None
) -> Core:
    settings = settings or Settings.from_env()
    settings.ensure_dirs()
    store = Store(settings.db_path)
    return Core(settings=settings, store=store, credentials=credentials or CredentialStore())
