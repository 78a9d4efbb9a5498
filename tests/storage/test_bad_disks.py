"""Disks that fail the app: a damaged or emptied database, a read-only data folder, a full disk.

Each gets one sentence (no traceback), keeps the damaged file as it is, and can be undone from the
automatic backups. Read-only and full disks are real: small tmpfs mounts (tests run as root here;
where mounting is not permitted they are skipped, saying why).
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.orders import OrderExecutor
from crypty_desktop.cli import main
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.settings import Settings
from crypty_desktop.storage import Store
from crypty_desktop.storage.health import (
    MARKER,
    DatabaseDamaged,
    StorageUnavailable,
    backup_path,
    backups,
)
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.fake_streams import FakeStreamServer
from tests.fakes.trading import KEY, SECRET, trading_key
from tests.memory_keyring import MemoryKeyring

STEP = 60_000
PRICE = Decimal("30000")


def cli(*argv: str, core: Core | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), core=core, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def make_data(data_dir: Path, keyring: MemoryKeyring, starts: int = 2) -> Path:
    """A data folder with a platform, started ``starts`` times (a backup is taken at a start
    when the database changed since the last one)."""
    core = build_core(Settings(data_dir=data_dir), CredentialStore(keyring))
    core.platforms.add("Demo", PlatformType.SIMULATED)
    core.close()
    for _ in range(starts - 1):
        build_core(Settings(data_dir=data_dir), CredentialStore(keyring)).close()
    return data_dir / "crypty.sqlite3"


# --- damaged and empty databases -----------------------------------------------------------------
@pytest.mark.parametrize("damage", ["truncated", "overwritten", "zero-length"])
def test_a_damaged_database_is_said_kept_and_restored(
    damage: str, tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    db = make_data(data_dir, memory_keyring)
    assert [b.number for b in backups(db)] == [1]
    if damage == "truncated":
        os.truncate(db, db.stat().st_size // 2)
    elif damage == "overwritten":
        db.write_bytes(b"not a database at all\n" * 500)
    else:
        db.write_bytes(b"")
    damaged = db.read_bytes()

    with pytest.raises(DatabaseDamaged) as caught:
        build_core(Settings(data_dir=data_dir), CredentialStore(memory_keyring))
    text = str(caught.value)
    assert str(db) in text and "left as it is" in text and "automatic backup of" in text
    assert db.read_bytes() == damaged  # untouched

    monkeypatch.setenv("CRYPTY_DATA_DIR", str(data_dir))
    code, out, err = cli("platform", "list")
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("error: The ") and "crypty db restore" in err
    assert db.read_bytes() == damaged

    code, out, err = cli("db", "restore")
    assert code == 0, err
    kept = list(data_dir.glob("crypty.sqlite3.replaced-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # the damaged file, whole
    code, out, err = cli("platform", "list")
    assert code == 0 and "Demo" in out


def test_a_zero_length_file_in_a_new_folder_is_a_new_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh"
    data_dir.mkdir()
    (data_dir / "crypty.sqlite3").write_bytes(b"")
    store = Store(data_dir / "crypty.sqlite3")
    try:
        assert store.list_platforms() == []
        assert (data_dir / MARKER).exists()  # from now on an empty file is damage
    finally:
        store.close()


def test_backups_rotate_keep_three_and_restore_from_any(
    tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    settings = Settings(data_dir=data_dir)
    names = ["A", "B", "C", "D", "E"]
    for name in names:  # each start backs up the previous state, then adds a platform
        core = build_core(settings, CredentialStore(memory_keyring))
        core.platforms.add(name, PlatformType.SIMULATED)
        core.close()
        time.sleep(0.02)  # file times must differ
    db = settings.db_path
    assert [b.number for b in backups(db)] == [1, 2, 3]
    assert not backup_path(db, 4).exists()
    monkeypatch.setenv("CRYPTY_DATA_DIR", str(data_dir))
    code, out, _err = cli("db", "backups")
    assert code == 0 and len(out.splitlines()) == 3
    # Backup 3 was taken at the third start: "A" and "B" only.
    code, out, err = cli("db", "restore", "--from", "3")
    assert code == 0, err
    code, out, _err = cli("platform", "list")
    assert [line.split()[0] for line in out.splitlines()] == ["A", "B"]
    code, out, err = cli("db", "restore", "--from", "7")
    assert code == 1 and "no backup number 7" in err


def test_restore_is_refused_while_the_window_holds_the_folder(
    tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crypty_desktop.bots.ownership import LockFolder
    from tests.lock_holder import holding

    data_dir = tmp_path / "data"
    db = make_data(data_dir, memory_keyring)
    before = db.read_bytes()
    monkeypatch.setenv("CRYPTY_DATA_DIR", str(data_dir))
    with holding(LockFolder(data_dir / "locks").folder, "app.lock"):
        code, _out, err = cli("db", "restore")
    assert code == 1 and "in use by another Crypty process" in err
    assert db.read_bytes() == before


def test_an_existing_shared_folder_keeps_its_permissions(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    Settings(data_dir=shared).ensure_dirs()
    assert shared.stat().st_mode & 0o7777 == 0o1777
    assert (shared / "logs").stat().st_mode & 0o777 == 0o700  # made by the app: private
    mine = tmp_path / "new" / "data"
    Settings(data_dir=mine).ensure_dirs()
    assert mine.stat().st_mode & 0o777 == 0o700


# --- real read-only and full filesystems ---------------------------------------------------------
@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 6 MB tmpfs, unmounted afterwards; skipped where mounting is not permitted."""
    point = tmp_path / "mnt"
    point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6m,mode=0755", "tmpfs", str(point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or 'not permitted'}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_read_only_data_folder_gets_one_sentence(
    small_tmpfs: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = small_tmpfs / "data"
    make_data(data_dir, memory_keyring)
    remount = subprocess.run(
        ["mount", "-o", "remount,ro", str(small_tmpfs)], capture_output=True, text=True
    )
    if remount.returncode != 0:
        pytest.skip(f"cannot remount read-only: {remount.stderr.strip()}")
    monkeypatch.setenv("CRYPTY_DATA_DIR", str(data_dir))
    with pytest.raises(StorageUnavailable, match="cannot write in its data folder"):
        build_core(Settings(data_dir=data_dir), CredentialStore(memory_keyring))
    for argv in (("bot", "list"), ("platform", "list")):
        code, out, err = cli(*argv)
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and "Traceback" not in err
        assert "cannot write in its data folder" in err and str(data_dir) in err


def candle(base: int, i: int) -> Candle:
    t = base + i * STEP
    return Candle("BTCUSDT", "1m", t, PRICE, PRICE + 5, PRICE - 5, PRICE, Decimal(1), t + STEP - 1)


def fill_disk(filler: Path) -> None:
    with filler.open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass


@pytest.mark.logs(r"The disk holding .* is full", r"could not save .*candles")
def test_a_full_disk_stops_the_bot_in_words_with_a_failing_exit_and_a_sound_order_log(
    small_tmpfs: Path,
    fake_binance: FakeBinance,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "10000")
    fake_binance.set_price("BTCUSDT", PRICE)
    with FakeStreamServer() as streams:
        monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
        monkeypatch.setenv("CRYPTY_BINANCE_WS_URL", streams.url)
        data_dir = small_tmpfs / "data"
        monkeypatch.setenv("CRYPTY_DATA_DIR", str(data_dir))
        core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
        try:
            core.platforms.add(
                "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
            )
            spec = core.bots.create(
                name="grid",
                platform_name="Binance",
                kind=BotKind.TRADER,
                symbol="BTCUSDT",
                strategy="grid",
                params={
                    "lower": "29700",
                    "upper": "30300",
                    "levels": "20",
                    "quote_per_level": "15",
                },
                budget="400",
            )
            filler: list[Path] = []
            ended = threading.Event()

            def drive() -> None:
                try:
                    streams.wait_connections(1, timeout=20)
                    base = int(time.time() * 1000) // STEP * STEP
                    streams.push_kline(candle(base, 0))
                    deadline = time.monotonic() + 20
                    while len(fake_binance.orders()) < 10 and time.monotonic() < deadline:
                        time.sleep(0.05)
                    filler.append(small_tmpfs / "filler")
                    fill_disk(filler[0])
                    for i in range(1, 40):  # each candle saves the bot's state: it cannot
                        fake_binance.set_price("BTCUSDT", PRICE - 20 * i)  # and buys fill
                        streams.push_kline(candle(base, i))
                        time.sleep(0.1)
                finally:
                    if not ended.wait(30):  # the bot still runs: end the command as Ctrl+C does
                        signal.raise_signal(signal.SIGINT)

            driver = threading.Thread(target=drive, daemon=True)
            driver.start()
            code, _out, err = cli("bot", "run", "grid", core=core)
            ended.set()
            assert filler, "the disk was never filled"
            captured = capfd.readouterr()
            assert code == 1, err
            assert "The disk holding" in err and "is full" in err
            assert err.count("\n") == 1
            assert "Traceback" not in err + captured.err
            driver.join(15)

            # Space again: every order the exchange has is in the log, and the log settles to it.
            filler[0].unlink()
            logged = {o.request.client_order_id for o in core.order_log.orders(spec.id)}
            assert {o.client_order_id for o in fake_binance.orders()} <= logged
            executor = OrderExecutor(
                core.gateway_for(core.platforms.find("Binance")), core.order_log, spec.platform_id
            )
            executor.reconcile(spec.id)
            on_exchange = {o.client_order_id: o for o in fake_binance.orders()}
            for order in core.order_log.orders(spec.id):
                theirs = on_exchange.get(order.request.client_order_id)
                if theirs is None:  # recorded, never sent: the disk refused before it left
                    assert order.exchange_order_id is None
                    continue
                assert order.status.value == theirs.status
                assert order.executed_qty == theirs.executed_qty
        finally:
            core.close()
