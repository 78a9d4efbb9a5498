"""``python -m crypty_desktop`` and the ``crypty-desktop`` command: start the desktop app."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from crypty_desktop.gui.application import run

    code: int = run(sys.argv if argv is None else argv)
    return code


if __name__ == "__main__":
    sys.exit(main())
