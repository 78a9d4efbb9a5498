"""Where the app keeps its files, and the environment overrides used by tests and advanced users.

Overrides:
    CRYPTY_DATA_DIR: folder for the database and logs (default: the user data dir).
    CRYPTY_BINANCE_URL: REST base replacing Binance's host for both /api and /sapi.
    CRYPTY_BINANCE_WS_URL: websocket stream base.
    CRYPTY_BINANCE_WS_API_URL: WebSocket API address (the user data stream), e.g.
        ``ws://127.0.0.1:8766/ws-api/v3``; ``ws://`` is accepted for a loopback host only.

The Binance overrides carry signed requests and the API key header: they must be https:// (wss://
for streams), except to this computer itself (127.0.0.0/8, ::1, localhost), where the loopback
fake Binance of the tests listens in plain http.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from crypty_desktop import APP_ID
from crypty_desktop.domain.addresses import is_loopback
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.names import shown
from crypty_desktop.wording import QT_TRANSLATE_NOOP

UNSAFE_URL = QT_TRANSLATE_NOOP(
    "Core",
    "{variable} must start with {secure}:// (“{url}” does not). Only an address on this computer "
    "(127.0.0.1, ::1 or localhost) may use {plain}://, because your key and signed requests "
    "would otherwise travel unencrypted.",
)


def check_override_url(variable: str, url: str, secure: str, plain: str) -> str:
    """``url`` if ``secure``:// to any host or ``plain``:// to loopback, else ValidationError."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        parts, host = None, ""
    scheme = parts.scheme.lower() if parts is not None else ""
    if host and (scheme == secure or (scheme == plain and is_loopback(host))):
        return url
    raise ValidationError(
        UNSAFE_URL.format(variable=variable, url=shown(url[:200]), secure=secure, plain=plain)
    )


DB_FILENAME = "crypty.sqlite3"


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    binance_url: str | None = None
    binance_ws_url: str | None = None
    binance_ws_api_url: str | None = None
    request_timeout: float = 10.0

    def __post_init__(self) -> None:
        if self.binance_url is not None:
            check_override_url("CRYPTY_BINANCE_URL", self.binance_url, "https", "http")
        if self.binance_ws_url is not None:
            check_override_url("CRYPTY_BINANCE_WS_URL", self.binance_ws_url, "wss", "ws")
        if self.binance_ws_api_url is not None:
            check_override_url("CRYPTY_BINANCE_WS_API_URL", self.binance_ws_api_url, "wss", "ws")

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        data_dir_env = env.get("CRYPTY_DATA_DIR")
        if data_dir_env:
            data_dir = Path(data_dir_env).expanduser()
        else:
            from platformdirs import user_data_dir

            data_dir = Path(user_data_dir(APP_ID, appauthor=False))
        return cls(
            data_dir=data_dir,
            binance_url=(env.get("CRYPTY_BINANCE_URL") or None),
            binance_ws_url=(env.get("CRYPTY_BINANCE_WS_URL") or None),
            binance_ws_api_url=(env.get("CRYPTY_BINANCE_WS_API_URL") or None),
        )

    def ensure_dirs(self) -> None:
        """Create the data and log folders, private to the user. A folder that exists already
        keeps its permissions: ``CRYPTY_DATA_DIR`` may name a folder others share."""
        for folder in (self.data_dir, self.log_dir):
            if folder.is_dir():
                continue
            try:
                folder.mkdir(parents=True)
            except FileExistsError:
                continue  # made by someone else meanwhile: not ours to change
            if os.name == "posix":
                folder.chmod(0o700)
