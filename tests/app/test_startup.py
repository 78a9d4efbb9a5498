"""Every entry point turns core dumps off before it reads a secret."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_CHILD = """
import os, resource, sys
_soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))  # as high as this session allows
from crypty_desktop.startup import harden_process, is_dumpable
assert is_dumpable() is True
harden_process()
print(resource.getrlimit(resource.RLIMIT_CORE), is_dumpable(), flush=True)
if sys.argv[1] == "abort":
    os.abort()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_a_hardened_process_that_crashes_leaves_no_core(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(  # noqa: S603 - our interpreter, our script
        [sys.executable, "-c", _CHILD, "abort"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == -signal.SIGABRT, done.stderr
    assert done.stdout.strip() == "(0, 0) False"  # RLIMIT_CORE soft and hard 0, not dumpable
    assert list(tmp_path.iterdir()) == []  # no core file beside it, whatever core_pattern says


@pytest.mark.parametrize(
    "entry",
    [
        "from crypty_desktop.cli import main; main(['platform', 'list'])",
        "from crypty_desktop.__main__ import main; main(['crypty-desktop', '--self-test'])",
    ],
)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_the_cli_and_the_app_harden_themselves_first(entry: str, tmp_path: Path) -> None:
    probe = (
        "import atexit, resource\n"
        "from crypty_desktop.startup import is_dumpable\n"
        "atexit.register(lambda: print('HARDENED', resource.getrlimit(resource.RLIMIT_CORE),"
        " is_dumpable(), flush=True))\n" + entry
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CRYPTY_DATA_DIR": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(  # noqa: S603 - our interpreter, our script
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "HARDENED (0, 0) False" in done.stdout, done.stdout + done.stderr
