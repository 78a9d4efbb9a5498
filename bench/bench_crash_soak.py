"""Crash soak: Trader bots killed with SIGKILL at random moments; no order may be lost or doubled.

    python -m bench.bench_crash_soak                  # 100 kills per bot, seed 11
    python -m bench.bench_crash_soak --kills 300 --seed 5
    python -m bench.bench_crash_soak --quick          # 5 kills per bot: checks the benchmark works
    python -m bench.bench_crash_soak --file-keyring   # no Secret Service here (bench-only backend)
    python -m bench.bench_crash_soak --no-stream      # fills by REST polling, no user data stream

Two Trader bots — a 20-level grid and a fast SMA crossover — trade BTCUSDT on the loopback fake
Binance (``bench/crash_market.py``: moving prices, a 1m candle every half second, faults on the
order path). Each runs in its own real process, ``python -m crypty_desktop.cli bot run NAME``,
with ``CRYPTY_DATA_DIR`` a temporary folder (one database for both, as in the app),
``CRYPTY_BINANCE_URL``/``CRYPTY_BINANCE_WS_URL``/``CRYPTY_BINANCE_WS_API_URL`` on the fake (the
user data stream is up unless ``--no-stream``), and its key in the keychain: the real
Secret Service (the benchmark re-runs itself under ``dbus-run-session -- bash
scripts/with-keyring.sh`` when it is not already), or with ``--file-keyring`` a bench-only file
backend. Each bot has its own API key on the same account, so the fake's request log tells whose
every request is.

Each bot is killed ``--kills`` times: 60 % of the kills wait for the fake to receive one of the
bot's orders and land 0-300 ms later (the order is being answered, or its answer is being
recorded), the others at a random moment of the bot's life (start-up and reconciliation
included). It is restarted within half a second. At the end faults stop, prices freeze, the bots
settle on a few more candles and are stopped with SIGINT; then the fake's orders and trades are
compared with the order log (``bench/crash_audit.py``).

Prints ``name value unit`` lines: ``crash.kills``, ``crash.kills_in_flight`` (kills that left an
order recorded but with its outcome unknown to the bot), ``crash.kills_after_order``,
``crash.orders_on_exchange``, ``crash.orders_doubled``,
``crash.exchange_orders_missing_from_records``, ``crash.records_disagreeing``,
``crash.records_unsettled``, ``crash.position_mismatch`` (these five must be 0),
``crash.rest_weight_per_bot_hour`` (the grid bot's request weight per hour of market time,
restarts included), ``crash.order_polling_weight_per_bot_hour`` (the part spent asking about
orders and trades: order queries, myTrades, open orders) and the fault counts; writes
``bench/results/crash_soak.json`` (``crash_soak_quick.json``). Exits 1 if an order was lost,
doubled or left wrong (the quick run only reports it: it checks that the benchmark works).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from bench.crash_audit import AuditedBot, Verdict, audit
from bench.crash_market import MINUTE, SYMBOL, CrashMarket, weight_by_key
from bench.file_keyring import FILE_ENV, BenchFileKeyring
from crypty_desktop.app import build_core
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.orders import OrderStatus
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.settings import Settings
from crypty_desktop.storage import Store
from crypty_desktop.storage.orders import OrderLog

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results"
ORDER_SHARE = 0.6  # share of kills aimed just after one of the bot's orders
WAIT_ORDER = 6.0  # float-ok: seconds to wait for an order before killing anyway
SETTLE = 4.0  # float-ok: seconds of calm (no faults, then frozen prices) before the stop
# name, strategy, params, budget, API key (the fake's; throwaway)
BOTS = (
    (
        "crash-grid",
        "grid",
        {"lower": "29700", "upper": "30300", "levels": "20", "quote_per_level": "15"},
        "400",
        "G" * 64,
    ),
    ("crash-sma", "sma_cross", {"fast": "2", "slow": "5", "quote_amount": "40"}, "200", "S" * 64),
)
SECRET = "CrashSoakSecretNotARealOne0123456789"  # noqa: S105 - the fake's key, nothing real


@dataclass
class BotProcess:
    """One bot's ``crypty bot run`` process, killed and restarted again and again."""

    name: str
    bot_id: str
    api_key: str
    env: dict[str, str]
    log: TextIO
    proc: subprocess.Popen[str] | None = None
    spawned_at: float = 0.0  # float-ok: monotonic
    started_from: int = 0  # the log's size at the last spawn
    kills: list[dict[str, Any]] = field(default_factory=list)
    restarts_at_end: int = 0  # the last spawn would not start (a fault on its checks): again

    def spawn(self) -> None:
        self.log.flush()
        self.started_from = os.fstat(self.log.fileno()).st_size
        self.proc = subprocess.Popen(  # noqa: S603 - the app's own CLI, fixed arguments
            [sys.executable, "-m", "crypty_desktop.cli", "bot", "run", self.name],
            env=self.env,
            cwd=ROOT,
            stdout=self.log,
            stderr=self.log,
            text=True,
        )
        self.spawned_at = time.monotonic()

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> int:
        """SIGINT, as Ctrl+C: the bot stops gracefully; its exit code."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(10)


def _soak(bot: BotProcess, market: CrashMarket, log: OrderLog, kills: int, seed: int) -> None:
    """Kill the bot ``kills`` times, restarting it each time; leave it running."""
    rng = random.Random(seed)
    for _ in range(kills):
        bot.spawn()
        seen = None
        if rng.random() < ORDER_SHARE:  # no order within WAIT_ORDER: killed then anyway
            seen = market.wait_order(bot.api_key, bot.spawned_at, WAIT_ORDER)
            if seen is not None:
                time.sleep(max(0.0, seen.at + rng.uniform(0.0, 0.3) - time.monotonic()))
        else:
            time.sleep(rng.uniform(0.3, 4.0))
        bot.kill()
        pending = [o for o in log.orders(bot.bot_id) if o.status is OrderStatus.PENDING]
        bot.kills.append(
            {
                "after_s": round(time.monotonic() - bot.spawned_at, 3),
                "after_order": seen is not None,
                "pending": [o.request.client_order_id for o in pending],
            }
        )
        time.sleep(rng.uniform(0.0, 0.5))  # back within a second
    bot.spawn()


def _wait_started(bot: BotProcess, log_path: Path, timeout: float) -> None:  # float-ok
    """Wait for the last spawn's "Started NAME." line. A bot that would not start because a
    fault kept it from checking its orders with the exchange (it refuses to trade blind) is
    started again, as its user would."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with log_path.open("rb") as log:
            log.seek(bot.started_from)
            if f"Started {bot.name}.".encode() in log.read():
                return
        if bot.proc is not None and bot.proc.poll() is not None:
            bot.restarts_at_end += 1
            bot.spawn()
        time.sleep(0.1)
    raise TimeoutError(f"{bot.name} did not start: {log_path.read_text()[-2000:]}")


def _credentials(tmp: Path, file_keyring: bool) -> tuple[CredentialStore, dict[str, str]]:
    """The keychain shared with the bots' processes, and what their environment needs for it."""
    if not file_keyring:
        return CredentialStore(), {}
    os.environ[FILE_ENV] = str(tmp / "bench-keyring.json")
    backend_env = {
        FILE_ENV: os.environ[FILE_ENV],
        "PYTHON_KEYRING_BACKEND": "bench.file_keyring.BenchFileKeyring",
    }
    return CredentialStore(BenchFileKeyring()), backend_env


def _create_bots(
    tmp: Path, market: CrashMarket, env: dict[str, str], creds: CredentialStore
) -> list[AuditedBot]:
    core = build_core(Settings.from_env(env), creds)
    try:
        made = []
        for name, strategy, params, budget, key in BOTS:
            market.add_key(key, SECRET)
            core.platforms.add(
                name, PlatformType.BINANCE, ApiCredentials(key, SECRET), IntendedUse.ANY
            )
            spec = core.bots.create(
                name=name,
                platform_name=name,
                kind=BotKind.TRADER,
                symbol=SYMBOL,
                strategy=strategy,
                params=params,
                budget=budget,
            )
            made.append(AuditedBot(spec.id, name, strategy, spec.platform_id))
        return made
    finally:
        core.close()


def run(kills: int, seed: int, file_keyring: bool, stream: bool = True) -> dict[str, Any]:
    started = time.monotonic()
    market = CrashMarket(random.Random(seed), fault_every=1.5)
    with tempfile.TemporaryDirectory(prefix="crash-soak-") as name:
        tmp = Path(name)
        creds, keyring_env = _credentials(tmp, file_keyring)
        env = {
            **os.environ,
            **keyring_env,
            "CRYPTY_DATA_DIR": str(tmp / "data"),
            "CRYPTY_BINANCE_URL": market.fake.url,
            "CRYPTY_BINANCE_WS_URL": market.streams.url,
            **({"CRYPTY_BINANCE_WS_API_URL": market.fake.ws_api_url} if stream else {}),
        }
        try:
            audited = _create_bots(tmp, market, env, creds)
            log = OrderLog(Store(Settings.from_env(env).db_path))
            logs = {b.name: tmp / f"{b.name}.log" for b in audited}
            bots = [
                BotProcess(b.name, b.bot_id, key, env, logs[b.name].open("a"))
                for b, (*_, key) in zip(audited, BOTS, strict=True)
            ]
            market.start()
            market.faults_on(True)
            soaks = [
                threading.Thread(target=_soak, args=(b, market, log, kills, seed + i))
                for i, b in enumerate(bots)
            ]
            for thread in soaks:
                thread.start()
            for thread in soaks:
                thread.join()
            for bot in bots:
                _wait_started(bot, logs[bot.name], 60)
            market.faults_on(False)
            time.sleep(SETTLE)
            market.freeze_prices()
            time.sleep(SETTLE)
            exits = {bot.name: bot.stop() for bot in bots}
            verdicts = {b.name: audit(market.fake, log, b) for b in audited}
            weights, by_path = weight_by_key(market.fake)
            candles = market.candles
            faults = dict(market.faults)
        finally:
            for bot in locals().get("bots", []):
                if bot.proc is not None and bot.proc.poll() is None:
                    bot.proc.kill()
                bot.log.close()
            for made in locals().get("audited", []):
                creds.delete(made.platform_id)  # the throwaway keys leave the keychain
            market.close()
    grid_key = BOTS[0][4]
    hours = candles * MINUTE / 3_600_000
    return {
        "verdicts": verdicts,
        "kills": {b.name: b.kills for b in bots},
        "exit_codes": exits,
        "restarts_at_end": {b.name: b.restarts_at_end for b in bots},
        "weight_by_endpoint": {b.name: dict(by_path.get(b.api_key, {})) for b in bots},
        "grid_weight": weights.get(grid_key, 0),
        "grid_polling_weight": sum(
            w
            for path, w in by_path.get(grid_key, {}).items()
            if path in ("GET /api/v3/order", "GET /api/v3/myTrades", "GET /api/v3/openOrders")
        ),
        "market_hours": hours,
        "candles": candles,
        "faults": faults,
        "seconds": round(time.monotonic() - started, 1),
    }


def figures(result: dict[str, Any]) -> dict[str, tuple[float, str]]:  # float-ok: figures
    verdicts: dict[str, Verdict] = result["verdicts"]
    kills = [k for ks in result["kills"].values() for k in ks]

    def total(attr: str) -> int:
        return sum(getattr(v, attr) for v in verdicts.values())

    hours = result["market_hours"] or 0
    per_hour = result["grid_weight"] / hours if hours else 0
    polling = result["grid_polling_weight"] / hours if hours else 0
    return {
        "crash.kills": (len(kills), "kills"),
        "crash.kills_in_flight": (sum(1 for k in kills if k["pending"]), "kills"),
        "crash.kills_after_order": (sum(1 for k in kills if k["after_order"]), "kills"),
        "crash.orders_on_exchange": (total("orders"), "orders"),
        "crash.orders_doubled": (total("doubled"), "orders"),
        "crash.exchange_orders_missing_from_records": (total("missing"), "orders"),
        "crash.records_disagreeing": (total("disagreeing"), "orders"),
        "crash.records_unsettled": (total("unsettled"), "orders"),
        "crash.position_mismatch": (total("position_mismatch"), "bots"),
        "crash.grid_rebuys_without_sale": (total("rebuys"), "orders"),
        "crash.rest_weight_per_bot_hour": (round(per_hour), "weight/h"),
        "crash.order_polling_weight_per_bot_hour": (round(polling), "weight/h"),
        "crash.candles": (result["candles"], "candles"),
        "crash.seconds": (result["seconds"], "s"),
    }


MUST_BE_ZERO = (
    "crash.orders_doubled",
    "crash.exchange_orders_missing_from_records",
    "crash.records_disagreeing",
    "crash.records_unsettled",
    "crash.position_mismatch",
)


def _under_secret_service(argv: list[str]) -> None:
    """Run again with a real, unlocked Secret Service if this process has none (never returns)."""
    tools = shutil.which("dbus-run-session"), shutil.which("gnome-keyring-daemon")
    if not all(tools):
        sys.exit("No Secret Service here: run with --file-keyring (bench only).")
    script = str(ROOT / "scripts" / "with-keyring.sh")
    command = [sys.executable, "-m", "bench.bench_crash_soak", *argv]
    os.execvp("dbus-run-session", ["dbus-run-session", "--", "bash", script, *command])  # noqa: S606


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="bench.bench_crash_soak")
    parser.add_argument("--kills", type=int, default=100, help="kills per bot")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--quick", action="store_true", help="5 kills per bot")
    parser.add_argument("--file-keyring", action="store_true", help="bench-only file keychain")
    parser.add_argument(
        "--no-stream", action="store_true", help="no user data stream: fills by REST polling"
    )
    args = parser.parse_args(argv)
    if not args.file_keyring and not os.environ.get("CRYPTY_REAL_KEYRING"):
        _under_secret_service(argv)
    result = run(5 if args.quick else args.kills, args.seed, args.file_keyring, not args.no_stream)
    shown = figures(result)
    for name, (value, unit) in shown.items():
        print(f"{name} {value} {unit}", flush=True)
    for fault, count in sorted(result["faults"].items()):
        print(f"crash.fault.{fault} {count} faults")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / ("crash_soak_quick.json" if args.quick else "crash_soak.json")
    saved = {**result, "verdicts": {n: asdict(v) for n, v in result["verdicts"].items()}}
    out.write_text(json.dumps({"figures": shown, **saved}, indent=2, default=str))
    bad = [name for name in MUST_BE_ZERO if shown[name][0]]
    if bad or any(result["exit_codes"].values()):
        print(f"error: {', '.join(bad) or 'a bot did not stop cleanly'}", file=sys.stderr)
        return 0 if args.quick else 1  # quick checks that the benchmark runs; the full run judges
    return 0


if __name__ == "__main__":
    sys.exit(main())
