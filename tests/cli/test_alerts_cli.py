"""``crypty bot run`` sends its alerts: a real process, a real Apprise, a loopback endpoint.

A Trader bot on the offline demo exchange buys on every candle; the process was told (through the
settings file and the keychain, as Settings › Notifications does) to send alerts to a ``json://``
endpoint on this machine. The endpoint receives "buy order filled", in the language of
``alerts.json`` (English or French), and nothing in what it receives is the target's token.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from crypty_desktop.alerts import Alerts
from crypty_desktop.credentials import CredentialStore
from tests.app.test_alerts import Endpoint

TOKEN = "tk-5ecret-t0ken"
BACKEND = """import json
from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 100
    stands_in_for_os_keychain = True  # a test double (see credentials.py)

    def __init__(self):
        super().__init__()
        self.path = {path!r}

    def _all(self):
        try:
            with open(self.path) as f:
                return json.load(f)
        except FileNotFoundError:
            return {{}}

    def get_password(self, s, u):
        return self._all().get(s + "/" + u)

    def set_password(self, s, u, p):
        d = self._all()
        d[s + "/" + u] = p
        with open(self.path, "w") as f:
            json.dump(d, f)

    def delete_password(self, s, u):
        d = self._all()
        d.pop(s + "/" + u, None)
        with open(self.path, "w") as f:
            json.dump(d, f)
"""


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    server = Endpoint()
    yield server
    server.close()


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crypty_desktop.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    ("language", "title", "bought"),
    [
        ("en", "t1: buy order filled", "Bought 0.00028 BTC at "),
        ("fr", "t1 : ordre d'achat exécuté", "Achat effectué\u00a0: 0,00028 BTC à "),
    ],
)
def test_bot_run_sends_a_trader_fill_alert_in_the_chosen_language(
    tmp_path: Path,
    endpoint: Endpoint,
    language: str,
    title: str,
    bought: str,
) -> None:
    data = tmp_path / "d"
    backend_dir = tmp_path / "kr"
    backend_dir.mkdir()
    (backend_dir / "alerts_test_keyring.py").write_text(
        BACKEND.format(path=str(tmp_path / "kr.json")), encoding="utf-8"
    )
    env = {
        **os.environ,
        "CRYPTY_DATA_DIR": str(data),
        "PYTHONPATH": f"{backend_dir}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        "PYTHON_KEYRING_BACKEND": "alerts_test_keyring.FileKeyring",
    }
    # The target, as Settings › Notifications keeps it: its address in the keychain.
    loader = importlib.util.spec_from_file_location(
        f"alerts_test_keyring_{language}", backend_dir / "alerts_test_keyring.py"
    )
    assert loader is not None and loader.loader is not None
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    # Defining a backend class registers it with keyring for this whole process: take it out,
    # or later tests that ask keyring for the machine's keychain would be handed this file.
    KeyringBackend._classes.discard(module.FileKeyring)  # type: ignore[attr-defined]
    keychain = module.FileKeyring()
    setup = Alerts(data, CredentialStore(keychain))
    setup.add_target("Phone", endpoint.url)
    setup.set_language(language)
    setup.close()
    assert TOKEN not in (data / "alerts.json").read_text(encoding="utf-8")

    assert _cli(env, "platform", "add", "Demo", "--type", "simulated").returncode == 0
    created = _cli(
        env,
        *("bot", "create", "t1", "--platform", "Demo", "--kind", "trader", "--symbol", "BTCUSDT"),
        *("--strategy", "dca", "--param", "every=1", "--param", "quote_amount=20"),
        *("--budget", "1000"),
    )
    assert created.returncode == 0, created.stderr
    proc = subprocess.Popen(
        [sys.executable, "-m", "crypty_desktop.cli", "bot", "run", "t1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline and len(endpoint.bodies) < 2:
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert len(endpoint.bodies) >= 2, out
    first = endpoint.bodies[0]
    assert first["title"] == title
    assert str(first["message"]).startswith(bought)
    assert str(first["message"]).endswith(" BTC).")
    # What the process printed for that fill is the same fill, in English.
    assert "[t1] buy: Bought 0.00028 BTC at " in out
    for raw in endpoint.raw:
        assert TOKEN.encode() not in raw
    for body in endpoint.bodies:
        assert TOKEN not in json.dumps(body)
