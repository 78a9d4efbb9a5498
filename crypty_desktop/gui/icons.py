"""Icons from the one set shipped in ``resources/icons`` (SVG); a missing one is empty."""

from __future__ import annotations

from functools import cache

from crypty_desktop.gui.qt import QIcon
from crypty_desktop.resources import resource_path


@cache
def icon(name: str) -> QIcon:
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()
