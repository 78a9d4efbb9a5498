"""The core's locks: taken, refused, released, who owns them, and a dead owner never blocks."""

from __future__ import annotations

import json
import os
import signal
import socket
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from crypty_desktop.bots.ownership import (
    BUSY_UNKNOWN,
    BotBusy,
    HeldLock,
    LockFolder,
    Owner,
    Role,
    busy_message,
    since_text,
)
from tests.lock_holder import holding, start_holder


@pytest.fixture
def locks(tmp_path: Path) -> LockFolder:
    return LockFolder(tmp_path / "locks")


def test_a_lock_is_taken_says_who_holds_it_and_is_released(locks: LockFolder) -> None:
    path = locks.bot_path("abc123")
    assert locks.holder(path) is None
    assert not path.exists()  # asking writes nothing, not even an empty file
    held = locks.acquire(path, Role.WINDOW)
    assert isinstance(held, HeldLock) and held.held
    saved = json.loads(path.read_text())
    assert saved["pid"] == os.getpid()
    assert saved["role"] == "window"
    assert saved["host"] == socket.gethostname()
    since = datetime.fromisoformat(saved["since"])
    assert abs(datetime.now().astimezone() - since) < timedelta(minutes=1)
    owner = locks.holder(path)
    assert owner is not None and owner.pid == os.getpid() and owner.role is Role.WINDOW
    assert owner.is_this_process
    held.release()
    assert not held.held
    assert path.read_text() == ""  # the owner is forgotten with the lock
    assert locks.holder(path) is None
    held.release()  # twice is harmless
    again = locks.acquire(path, Role.CLI)
    assert isinstance(again, HeldLock)
    again.release()


def test_a_second_taker_in_the_same_process_is_refused(locks: LockFolder) -> None:
    with locks.acquire_bot("b1", "Alpha", Role.WINDOW):
        with pytest.raises(BotBusy) as caught:
            locks.acquire_bot("b1", "Alpha", Role.CLI)
        assert caught.value.owner is not None and caught.value.owner.role is Role.WINDOW
        assert "Bot “Alpha” is already running in the Crypty window" in str(caught.value)
        assert locks.bot_owner_elsewhere("b1") is None  # this process is not "another"
        with locks.acquire_bot("b2", "Beta", Role.WINDOW):  # another bot: its own lock
            assert locks.bot_owner("b2") is not None
    assert locks.bot_owner("b1") is None


def test_a_lock_held_by_another_process_is_refused_with_its_owner(locks: LockFolder) -> None:
    with holding(locks.folder, "b1", Role.CLI) as holder:
        owner = locks.bot_owner_elsewhere("b1")
        assert owner is not None
        assert (owner.pid, owner.role, owner.host) == (holder.pid, Role.CLI, socket.gethostname())
        before = locks.bot_path("b1").read_text()
        with pytest.raises(BotBusy) as caught:
            locks.acquire_bot("b1", "Alpha", Role.WINDOW)
        since = since_text(owner.since)
        assert str(caught.value) == (
            f"Bot “Alpha” is already running in `crypty bot run` (process {holder.pid}) "
            f"since {since}."
        )
        assert locks.bot_path("b1").read_text() == before  # the holder's file is not touched
    assert locks.bot_owner("b1") is None  # released when the holder let go
    with locks.acquire_bot("b1", "Alpha", Role.WINDOW) as mine:
        assert mine.owner.pid == os.getpid()


def test_a_killed_owner_never_blocks_and_its_stale_file_is_replaced(locks: LockFolder) -> None:
    holder = start_holder(locks.folder, "b1", Role.CLI)
    assert locks.bot_owner("b1") is not None
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    stale = json.loads(locks.bot_path("b1").read_text())
    assert stale["pid"] == holder.pid  # the dead process' words are still in the file…
    assert locks.bot_owner("b1") is None  # …but nobody holds the lock
    with locks.acquire_bot("b1", "Alpha", Role.CLI) as mine:
        assert json.loads(locks.bot_path("b1").read_text())["pid"] == os.getpid()
        assert mine.owner.role is Role.CLI


def test_a_file_written_by_hand_without_a_lock_does_not_block(locks: LockFolder) -> None:
    path = locks.bot_path("b9")
    locks.folder.mkdir(parents=True)
    path.write_text(json.dumps({"pid": 1, "role": "window", "host": "x", "since": None}))
    assert locks.holder(path) is None
    held = locks.acquire(path, Role.CLI)
    assert isinstance(held, HeldLock)
    held.release()


def test_the_app_lock_is_one_per_data_folder(tmp_path: Path) -> None:
    first, other = LockFolder(tmp_path / "a" / "locks"), LockFolder(tmp_path / "b" / "locks")
    with holding(first.folder, "app.lock", Role.WINDOW) as window:
        refused = first.acquire_app()
        assert isinstance(refused, Owner) and refused.pid == window.pid
        mine = other.acquire_app()  # another data folder: its own window
        assert isinstance(mine, HeldLock)
        mine.release()
    got = first.acquire_app()
    assert isinstance(got, HeldLock)
    got.release()


def test_owner_words() -> None:
    now = datetime(2024, 4, 2, 18, 30).astimezone()
    assert since_text(now.replace(hour=18, minute=2), now) == "18:02"
    assert since_text(now - timedelta(days=1), now) == (now - timedelta(days=1)).strftime(
        "%Y-%m-%d %H:%M"
    )
    assert busy_message("X", None) == BUSY_UNKNOWN.format(name="X")
    unreadable = Owner.from_text("{half a json")
    assert unreadable.role is None and busy_message("X", unreadable) == (
        "Bot “X” is already running in another process."
    )
    back = Owner.from_text(Owner.me(Role.CLI).to_json())
    assert back.role is Role.CLI and back.is_this_process
