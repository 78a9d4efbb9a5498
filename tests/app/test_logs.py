"""The log file: rotated in the data folder, and no secret ever reaches it.

One flow runs with a known key and secret through the real python-binance client against the
loopback fake Binance (add a platform, a wrong secret refused, a Trader bot placing signed orders)
with everything logged at DEBUG, then the log files are searched for the secret and the full key.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop import cli
from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.host import BotThread, build_bot
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.errors import AuthError
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.logs import (
    BACKUP_COUNT,
    MAX_BYTES,
    RedactingFilter,
    log_path,
    setup_logging,
    teardown_logging,
)
from crypty_desktop.redact import redact
from crypty_desktop.settings import Settings
from tests.bots.test_bots_binance import candle, this_minute, wait_for
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.fakes.fake_streams import FakeStreamServer
from tests.memory_keyring import MemoryKeyring

KEY = "Qm4Tz8Lw2Xc6Vb1Nn5Hj9Kd3Fs7Ga0Pp4Ry8Ue2Wi6Oo1Aa5Ss9Dd3Ff7Gg2Hh6Jj0Kk4Ll"
SECRET = "Zx9Cv3Bn7Mq1We5Rt8Yu2Io6Pa0Sd4Fg9Hj3Kl7Zx1Cv5Bn8Mq2We6Rt0Yu4Io8Pa3Sd"
WRONG = "Wr0ngS3cretWr0ngS3cretWr0ngS3cretWr0ngS3cretWr0ngS3cretWr0ngS3cre"


@pytest.fixture
def logging_to_file(settings: Settings) -> Iterator[Path]:
    path = setup_logging(settings, level="DEBUG")
    yield path
    teardown_logging()
    logging.getLogger().setLevel(logging.WARNING)


def all_logs(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("crypty.log*")))


def test_the_log_file_is_in_the_data_folder_and_rotates(
    settings: Settings, logging_to_file: Path
) -> None:
    assert logging_to_file == settings.data_dir / "logs" / "crypty.log" == log_path(settings)
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "crypty-file")
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert (handler.maxBytes, handler.backupCount) == (MAX_BYTES, BACKUP_COUNT)
    logging.getLogger("crypty_desktop.test").info("hello from the test")
    handler.flush()
    assert "hello from the test" in logging_to_file.read_text(encoding="utf-8")


def test_setting_up_twice_keeps_one_handler(settings: Settings, logging_to_file: Path) -> None:
    setup_logging(settings)
    names = [h.get_name() for h in logging.getLogger().handlers]
    assert names.count("crypty-file") == 1


def test_the_filter_redacts_message_args_and_exception() -> None:
    try:
        raise ValueError(f"refused with secret {SECRET}")
    except ValueError:
        import sys

        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "key %s then %r", (KEY, {"secret": SECRET}), exc_info
    )
    assert RedactingFilter().filter(record)
    formatted = logging.Formatter().format(record)
    assert SECRET not in formatted and KEY not in formatted
    assert "Qm4T…Kk4Ll"[:4] in formatted  # the masked key still tells support which one
    assert "ValueError: refused with secret" in formatted


def test_signatures_and_pem_are_hidden_whole() -> None:
    text = redact(
        "GET /api/v3/account?timestamp=1&signature=deadbeef0123 HTTP/1.1 "
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA\n-----END PRIVATE KEY-----"
    )
    assert "deadbeef0123" not in text and "signature=<hidden>" in text
    assert "MC4CAQ" not in text


@pytest.mark.parametrize(
    "text",
    [
        "secret=shorty1&timestamp=1",
        "api_secret=nodigitsatall",
        "apiSecret=abc",
        "secretKey=abc",
        "api_key=abc",
        "private_key=abc",
        "privateKey: abc",
        '{"secret": "abc", "x": 1}',
        '{"apiSecret":"abc"}',
        "{'api_secret': 'abc'}",
        "X-MBX-APIKEY: abc",
        "{'X-MBX-APIKEY': 'abc'}",
        "headers x-mbx-apikey=abc",
        "signature=abc%2B%2F%3D",
        "password=abc",
    ],
)
def test_a_credential_is_hidden_by_its_name_in_every_form(text: str) -> None:
    redacted = redact(text)
    assert "abc" not in redacted and "nodigitsatall" not in redacted and "shorty1" not in redacted
    assert "<hidden>" in redacted


def test_a_key_without_a_digit_is_hidden_by_its_shape() -> None:
    letters_only = "vmPUZEmvSDVNHkHlWFsOraKEzvswMuIgwCIPyutIcoyJudu" + "EhAbCdEfGhIjKlMnO"
    assert len(letters_only) == 64 and not any(c.isdigit() for c in letters_only)
    redacted = redact(f"refused key {letters_only} by the exchange")
    assert letters_only not in redacted and "vmPU…MnO"[:4] in redacted
    assert redact("ordinary_identifier_with_many_words_in_it") == (
        "ordinary_identifier_with_many_words_in_it"
    )
    assert (
        redact("The Secret Key that Binance showed you") == "The Secret Key that Binance showed you"
    )


def test_pem_private_keys_are_hidden_even_inside_json() -> None:
    text = json.dumps(
        {
            "kind": "ed25519",
            "pem": "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA\n"
            "-----END PRIVATE KEY-----\n",
        }
    )
    assert "MC4CAQ" not in redact(text)


@pytest.fixture
def streams() -> Iterator[FakeStreamServer]:
    with FakeStreamServer() as server:
        yield server


@pytest.mark.logs(r"crypty_desktop\.flow: ")
def test_a_whole_flow_with_a_known_secret_leaves_no_trace_of_it_in_the_log(
    tmp_path: Path,
    fake_binance: FakeBinance,
    streams: FakeStreamServer,
    memory_keyring: MemoryKeyring,
) -> None:
    settings = Settings(
        data_dir=tmp_path / "flow", binance_url=fake_binance.url, binance_ws_url=streams.url
    )
    path = setup_logging(settings, level="DEBUG")
    log = logging.getLogger("crypty_desktop.flow")
    core: Core = build_core(settings, CredentialStore(memory_keyring))
    try:
        fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True))
        fake_binance.set_balance("USDT", "10000")
        fake_binance.set_price("BTCUSDT", Decimal("60000"))
        with pytest.raises(AuthError) as refused:
            core.platforms.add(
                "Wrong", PlatformType.BINANCE, ApiCredentials(KEY, WRONG), IntendedUse.ANY
            )
        log.warning("Adding a platform failed: %s", refused.value)
        core.platforms.add(
            "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
        )
        spec = core.bots.create(
            name="trader",
            platform_name="Binance",
            kind=BotKind.TRADER,
            symbol="BTCUSDT",
            strategy="dca",
            params={"every": "1", "quote_amount": "20"},
            budget="200",
        )
        thread = BotThread(build_bot(core.bot_context, spec))
        thread.start()
        try:
            streams.wait_connections(1)
            base = this_minute()
            for i in range(3):
                streams.push_kline(candle(base, i))
            wait_for(lambda: len(fake_binance.orders()) >= 2)
        finally:
            thread.stop()
        # Careless code that a review missed must not leak either.
        creds = core.platforms.credentials_for(core.platforms.find("Binance"))
        log.debug("credentials loaded: %r", creds)
        log.info("header X-MBX-APIKEY: %s, secret=%s", KEY, SECRET)
        try:
            raise RuntimeError(f"signing failed for {SECRET}")
        except RuntimeError:
            log.exception("a bug")
    finally:
        core.close()
        teardown_logging()
        logging.getLogger().setLevel(logging.WARNING)
    text = all_logs(path.parent)
    assert "signature=<hidden>" in text, "the flow should have logged signed requests"
    assert "a bug" in text and "RuntimeError" in text
    assert SECRET not in text and WRONG not in text
    assert KEY not in text


def test_the_cli_writes_its_log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRYPTY_DATA_DIR", str(tmp_path / "cli"))
    try:
        assert cli.main(["platform", "list"]) == 0
        handlers = [h.get_name() for h in logging.getLogger().handlers]
        assert "crypty-file" in handlers
    finally:
        teardown_logging()
        logging.getLogger().setLevel(logging.WARNING)
