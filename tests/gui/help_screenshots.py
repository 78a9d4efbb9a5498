"""Screenshots of the help pane (French and English), the public IP panel and the first-run wizard.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.gui.help_screenshots /work/notes/shots``
The public IP comes from a loopback server; nothing reaches the internet.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CRYPTY_NO_ONBOARDING", "1")

from crypty_desktop.app import build_core  # noqa: E402
from crypty_desktop.credentials import CredentialStore  # noqa: E402
from crypty_desktop.domain.platform import PlatformType  # noqa: E402
from crypty_desktop.gui.application import make_application  # noqa: E402
from crypty_desktop.gui.main_window import MainWindow  # noqa: E402
from crypty_desktop.gui.preferences import LANGUAGE, Preferences  # noqa: E402
from crypty_desktop.gui.qt import QApplication, QSettings, QWidget  # noqa: E402
from crypty_desktop.public_ip import ENV_URL  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402


class _Ip(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        body = b"203.0.113.7"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def settle(app: QApplication, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()


def shot(app: QApplication, widget: QWidget, folder: Path, name: str) -> None:
    settle(app)
    widget.grab().save(str(folder / f"{name}.png"))
    print(folder / f"{name}.png")


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="crypty-help-shots-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "qs"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ip)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    os.environ[ENV_URL] = f"http://127.0.0.1:{server.server_address[1]}/"
    app = make_application(sys.argv[:1])
    core = build_core(Settings(data_dir=tmp / "data"), CredentialStore(MemoryKeyring()))
    window = MainWindow(core)
    window.resize(1280, 800)
    window.show()
    try:
        for lang in ("en", "fr"):
            Preferences().set(LANGUAGE, lang)
            pane = window.show_help("ghost-key")
            pane.set_language(lang)
            shot(app, window, folder, f"help-pane-{lang}-ghost-key")
            pane.show_topic("ip-restriction")
            pane.ip_panel.start_lookup()
            while pane.ip_panel.busy:
                app.processEvents()
            shot(app, window, folder, f"help-pane-{lang}-public-ip")
            pane.show_topic("permissions")
            shot(app, window, folder, f"help-pane-{lang}-permissions")
        pane.show_topic("add-key")
        form = window.open_platforms().open_add_form(PlatformType.BINANCE)
        shot(app, form, folder, "help-form-with-question-mark")
        form.reject()
        window.platforms_dialog.close()  # type: ignore[union-attr]
        wizard = window.open_onboarding()
        shot(app, wizard, folder, "onboarding-1-language")
        wizard.next()
        shot(app, wizard, folder, "onboarding-2-start")
        wizard.reject()
    finally:
        window.close()
        core.close()
        server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/notes/shots"))
