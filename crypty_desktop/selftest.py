"""The checks behind ``crypty-desktop --self-test`` that need no Qt.

The self-test proves that an installed or frozen copy of the app is complete: its database opens,
keyring finds its backends (a frozen build without keyring's metadata silently has none), the guide
is there in every language, the demo market loads and a Ghost bot trades on it. The window and the
translations are checked by ``crypty_desktop.gui.selftest_gui``, which runs these checks too and
prints the one-line verdict.

Everything happens in a throw-away data folder; the user's own data, settings and keychain entries
are never touched (the keychain is only asked which backend it would use).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from crypty_desktop import __version__
from crypty_desktop.bots.host import BotThread, BuiltBot, build_bot
from crypty_desktop.domain.bots import BotStatus, Decision, EventKind
from crypty_desktop.domain.errors import KeychainUnavailable
from crypty_desktop.exchange.simulated import SimulatedExchange
from crypty_desktop.resources import resource_path

if TYPE_CHECKING:
    from crypty_desktop.bots.context import BotContext
    from crypty_desktop.bots.service import BotService
    from crypty_desktop.credentials import CredentialStore
    from crypty_desktop.platforms import PlatformService

#: How many closed candles the self-test's Ghost bot handles.
BOT_CANDLES = 20
#: How long the bot thread may take to handle them (it needs well under a second).
BOT_DEADLINE_S = 30.0  # float-ok: seconds
#: Keyring backends that never hold a secret: their presence alone means keyring found nothing.
_NON_BACKENDS = ("fail", "null", "chainer")


class SelfTestFailed(Exception):
    """A check failed; ``str(error)`` says which and why, in one line."""


@dataclass
class SelfTestReport:
    """What the self-test found: the parts of the verdict line, and warnings."""

    started: float = field(default_factory=time.monotonic)  # float-ok: seconds
    parts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, part: str) -> None:
        self.parts.append(part)

    def warn(self, warning: str) -> None:
        self.warnings.append(warning)

    def ok_line(self) -> str:
        elapsed = time.monotonic() - self.started  # float-ok: seconds
        return f"self-test ok: {', '.join(self.parts)} ({elapsed:.1f} s)"


@contextmanager
def isolated_environment() -> Iterator[Path]:
    """A temporary data folder, offscreen Qt and no first-run wizard, for the self-test's duration.

    The environment is restored afterwards and the folder deleted.
    """
    names = ("CRYPTY_DATA_DIR", "QT_QPA_PLATFORM", "CRYPTY_NO_ONBOARDING")
    saved = {name: os.environ.get(name) for name in names}
    with tempfile.TemporaryDirectory(prefix="crypty-self-test-") as tmp:
        os.environ["CRYPTY_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["CRYPTY_NO_ONBOARDING"] = "1"
        try:
            yield Path(tmp)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def check_version() -> str:
    """The app's version; a frozen build must know it (its metadata was bundled)."""
    if getattr(sys, "frozen", False) and __version__.startswith("0.0.0"):
        raise SelfTestFailed("version: the build lacks the app's package metadata")
    return f"v{__version__}"


def check_database(platforms: PlatformService, bots: BotService) -> str:
    """The database answers a read and keeps a write (the demo platform and its sample bot)."""
    from crypty_desktop.demo import SAMPLE_BOT_NAME, ensure_demo

    platform = ensure_demo(platforms, bots)
    if platform.id not in {p.id for p in platforms.list()}:
        raise SelfTestFailed("db: the demo platform was not saved")
    bots.find(SAMPLE_BOT_NAME)
    return "db"


def keyring_backend_modules() -> list[str]:
    """The modules of the keyring backends registered through package metadata (entry points).

    Only looked up, never used: secrets go through ``crypty_desktop.credentials`` alone.
    """
    return sorted({ep.module for ep in entry_points(group="keyring.backends")})


def _missing_modules(names: list[str] | tuple[str, ...]) -> list[str]:
    missing = []
    for name in names:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(name)
    return missing


def _short_backend_name(qualified: str) -> str:
    """``keyring.backends.SecretService.Keyring`` → ``SecretService``."""
    module = qualified.rsplit(".", 1)[0]
    return module.rsplit(".", 1)[-1]


def native_keyring_modules(platform: str = sys.platform) -> tuple[str, ...]:
    """What keyring needs on this operating system to reach its keychain."""
    if platform.startswith("linux"):
        return ("keyring.backends.SecretService", "secretstorage", "jeepney")
    if platform == "darwin":
        return ("keyring.backends.macOS",)
    if platform == "win32":
        return ("keyring.backends.Windows", "win32ctypes")
    return ()


def check_keychain(credentials: CredentialStore, report: SelfTestReport) -> str:
    """keyring's backends are bundled (else fail); a secure one is usable here (else warn).

    Raises:
        SelfTestFailed: no backend is registered, or this system's one is missing from the build.
    """
    modules = keyring_backend_modules()
    if not [m for m in modules if m.rsplit(".", 1)[-1] not in _NON_BACKENDS]:
        raise SelfTestFailed(
            "keychain: keyring has no backend (its package metadata is missing from this build)"
        )
    native = native_keyring_modules()
    unregistered = [m for m in native if m.startswith("keyring.") and m not in modules]
    missing = unregistered + _missing_modules(native)
    if missing:
        raise SelfTestFailed(f"keychain: missing from this build: {', '.join(missing)}")
    names = "+".join(_short_backend_name(n) for n in credentials.describe_backend().split(", "))
    try:
        credentials.check_available()
    except KeychainUnavailable as error:
        report.warn(f"no secure keychain on this computer ({names}): {error.message}")
        return "keychain=none"
    return f"keychain={names}"


def check_help() -> str:
    """Every topic of the guide is there, in every language, with a title."""
    from crypty_desktop.help import LANGUAGES, HelpGuide

    guide = HelpGuide()
    for language in LANGUAGES:
        for topic_id in guide.topic_ids():
            path = guide.path(topic_id, language)
            if not path.is_file():
                raise SelfTestFailed(f"help: {language}/{topic_id}.md is missing ({path.parent})")
            if guide.topic(topic_id, language).title == topic_id:
                raise SelfTestFailed(f"help: {language}/{topic_id}.md has no title")
    return "help=" + "+".join(LANGUAGES)


def translation_files() -> dict[str, Path]:
    """The bundled interface translations by language (``crypty_fr.qm`` → ``fr``)."""
    folder = resource_path("translations")
    if not folder.is_dir():
        return {}
    return {p.stem.removeprefix("crypty_"): p for p in sorted(folder.glob("crypty_*.qm"))}


def check_demo_data() -> None:
    """The demo market's candles and exchange rules are bundled."""
    for name in ("exchange_info.json", "BTCUSDT-1m.csv"):
        if not resource_path("demo", name).is_file():
            raise SelfTestFailed(f"demo: {name} is missing ({resource_path('demo')})")


class _BotLog:
    """Collects what the bot reports from its thread: fills and errors."""

    def __init__(self) -> None:
        self.fills: list[Decision] = []
        self.errors: list[str] = []

    def __call__(self, event: BotStatus | Decision) -> None:
        if isinstance(event, Decision):
            if event.kind is EventKind.FILL:
                self.fills.append(event)
            elif event.kind.level == "error":
                self.errors.append(event.message)


def _drive_clock(exchange: SimulatedExchange, built: BuiltBot, candles: int) -> list[int]:
    """Close ``candles`` of the bot's candles, then wait until its thread has handled them all."""
    spec = built.runner.spec
    closed: list[int] = []
    unsubscribe = exchange.on_candle(
        spec.symbol, spec.interval, lambda candle: closed.append(candle.open_time)
    )
    thread = BotThread(built)
    thread.start()
    try:
        while len(closed) < candles:
            if exchange.advance(1) == 0:
                raise SelfTestFailed("ghost bot: the demo market ran out of candles")
        deadline = time.monotonic() + BOT_DEADLINE_S
        while built.runner.last_candle < closed[-1] and thread.is_alive():
            if time.monotonic() > deadline:
                raise SelfTestFailed("ghost bot: the bot did not keep up with the candles")
            time.sleep(0.01)
    finally:
        unsubscribe()
        thread.stop("self-test over")
    return closed


def run_ghost_bot(context: BotContext, candles: int = BOT_CANDLES) -> tuple[int, int]:
    """Run the demo's sample Ghost bot for ``candles`` candles on the simulated clock.

    The bot runs in its own thread as in the app; this thread moves the simulated clock one
    candle at a time (no waiting for real time), then waits for the bot to catch up.

    Returns:
        (candles handled, fills made).
    """
    from crypty_desktop.demo import SAMPLE_BOT_NAME

    check_demo_data()
    log = _BotLog()
    built = build_bot(context, context.bots.find(SAMPLE_BOT_NAME), log)
    exchange = context.gateway_for(built.platform)
    if not isinstance(exchange, SimulatedExchange):
        raise SelfTestFailed("ghost bot: the demo platform is not the simulated exchange")
    exchange.stop_replay()  # the self-test moves the clock itself
    # ...faster than time passes: a candle it closed a moment ago is not one the bot missed while
    # away (see bots/wake.py), so every candle is traded on, as in a backtest.
    built.runner.clock = None
    closed = _drive_clock(exchange, built, candles)
    if log.errors:
        raise SelfTestFailed(f"ghost bot: {log.errors[0]}")
    if built.runner.last_candle < closed[-1]:
        raise SelfTestFailed(f"ghost bot stopped: {built.runner.reason or 'no reason given'}")
    if not log.fills:
        raise SelfTestFailed(f"ghost bot: no fill in {len(closed)} candles")
    return len(closed), len(log.fills)
