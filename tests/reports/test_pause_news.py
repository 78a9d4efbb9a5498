"""Rate-limit pauses and bans said by ``crypty bot run`` (its output and the alerts), as the
window's status bar says them: once each, against the real gateway and the fake Binance."""

from __future__ import annotations

import io
import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from crypty_desktop.app import Core
from crypty_desktop.cli import main
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.errors import IpBanned, RateLimited
from crypty_desktop.reports.pause_news import PauseNews
from tests.app.test_alerts import Endpoint
from tests.bots.test_bots_binance import binance, dca_bot, env, streams  # noqa: F401 - fixtures
from tests.fakes.fake_binance import FakeBinance

pytestmark = pytest.mark.logs("crypty_desktop.exchange")  # the gateway warns of the 429/418


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    server = Endpoint()
    yield server
    server.close()


def _refused(core: Core, fake: FakeBinance, status: int, retry_after: str) -> None:
    """Binance answers one request with ``status``: the platform's requests pause."""
    fake.fail_next("/api/v3/account", status=status, headers={"Retry-After": retry_after})
    with pytest.raises(RateLimited if status == 429 else IpBanned):
        core.gateway_for(core.platforms.find("Binance")).balances()


def test_a_pause_and_then_a_ban_are_each_said_once_with_an_alert(
    binance: Core,  # noqa: F811 - fixture
    env: FakeBinance,  # noqa: F811 - fixture
    endpoint: Endpoint,
) -> None:
    binance.alerts.add_target("Phone", endpoint.url)
    lines: list[str] = []
    news = PauseNews(binance.connections, binance.alerts)
    assert news.check(lines.append) == 0  # nothing open yet, then a calm platform
    _refused(binance, env, 429, "2")  # short: the next request waits for its end
    assert news.check(lines.append) == 1
    assert news.check(lines.append) == 0  # the same pause seen again: said once
    [line] = lines
    assert line.startswith("Binance: paused by the rate limit until ")
    _refused(binance, env, 418, "600")
    assert news.check(lines.append) == 1
    assert lines[1].startswith("Binance: banned for too many requests until ")
    assert binance.alerts.wait_idle()
    titles = [body["title"] for body in endpoint.bodies]
    assert titles == ["Binance: requests paused by Binance", "Binance: requests blocked by Binance"]


def test_crypty_bot_run_says_a_pause_met_while_it_runs(
    binance: Core,  # noqa: F811 - fixture
    env: FakeBinance,  # noqa: F811 - fixture
    endpoint: Endpoint,
) -> None:
    binance.alerts.add_target("Phone", endpoint.url)
    spec = dca_bot(binance, BotKind.GHOST)
    out = io.StringIO()
    said = threading.Event()

    def elsewhere() -> None:
        """Another part of the process meets a 429 while the bot runs; then Ctrl+C."""
        deadline = time.monotonic() + 20
        while "running" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.05)
        _refused(binance, env, 429, "30")
        while "paused by the rate limit" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.05)
        said.set()
        os.kill(os.getpid(), signal.SIGINT)

    helper = threading.Thread(target=elsewhere)
    helper.start()
    assert main(["bot", "run", spec.name], core=binance, stdout=out) == 0
    helper.join()
    assert said.is_set()
    printed = out.getvalue().splitlines()
    assert sum("paused by the rate limit" in line for line in printed) == 1
    assert binance.alerts.wait_idle()
    assert [b["title"] for b in endpoint.bodies] == ["Binance: requests paused by Binance"]
