"""Where the bundled resources (help, icons, translations, demo candles) live, frozen or not."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The path of a bundled resource, e.g. ``resource_path("demo", "SOURCES.md")``.

    In a PyInstaller build the resources sit in ``<bundle>/resources``; from a checkout they sit in
    ``<repo>/resources``; from an installed wheel in ``<prefix>/share/crypty-desktop/resources``.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    if not bundle and not (base / "resources").is_dir():
        base = Path(sys.prefix) / "share" / "crypty-desktop"
    return base.joinpath("resources", *parts)
