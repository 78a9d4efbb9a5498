"""Shared fixtures: a temporary data dir, an in-memory keychain, a core wired to them."""

from __future__ import annotations

import os
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
