"""GUI fixtures: a main window, the Platforms dialog, a core wired to the loopback fake Binance."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.gui.jobs import wait_for_jobs
from crypty_desktop.settings import Settings
from tests.fakes.fake_binance import FakeBinance
from tests.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def _private_qsettings(tmp_path: Path) -> Iterator[None]:
    """Every test gets its own QSettings folder: the user's real settings are never touched."""
    from crypty_desktop.gui.qt import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    yield


@pytest.fixture(autouse=True)
def _jobs_drained() -> Iterator[None]:
    """No background job outlives its test (and the core it uses)."""
    yield
    assert wait_for_jobs(15_000), "a background job was still running after the test"


@pytest.fixture
def binance_core(
    tmp_path: Path, fake_binance: FakeBinance, memory_keyring: MemoryKeyring
) -> Iterator[Core]:
    settings = Settings(data_dir=tmp_path / "binance-data", binance_url=fake_binance.url)
    core = build_core(settings, CredentialStore(memory_keyring))
    yield core
    wait_for_jobs(15_000)
    core.close()


@pytest.fixture
def no_onboarding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRYPTY_NO_ONBOARDING", "1")
