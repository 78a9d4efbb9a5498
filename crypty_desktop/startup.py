"""Process hardening done first thing by every entry point (window, ``crypty``, self-test).

A core dump is a copy of the process's memory written to disk: it would hold the API secret read
from the keychain, in clear, in a file anyone debugging the crash may share. So the app asks for
no core dump at all:

- ``RLIMIT_CORE`` 0 (soft and hard, so nothing it starts can raise it again): the kernel writes
  no core file. Unix (Linux, macOS, the BSDs).
- ``prctl(PR_SET_DUMPABLE, 0)`` on Linux: no core either even when ``core_pattern`` pipes to a
  crash collector (systemd-coredump, apport), and other processes of the same user can no longer
  attach with ptrace or read ``/proc/<pid>/mem``.

Windows has no standard equivalent: Windows Error Reporting may keep a minidump, which only the
user's WER settings (``LocalDumps``) control, so nothing is done there.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c") or "libc.so.6"
    try:
        return ctypes.CDLL(name, use_errno=True)
    except OSError:  # pragma: no cover - a Linux without a loadable libc
        return None


def disable_core_dumps() -> None:
    """No core file and, on Linux, a non-dumpable process. Safe to call more than once."""
    if sys.platform == "win32":  # pragma: no cover - no standard switch (see the docstring)
        return
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):  # pragma: no cover - refused by the system: keep going
        pass
    if sys.platform.startswith("linux"):
        libc = _libc()
        if libc is not None:
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def is_dumpable() -> bool | None:
    """Linux's PR_GET_DUMPABLE as a bool; None where there is no such thing."""
    if not sys.platform.startswith("linux"):  # pragma: no cover - Linux only
        return None
    libc = _libc()
    if libc is None:  # pragma: no cover
        return None
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def harden_process() -> None:
    """Everything a process holding secrets does before reading one."""
    disable_core_dumps()
