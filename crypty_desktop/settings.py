"""Where the app keeps its files, and the environment overrides used by tests and advanced users.

Overrides:
    CRYPTY_DATA_DIR: folder for the database and logs (default: the user data dir).
    CRYPTY_BINANCE_URL: REST base replacing Binance's host for both /api and /sapi.
    CRYPTY_BINANCE_WS_URL: websocket stream base.
    CRYPTY_BINANCE_WS_API_URL: WebSocket API address (the user data stream), e.g.
        ``ws://127.0.0.1:8766/ws-api/v3``; ``ws://`` is accepted for a loopback host only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from crypty_desktop import APP_ID

DB_FILENAME = "crypty.sqlite3"


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    binance_url: str | None = None
    binance_ws_url: str | None = None
    binance_ws_api_url: str | None = None
    request_timeout: float = 10.0

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
        for folder in (self.data_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
            if os.name == "posix":
                folder.chmod(0o700)
