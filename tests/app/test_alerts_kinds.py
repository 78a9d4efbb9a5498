"""Every kind of alert, delivered for real to a loopback Apprise ``json://`` endpoint, in English
and in French, each switchable: Trader fill, bot stopped by a risk rule, order refused, key refused
(a real -2015 from the fake Binance), requests paused or blocked (a real 429, and the limiter's
pause and ban), Make everything safe, and the daily P&L summary (hand-computed figures, on an
injected clock: it leaves once, on the first check after midnight UTC, for the running bots only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.alerts import AlertEvent, Alerts
from crypty_desktop.app import Core
from crypty_desktop.bots.panic import make_safe
from crypty_desktop.bots.risk import MAX_DRAWDOWN
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotSpec, BotState, BotStatus, Decision, EventKind
from crypty_desktop.domain.errors import AuthError, RateLimited
from tests.app.test_alerts import Endpoint
from tests.bots.test_bots_binance import KEY, SECRET, binance, dca_bot, env, streams
from tests.fakes.fake_binance import FakeBinance
from tests.memory_keyring import MemoryKeyring

__all__ = ["binance", "env", "streams"]

SPEC = BotSpec("b1", "Grid", BotKind.TRADER, 1, "BTCUSDT", "1m", "grid")
DAY = 86_400
MIDNIGHT = 19_800 * DAY  # 2024-03-18 00:00 UTC


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    server = Endpoint()
    yield server
    server.close()


def _deliver(alerts: Alerts, endpoint: Endpoint, language: str, post: Callable[[], None]) -> dict:
    """Post one event in ``language``, switched on then off: exactly one payload arrives."""
    alerts.add_target("Phone", endpoint.url)
    alerts.set_language(language)
    post()
    assert alerts.wait_idle()
    assert len(endpoint.bodies) == 1, endpoint.bodies
    for raw in endpoint.raw:
        for secret in (KEY, SECRET, "tk-5ecret-t0ken"):
            assert secret.encode() not in raw
    return endpoint.bodies[0]


def _switched_off(alerts: Alerts, endpoint: Endpoint, event: AlertEvent, post: Callable) -> None:
    alerts.forget(SPEC.id)
    alerts.set_enabled(event, False)
    before = len(endpoint.bodies)
    post()
    assert alerts.wait_idle()
    assert len(endpoint.bodies) == before


@pytest.fixture
def alerts(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Alerts]:
    center = Alerts(tmp_path, CredentialStore(memory_keyring), first_pause=0.05)
    yield center
    center.close()


@pytest.mark.parametrize(
    ("language", "title", "message"),
    [
        ("en", "Grid: sell order filled", "Sold 0.5 BTC at 61000.25 USDT (fee 30.5 USDT)."),
        (
            "fr",
            "Grid : ordre de vente exécuté",
            "Vente effectuée\u00a0: 0,5 BTC à 61\u202f000,25 USDT (frais 30,5 USDT).",
        ),
    ],
)
def test_trader_fill(
    alerts: Alerts, endpoint: Endpoint, language: str, title: str, message: str
) -> None:
    words = "Sold 0.5 BTC at 61000.25 USDT (fee 30.5 USDT)."
    fill = Decision("b1", 0, "sell", words, EventKind.FILL)
    payload = _deliver(alerts, endpoint, language, lambda: alerts.on_bot_event(fill, SPEC))
    assert payload == {**payload, "title": title, "message": message}
    _switched_off(alerts, endpoint, AlertEvent.TRADER_FILL, lambda: alerts.on_bot_event(fill, SPEC))


RISK = MAX_DRAWDOWN.format(equity="180.5", drawdown="12.5", peak="206.29", limit="10")


@pytest.mark.parametrize(
    ("language", "title", "start"),
    [
        ("en", "Grid stopped by a risk rule", "Max drawdown: the value 180.5 is 12.5 % below"),
        ("fr", "Grid arrêté par une règle de risque", "Perte max"),
    ],
)
def test_bot_stopped_by_a_risk_rule(
    alerts: Alerts, endpoint: Endpoint, language: str, title: str, start: str
) -> None:
    def stop() -> None:
        running = BotStatus("b1", BotState.RUNNING, None, None, None, Decimal(0), Decimal(0), None)
        alerts.on_bot_event(running, SPEC)
        stopped = BotStatus(
            "b1",
            BotState.ERROR,
            None,
            None,
            None,
            Decimal(0),
            Decimal(0),
            None,
            reason=RISK,
            reason_kind=EventKind.MAX_DRAWDOWN,
        )
        alerts.on_bot_event(stopped, SPEC)

    payload = _deliver(alerts, endpoint, language, stop)
    assert payload["title"] == title
    assert str(payload["message"]).startswith(start)
    if language == "fr":
        assert "180,5" in str(payload["message"]) and "206,29" in str(payload["message"])
    _switched_off(alerts, endpoint, AlertEvent.RISK_STOP, stop)


@pytest.mark.parametrize(
    ("language", "title", "message"),
    [
        (
            "en",
            "Grid: an order was refused",
            "Order not placed (grid level): Insufficient balance.",
        ),
        (
            "fr",
            "Grid : un ordre a été refusé",
            "Ordre non passé (grid level)\u00a0: Insufficient balance.",
        ),
    ],
)
def test_order_refused(
    alerts: Alerts, endpoint: Endpoint, language: str, title: str, message: str
) -> None:
    words = "Order not placed (grid level): Insufficient balance."
    refused = Decision("b1", 0, "refused", words, EventKind.REFUSED)
    payload = _deliver(alerts, endpoint, language, lambda: alerts.on_bot_event(refused, SPEC))
    assert (payload["title"], payload["message"]) == (title, message)
    _switched_off(
        alerts, endpoint, AlertEvent.ORDER_REFUSED, lambda: alerts.on_bot_event(refused, SPEC)
    )


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Binance: Binance refused the key"), ("fr", "Binance : Binance a refusé la clé")],
)
def test_key_refused_by_binance(
    binance: Core, env: FakeBinance, endpoint: Endpoint, language: str, title: str
) -> None:
    env.remove_key(KEY)  # revoked: Binance answers -2015 from now on
    platform = binance.platforms.find("Binance")
    with pytest.raises(AuthError) as refused:
        binance.gateway_for(platform).balances()
    alerts = binance.alerts
    payload = _deliver(
        alerts, endpoint, language, lambda: alerts.on_error(refused.value, "Binance")
    )
    assert payload["title"] == title
    assert payload["message"]  # the adapter's words, said in the language
    _switched_off(
        alerts,
        endpoint,
        AlertEvent.KEY_REFUSED,
        lambda: alerts.on_error(AuthError("Binance refused the key (other)."), "Other"),
    )


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Binance: requests paused by Binance"),
        ("fr", "Binance : requêtes suspendues par Binance"),
    ],
)
def test_requests_paused_by_a_real_429(
    binance: Core, env: FakeBinance, endpoint: Endpoint, language: str, title: str
) -> None:
    env.fail_next("*", 429, count=20)
    platform = binance.platforms.find("Binance")
    with pytest.raises(RateLimited) as slowed:
        binance.gateway_for(platform).balances()
    env.clear_faults()
    alerts = binance.alerts
    payload = _deliver(alerts, endpoint, language, lambda: alerts.on_error(slowed.value, "Binance"))
    assert payload["title"] == title


@pytest.mark.parametrize(
    ("language", "paused", "banned"),
    [
        (
            "en",
            (
                "Demo: requests paused by Binance",
                "Binance asked the app to slow down; requests resume in 30 s.",
            ),
            (
                "Demo: requests blocked by Binance",
                "Binance blocked requests from this computer "
                "for sending too many; they resume in 5 min.",
            ),
        ),
        (
            "fr",
            (
                "Demo : requêtes suspendues par Binance",
                "Binance a demandé à l'application de "
                "ralentir\u00a0; les requêtes reprennent dans 30\u00a0s.",
            ),
            (
                "Demo : requêtes bloquées par Binance",
                "Binance a bloqué les requêtes de cet "
                "ordinateur, trop nombreuses\u00a0; elles reprennent dans 5\u00a0min.",
            ),
        ),
    ],
)
def test_rate_limit_pause_and_ban(
    alerts: Alerts,
    endpoint: Endpoint,
    language: str,
    paused: tuple[str, str],
    banned: tuple[str, str],
) -> None:
    payload = _deliver(
        alerts, endpoint, language, lambda: alerts.on_rate_limit_pause("Demo", 30, False)
    )
    assert (payload["title"], payload["message"]) == paused
    alerts.on_rate_limit_pause("Demo", 300, True)
    assert alerts.wait_idle()
    assert (endpoint.bodies[1]["title"], endpoint.bodies[1]["message"]) == banned
    _switched_off(
        alerts, endpoint, AlertEvent.RATE_LIMITED, lambda: alerts.on_rate_limit_pause("X", 60, True)
    )


@pytest.mark.parametrize(
    ("language", "title", "lines"),
    [
        (
            "en",
            "Crypty Desktop: everything was made safe",
            ["trader-dca (Trader, BTCUSDT):", "stopped; it will not start again by itself"],
        ),
        (
            "fr",
            "Crypty Desktop : tout a été mis en sécurité",
            ["arrêté ; il ne redémarrera pas tout seul"],
        ),
    ],
)
def test_make_everything_safe(
    binance: Core, endpoint: Endpoint, language: str, title: str, lines: list[str]
) -> None:
    spec = dca_bot(binance, BotKind.TRADER)
    binance.bot_store.set_state(spec.id, BotState.RUNNING, should_run=True)  # another run died
    alerts = binance.alerts
    report: list[object] = []
    payload = _deliver(
        alerts, endpoint, language, lambda: report.append(make_safe(binance.bot_context))
    )
    assert payload["title"] == title
    message = str(payload["message"]).replace("\u00a0", " ")
    for line in lines:
        assert line in message.split("\n"), message
    assert binance.bot_store.state(spec.id)[0] is BotState.STOPPED
    _switched_off(alerts, endpoint, AlertEvent.PANIC, lambda: make_safe(binance.bot_context))


class Clock:
    def __init__(self, now: float) -> None:  # float-ok: epoch seconds
        self.now = now

    def __call__(self) -> float:  # float-ok
        return self.now


def _summary_bots(core: Core) -> None:
    """Three bots: two running with hand-picked equity, one stopped (left out)."""
    specs = [
        core.bots.create(
            name=name,
            platform_name="Demo",
            kind=BotKind.GHOST,
            symbol=symbol,
            strategy="dca",
            params={"every": "1", "quote_amount": "20"},
            budget=budget,
        )
        for name, symbol, budget in (
            ("Alpha", "BTCUSDT", "200"),
            ("Beta", "ETHBTC", "1000"),
            ("Gamma", "BTCUSDT", "500"),
        )
    ]
    for spec, equity, state in zip(
        specs,
        ("212.3456", "987.5", "900"),
        (BotState.RUNNING, BotState.RUNNING, BotState.STOPPED),
        strict=True,
    ):
        core.bot_store.checkpoint(spec.id, {}, [], (MIDNIGHT * 1000, Decimal(equity), Decimal(1)))
        core.bot_store.set_state(spec.id, state)


@pytest.mark.parametrize(
    ("language", "title", "message"),
    [
        (
            "en",
            "Crypty Desktop: today's summary",
            # Alpha: 212.3456 − 200 = 12.3456 → 12.35 USDT; 12.3456 × 100 / 200 = 6.1728 → 6.17 %.
            # Beta: 987.5 − 1000 = −12.5 BTC; −12.5 × 100 / 1000 = −1.25 %.
            "Alpha: P&L 12.35 USDT (6.17 %)\nBeta: P&L -12.5 BTC (-1.25 %)",
        ),
        (
            "fr",
            "Crypty Desktop : le bilan du jour",
            "Alpha : P&P 12,35 USDT (6,17 %)\nBeta : P&P \u221212,5 BTC (\u22121,25 %)",
        ),
    ],
)
def test_daily_summary_leaves_once_after_midnight_utc(
    core: Core,
    endpoint: Endpoint,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    language: str,
    title: str,
    message: str,
) -> None:
    from crypty_desktop.cli import main

    assert main(["platform", "add", "Demo", "--type", "simulated"], core=core) == 0
    _summary_bots(core)
    clock = Clock(MIDNIGHT - 1)  # 23:59:59 UTC
    alerts = Alerts(
        tmp_path / "alerts",
        CredentialStore(memory_keyring),
        summary=core.daily_summary,
        clock=clock,
    )
    try:
        alerts.add_target("Phone", endpoint.url)
        alerts.set_language(language)
        assert not alerts.summarise_if_due()  # the same day: nothing
        clock.now = MIDNIGHT + 1  # 00:00:01 the next day
        assert alerts.summarise_if_due()
        assert not alerts.summarise_if_due()  # once a day
        clock.now = MIDNIGHT + DAY - 1
        assert not alerts.summarise_if_due()
        assert alerts.wait_idle()
        [payload] = endpoint.bodies
        assert (payload["title"], str(payload["message"]).replace("\u00a0", " ")) == (
            title,
            message,
        )
        alerts.set_enabled(AlertEvent.DAILY_SUMMARY, False)
        clock.now = MIDNIGHT + DAY + 1
        alerts.summarise_if_due()  # switched off: made, not sent
        assert alerts.wait_idle()
        assert len(endpoint.bodies) == 1
    finally:
        alerts.close()
