"""Screenshots of the main window and the Platforms window, against the loopback fake Binance.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.gui.screenshots /work/notes/shots``
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CRYPTY_NO_ONBOARDING", "1")

from crypty_desktop.app import build_core  # noqa: E402
from crypty_desktop.credentials import CredentialStore  # noqa: E402
from crypty_desktop.domain.platform import IntendedUse, PlatformType  # noqa: E402
from crypty_desktop.gui.application import make_application  # noqa: E402
from crypty_desktop.gui.jobs import Job  # noqa: E402
from crypty_desktop.gui.main_window import NAV_PAGES, MainWindow  # noqa: E402
from crypty_desktop.gui.qt import QApplication, QWidget  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from tests.fakes.fake_binance import FakeBinance, FakeKey  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402

KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
KEY2 = "kYq3Xc7RrA2mPz8T0bWvLhN5sD9fG4jE1uI6oK3yM7nB2vC8xZ5aQ0wE4rT9yU1i"
SECRET2 = "Zr8Wq2Ex5Rt7Yu1Io3Pa6Sd9Fg4Hj0Kl2Zx5Cv8Bn1Mq3We6Rt9Yu2Io5Pa8Sd0F"


def settle(app: QApplication, job: Job | None = None) -> None:
    while job is not None and not job.done:
        app.processEvents()
    for _ in range(20):
        app.processEvents()


def shot(app: QApplication, widget: QWidget, folder: Path, name: str) -> None:
    settle(app)
    widget.grab().save(str(folder / f"{name}.png"))
    print(folder / f"{name}.png")


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    with FakeBinance() as fake, tempfile.TemporaryDirectory() as tmp:
        fake.add_key(FakeKey(api_key=KEY, secret=SECRET))
        fake.add_key(FakeKey(api_key=KEY2, secret=SECRET2, can_trade=True, ip_restrict=False))
        fake.add_key(FakeKey(api_key="W" * 64, secret="w" * 64, enable_withdrawals=True))
        settings = Settings(data_dir=Path(tmp), binance_url=fake.url)
        core = build_core(settings, CredentialStore(MemoryKeyring()))
        window = MainWindow(core)
        window.show()
        settle(app, window.keychain_job)
        shot(app, window, folder, "main_empty")

        settle(app, window.try_demo())
        shot(app, window, folder, "main_demo")
        dialog = window.open_platforms()
        dialog.move(window.x() + 120, window.y() + 80)
        form = dialog.open_add_form(PlatformType.BINANCE)
        form.name_edit.setText("Binance Ghost")
        form.access_edit.setText(KEY)
        form.secret.edit.setText(SECRET)
        shot(app, form, folder, "add_form")
        form.save_button.click()
        shot(app, form, folder, "add_form_checking")
        settle(app, form.save_job)
        shot(app, dialog, folder, "platforms_saved")

        form = dialog.open_add_form(PlatformType.BINANCE)
        form.name_edit.setText("Binance withdraw")
        form.access_edit.setText("W" * 64)
        form.secret.edit.setText("w" * 64)
        form.save_button.click()
        settle(app, form.save_job)
        shot(app, form, folder, "add_form_refused")
        form.reject()

        form = dialog.open_add_form(PlatformType.BINANCE)
        form.keypair_check.setChecked(True)
        settle(app, form.keypair_job)
        form.name_edit.setText("Binance Ed25519")
        shot(app, form, folder, "add_form_keypair")
        form.reject()

        form = dialog.open_add_form(PlatformType.BINANCE)
        form.name_edit.setText("Binance Trader")
        form.access_edit.setText(KEY2)
        form.secret.edit.setText(SECRET2)
        form.use_buttons[IntendedUse.TRADER].setChecked(True)
        form.save_button.click()
        settle(app, form.save_job)
        trader = next(p for p in dialog.table.platforms() if p.name == "Binance Trader")
        dialog.table.select_platform(trader.id)
        settle(app, dialog.test_connection(trader))
        shot(app, dialog, folder, "platforms_audit")
        dialog.close()
        window.refresh()
        shot(app, window, folder, "main_platforms")
        window.nav.setCurrentRow(NAV_PAGES.index("Platforms"))
        shot(app, window, folder, "main_platforms_page")
        window.nav.setCurrentRow(0)
        shot(app, window, folder, "main_dashboard")
        window.close()
        core.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "shots"))
