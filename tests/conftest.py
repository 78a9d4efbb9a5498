"""Shared fixtures: a temporary data dir, an in-memory keychain, a core wired to them."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from crypty_desktop.app import Core, build_core  # noqa: E402
from crypty_desktop.credentials import CredentialStore  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from tests.fakes.fake_binance import FakeBinance  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the user's real data dir or Binance."""
    monkeypatch.setenv("CRYPTY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CRYPTY_BINANCE_URL", raising=False)
    monkeypatch.delenv("CRYPTY_BINANCE_WS_URL", raising=False)
    monkeypatch.delenv("CRYPTY_BINANCE_WS_API_URL", raising=False)


class _WarningCatcher(logging.Handler):
    """Keeps every WARNING (or worse) the app logs while a test runs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self.expected: list[re.Pattern[str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("crypty_desktop"):
            self.records.append(record)

    def unexpected(self) -> list[str]:
        said = [f"{r.levelname} {r.name}: {r.getMessage()}" for r in self.records]
        return [s for s in said if not any(p.search(s) for p in self.expected)]


_CATCHER = _WarningCatcher()
logging.getLogger().addHandler(_CATCHER)


@pytest.fixture(autouse=True)
def _no_unexpected_warning(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test fails when the app logs a WARNING (or worse) it did not declare with the ``logs``
    marker (``@pytest.mark.logs(r"regex", ...)``, on the test or its module). A test that reads
    the log itself (``caplog``) has declared what it expects there."""
    _CATCHER.records.clear()
    _CATCHER.expected.clear()
    for mark in request.node.iter_markers("logs"):
        _CATCHER.expected.extend(re.compile(pattern) for pattern in mark.args)
    yield
    if "caplog" in request.fixturenames:
        return
    unexpected = _CATCHER.unexpected()
    _CATCHER.records.clear()
    assert not unexpected, "unexpected warnings logged:\n" + "\n".join(unexpected)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def core(settings: Settings, memory_keyring: MemoryKeyring) -> Iterator[Core]:
    c = build_core(settings, CredentialStore(memory_keyring))
    yield c
    c.close()


@pytest.fixture
def fake_binance() -> Iterator[FakeBinance]:
    """A started loopback fake Binance (tests/fakes/fake_binance.py); stopped after the test."""
    with FakeBinance() as fake:
        yield fake
