"""A store that already has the platform tests record orders on (orders need their platform)."""

from __future__ import annotations

from pathlib import Path

from crypty_desktop.domain.platform import IntendedUse, KeyKind, PlatformType
from crypty_desktop.storage import Store


def store_with_platform(db_path: Path, name: str = "Demo") -> Store:
    """A new store whose first platform (id 1) exists, as every order's platform must."""
    store = Store(db_path)
    if not store.list_platforms():
        with store.adding_platform(
            name=name,
            type_=PlatformType.SIMULATED,
            key_masked="",
            key_fingerprint="",
            key_kind=KeyKind.HMAC,
            intended_use=IntendedUse.ANY,
            audit=None,
        ) as platform_id:
            assert platform_id == 1
    return store
