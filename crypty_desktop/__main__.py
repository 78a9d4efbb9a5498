"""``python -m crypty_desktop`` and the ``crypty-desktop`` command: start the desktop app.

``crypty-desktop --self-test`` instead starts the app offscreen in a throw-away data folder, checks
that this copy is complete (database, keychain, guide, translations, window, a Ghost bot) and
prints one line: ``self-test ok: …`` (exit 0) or ``self-test failed: <reason>`` (exit 1).
"""

from __future__ import annotations

import sys

SELF_TEST_FLAG = "--self-test"


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a frozen app's optimiser workers start here and stop here
    from crypty_desktop.startup import harden_process

    harden_process()  # before any secret is read: no core dump can hold one
    args = sys.argv if argv is None else argv
    if SELF_TEST_FLAG in args[1:]:
        from crypty_desktop.gui.selftest_gui import run_self_test

        return run_self_test()
    from crypty_desktop.gui.application import run

    code: int = run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
