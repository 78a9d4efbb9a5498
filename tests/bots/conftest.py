"""Fixtures of the bot tests that several files share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crypty_desktop.app import Core
from tests.bots.trader_grid import trader_core
from tests.fakes.fake_binance import FakeBinance
from tests.memory_keyring import MemoryKeyring


@pytest.fixture
def trader_binance(
    fake_binance: FakeBinance, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Core]:
    """A core on the fake Binance with a trading key (``trader_grid.trader_core``)."""
    core = trader_core(fake_binance, memory_keyring, monkeypatch)
    yield core
    core.close()
