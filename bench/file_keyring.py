"""FOR THE BENCHMARKS ONLY: a keyring backend keeping secrets in a JSON file.

The crash soak runs Trader bots in child processes that read their key from the keychain. It uses
the real Secret Service when it can (``dbus-run-session -- bash scripts/with-keyring.sh``, which
``bench_crash_soak`` starts by itself); on a machine without one, ``--file-keyring`` hands the
children this backend through ``PYTHON_KEYRING_BACKEND=bench.file_keyring.BenchFileKeyring`` and
the file named by ``CRYPTY_BENCH_KEYRING``. It holds only the fake exchange's throwaway keys, in a
temporary folder, and is never part of the app.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

FILE_ENV = "CRYPTY_BENCH_KEYRING"


class BenchFileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ[FILE_ENV])

    def _entries(self) -> dict[str, str]:
        try:
            data: dict[str, str] = json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}
        return data

    def get_password(self, service: str, username: str) -> str | None:
        return self._entries().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._entries()
        entries[f"{service}/{username}"] = password
        self.path.write_text(json.dumps(entries))
        self.path.chmod(0o600)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._entries()
        if entries.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError("not found")
        self.path.write_text(json.dumps(entries))
