"""The "Copy diagnostics" text: what support needs to know, and nothing that identifies or unlocks.

It names versions, the operating system, the keychain backend, how many platforms of each TYPE
(never their names or keys) and how many bots of each kind. The whole text goes through
:func:`crypty_desktop.redact.redact` as a last guard. The window adds the Qt versions it knows.
"""

from __future__ import annotations

import platform as platform_module
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from crypty_desktop import APP_NAME, __version__
from crypty_desktop.redact import redact

if TYPE_CHECKING:
    from crypty_desktop.credentials import CredentialStore
    from crypty_desktop.domain.bots import BotSpec
    from crypty_desktop.domain.platform import Platform


def _home_relative(path: Path) -> str:
    """The path with the home folder written ``~`` (the user's login name stays private)."""
    try:
        return "~/" + path.resolve().relative_to(Path.home().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _counts(counter: Counter[str]) -> str:
    if not counter:
        return "none"
    return ", ".join(f"{name} × {count}" for name, count in sorted(counter.items()))


def keychain_backend(credentials: CredentialStore) -> str:
    """The keychain backend's class names (may take a moment the first time: worker thread)."""
    try:
        return credentials.describe_backend()
    except Exception as exc:  # noqa: BLE001 - diagnostics must not fail on a broken keychain
        return f"unknown ({type(exc).__name__})"


def diagnostics_text(
    credentials: CredentialStore,
    platforms: Sequence[Platform],
    bots: Sequence[BotSpec],
    data_dir: Path,
    extra: Mapping[str, str] | None = None,
) -> str:
    """Plain text for support: versions, OS, keychain, platform types and bots by kind.

    Args:
        credentials: the keychain door (only its backend's name is read).
        platforms, bots: every platform and bot (only their types and kinds are counted).
        data_dir: the data folder, written relative to the home folder.
        extra: more ``label: value`` lines (the window passes Qt and PySide versions, language).
    """
    lines = [
        f"{APP_NAME} {__version__}",
        f"Python: {platform_module.python_version()} ({platform_module.python_implementation()})",
        f"OS: {platform_module.system()} {platform_module.release()} ({platform_module.machine()})",
        f"Frozen build: {'yes' if getattr(sys, 'frozen', False) else 'no'}",
    ]
    lines += [f"{label}: {value}" for label, value in (extra or {}).items()]
    lines += [
        f"Keychain backend: {keychain_backend(credentials)}",
        f"Platforms by type: {_counts(Counter(p.type.value for p in platforms))}",
        f"Bots by kind: {_counts(Counter(b.kind.value for b in bots))}",
        f"Data folder: {_home_relative(data_dir)}",
    ]
    return redact("\n".join(lines)) + "\n"
