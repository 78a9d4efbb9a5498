"""Building and running bots outside the GUI's threads.

``build_bot`` assembles one bot from its saved spec: strategy, broker (paper for Ghost, live for
Trader), its candle feed, and a warm-up on recent history so indicators are ready without trading on
old candles. ``BotThread`` runs a bot in a plain thread (the CLI); the GUI runs the same pieces in a
QThread. ``run_until_signal`` is ``crypty bot run``.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from crypty_desktop.bots.brokers import Broker, LiveBroker, PaperBroker
from crypty_desktop.bots.engine import BotRunner, Listener
from crypty_desktop.bots.feeds import CandleFeed, QueueFeed
from crypty_desktop.domain.bots import (
    STOPPED_BY_YOU,
    STOPPED_COMMAND_ENDED,
    BotKind,
    BotSpec,
    BotState,
    BotStatus,
    Decision,
)
from crypty_desktop.domain.market import INTERVAL_MS
from crypty_desktop.domain.platform import Platform, PlatformType
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.strategies.registry import create_strategy

if TYPE_CHECKING:
    from crypty_desktop.app import Core

log = logging.getLogger(__name__)

SIM_SPEED = 60.0  # float-ok: simulated seconds per real second (a 1m candle every second)


@dataclass
class BuiltBot:
    runner: BotRunner
    feed: CandleFeed
    platform: Platform


def _now_ms(gateway: ExchangeGateway) -> int:
    sim_now = getattr(gateway, "now_ms", None)  # the simulated exchange's clock
    return sim_now if isinstance(sim_now, int) else int(time.time() * 1000)


def open_feed(
    core: Core, platform: Platform, gateway: ExchangeGateway, spec: BotSpec
) -> CandleFeed:
    """The bot's closed candles: the simulated clock, or the live stream hub."""
    if platform.type is PlatformType.SIMULATED:
        from crypty_desktop.exchange.simulated import SimulatedExchange

        assert isinstance(gateway, SimulatedExchange)
        feed = QueueFeed()
        feed.bind(gateway.on_candle(spec.symbol, spec.interval, feed.put))
        if not gateway.replaying:
            gateway.start_replay(SIM_SPEED)
        return feed
    live: CandleFeed = core.market_data(platform).subscribe(spec.symbol, spec.interval)
    return live


def build_bot(core: Core, spec: BotSpec, listener: Listener | None = None) -> BuiltBot:
    """Assemble a bot and bring it to the state it had (reconciling a Trader bot). Network I/O."""
    platform = core.bots.platform_of(spec)
    gateway = core.gateway_for(platform)
    rules = gateway.symbol_rules(spec.symbol)
    strategy = create_strategy(spec.strategy, spec.params)
    broker: Broker
    if spec.kind is BotKind.GHOST:
        broker = PaperBroker(spec.id, platform.id, rules, spec.budget, core.order_log)
    else:
        broker = LiveBroker(spec.id, platform.id, rules, spec.budget, gateway, core.order_log)
    runner = BotRunner(spec, strategy, broker, core.bot_store, listener)
    runner.start()
    # Subscribe before warming up: a candle closing in between is queued, not missed (the runner
    # ignores any candle it has already seen).
    feed = open_feed(core, platform, gateway, spec)
    try:
        wanted = strategy.warmup()
        if wanted > 0:  # indicators need history; decisions made on it are not traded
            interval_ms = INTERVAL_MS[spec.interval]
            now = _now_ms(gateway)
            since = max(runner.last_candle + interval_ms, now - (wanted + 1) * interval_ms)
            runner.warm_up(gateway.klines(spec.symbol, spec.interval, since, now)[-1000:])
    except BaseException:
        feed.close()
        raise
    return BuiltBot(runner, feed, platform)


class BotThread(threading.Thread):
    """One bot in its own daemon thread; ``stop()`` returns within about a second."""

    def __init__(self, built: BuiltBot) -> None:
        super().__init__(name=f"bot-{built.runner.spec.name}", daemon=True)
        self.built = built
        self._stop_event = threading.Event()

    def run(self) -> None:
        try:
            self.built.runner.run(self.built.feed, self._stop_event.is_set)
        finally:
            self.built.feed.close()

    def stop(
        self,
        reason: str = STOPPED_BY_YOU,
        timeout: float = 2.0,
        resume_later: bool = False,  # float-ok
    ) -> None:
        self._stop_event.set()
        self.join(timeout)
        if self.built.runner.state is not BotState.ERROR:
            self.built.runner.stop(reason, resume_later=resume_later)


def run_until_signal(core: Core, specs: list[BotSpec], out: TextIO) -> int:
    """Run bots until SIGINT or SIGTERM, printing what they do; stop them gracefully."""
    stop = threading.Event()

    def printer(event: BotStatus | Decision) -> None:
        if isinstance(event, Decision) and event.action != "info":
            name = next((s.name for s in specs if s.id == event.bot_id), event.bot_id)
            print(f"[{name}] {event.action}: {event.message}", file=out, flush=True)

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    threads = [BotThread(build_bot(core, spec, printer)) for spec in specs]
    for thread in threads:
        thread.start()
        print(f"Started {thread.built.runner.spec.name}.", file=out, flush=True)
    try:
        while not stop.is_set() and any(t.is_alive() for t in threads):
            stop.wait(0.2)
    finally:
        for thread in threads:
            thread.stop(STOPPED_COMMAND_ENDED)
            print(f"Stopped {thread.built.runner.spec.name}.", file=out, flush=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
