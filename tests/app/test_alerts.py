"""Alerts through Apprise, delivered for real to a loopback HTTP endpoint (Apprise's ``json://``).

- The payload carries the title and the message, in English or in French as the user's language.
- No secret reaches it: not the Binance key, not the secret, not the target's own address.
- A target that hangs holds up only the delivery thread: a Trader bot places all its orders while
  the endpoint still holds the first alert.
- A target that fails is retried, then shown as failing, in words without its address.
- The target's address lives in the keychain, not in the settings file.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crypty_desktop.alerts import AlertEvent, Alerts
from crypty_desktop.app import Core
from crypty_desktop.bots.host import BotThread, build_bot
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotSpec, Decision, EventKind
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.notifications import Notification, NotificationKind
from tests.bots.test_bots_binance import (
    KEY,
    SECRET,
    binance,
    candle,
    dca_bot,
    env,
    streams,
    this_minute,
    wait_for,
)
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.fake_streams import FakeStreamServer
from tests.memory_keyring import MemoryKeyring

__all__ = ["binance", "env", "streams"]


class Endpoint:
    """A loopback HTTP server recording what it is POSTed; ``hold`` makes it hang until released."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, object]] = []
        self.raw: list[bytes] = []
        self.hold = threading.Event()
        self.release = threading.Event()
        self.status = 200
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                data = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                endpoint.raw.append(data + str(self.headers).encode())
                endpoint.bodies.append(json.loads(data or b"{}"))
                if endpoint.hold.is_set():
                    endpoint.release.wait(30)
                self.send_response(endpoint.status)
                self.end_headers()

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"json://127.0.0.1:{self.server.server_address[1]}/hook?token=tk-5ecret-t0ken"

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    server = Endpoint()
    yield server
    server.close()


@pytest.fixture
def alerts(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Alerts]:
    center = Alerts(tmp_path, CredentialStore(memory_keyring), first_pause=0.05)
    yield center
    center.close()


def _fill_notice() -> Notification:
    return Notification(
        NotificationKind.FILL,
        "BTC trader",
        "Bought 0.00033 BTC at 60000.5 USDT (fee 0.00000033 BTC).",
        "info",
        cause="buy",
    )


def test_a_test_alert_reaches_the_endpoint_without_any_secret(
    alerts: Alerts, endpoint: Endpoint, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    target = alerts.add_target("My phone", endpoint.url)
    assert endpoint.url not in (tmp_path / "alerts.json").read_text(encoding="utf-8")
    assert list(memory_keyring.entries.values()) == [endpoint.url]  # the address: keychain only
    alerts.send_test()
    assert alerts.wait_idle()
    [payload] = endpoint.bodies
    assert payload["title"] == "Crypty Desktop: test alert"
    assert str(payload["message"]).startswith("Alerts reach you here.")
    status = alerts.status(target.id)
    assert status is not None and status.ok


def test_alerts_speak_english_or_french_and_follow_the_switches(
    alerts: Alerts, endpoint: Endpoint
) -> None:
    alerts.add_target("Chat", endpoint.url)
    alerts.on_notice(_fill_notice())
    assert alerts.wait_idle()  # worded when delivered, in the language of that moment
    alerts.set_language("fr")
    alerts.on_notice(_fill_notice())
    alerts.set_enabled(AlertEvent.TRADER_FILL, False)
    alerts.on_notice(_fill_notice())  # switched off: not sent
    assert alerts.wait_idle()
    english, french = endpoint.bodies
    assert english["title"] == "BTC trader: buy order filled"
    assert english["message"] == "Bought 0.00033 BTC at 60000.5 USDT (fee 0.00000033 BTC)."
    assert french["title"] == "BTC trader : ordre d'achat exécuté"
    assert (
        french["message"]
        == "Achat effectué\u00a0: 0,00033 BTC à 60\u202f000,5 USDT (frais 0,00000033 BTC)."
    )
    for raw in endpoint.raw:
        assert KEY.encode() not in raw and SECRET.encode() not in raw


def test_an_order_refused_sends_its_alert(alerts: Alerts, endpoint: Endpoint) -> None:
    alerts.add_target("Chat", endpoint.url)
    spec = BotSpec("b1", "Grid", BotKind.TRADER, 1, "BTCUSDT", "1m", "grid")
    words = "Order not placed (grid level): Insufficient balance."
    alerts.on_bot_event(Decision("b1", 0, "refused", words, EventKind.REFUSED), spec)
    alerts.on_bot_event(Decision("b1", 0, "error", words, EventKind.ERROR), spec)  # not a refusal
    alerts.on_bot_event(Decision("b1", 0, "hold", "Waiting."), spec)
    assert alerts.wait_idle()
    [payload] = endpoint.bodies
    assert payload["title"] == "Grid: an order was refused"


@pytest.mark.logs(r"Alert not delivered")
def test_a_failing_target_is_retried_then_shown_failing_in_words(
    alerts: Alerts, endpoint: Endpoint
) -> None:
    endpoint.status = 500
    target = alerts.add_target("Broken", endpoint.url)
    alerts.send_test()
    assert alerts.wait_idle()
    assert len(endpoint.bodies) == 3  # three attempts, with a pause between them
    status = alerts.status(target.id)
    assert status is not None and not status.ok
    assert status.error == "The service did not accept the message."


def test_an_unknown_address_is_refused_and_nothing_is_kept(
    alerts: Alerts, memory_keyring: MemoryKeyring
) -> None:
    with pytest.raises(ValidationError, match="not one Apprise knows"):
        alerts.add_target("Mine", "nothing-like-a-url")
    assert memory_keyring.entries == {} and alerts.config.targets == []


def test_a_hanging_target_does_not_slow_a_trader_bot(
    binance: Core, env: FakeBinance, streams: FakeStreamServer, endpoint: Endpoint
) -> None:
    binance.alerts.add_target("Hangs", endpoint.url)
    endpoint.hold.set()  # the endpoint keeps every request until released
    spec = dca_bot(binance, BotKind.TRADER)
    thread = BotThread(
        build_bot(binance.bot_context, spec, lambda e: binance.alerts.on_bot_event(e, spec))
    )
    thread.start()
    try:
        streams.wait_connections(1)
        base = this_minute()
        for i in range(4):
            streams.push_kline(candle(base, i))
        wait_for(lambda: len(env.orders()) >= 3)  # every fill sent an alert; none waited for it
        assert len(endpoint.bodies) == 1  # the first alert is still held by the endpoint
        assert not endpoint.release.is_set()
    finally:
        thread.stop()
    endpoint.release.set()
    assert binance.alerts.wait_idle(30)
    assert [str(b["title"]) for b in endpoint.bodies][:3] == ["trader-dca: buy order filled"] * 3
