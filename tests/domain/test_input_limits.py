"""Bad input is refused before it costs anything, with a sentence, in the core and the CLI alike."""

from __future__ import annotations

import io
import json
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.service import AMOUNT_MAX, parse_amount
from crypty_desktop.cli import main
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.domain.money import check_number_text
from crypty_desktop.domain.names import clean_name, shown
from crypty_desktop.domain.platform import PlatformType
from crypty_desktop.settings import Settings
from crypty_desktop.strategies.registry import create_strategy
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.memory_keyring import MemoryKeyring

KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"


def run(core: Core, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), core=core, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def create_bot(
    core: Core, name: str, budget: str = "1000", platform: str = "Demo"
) -> tuple[int, str, str]:
    return run(
        core,
        *("bot", "create", name, "--platform", platform, "--kind", "ghost"),
        *("--symbol", "BTCUSDT", "--strategy", "rsi", "--budget", budget),
    )


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("1e999999999", "out of range"),
        ("1E+31", "out of range"),
        ("1e-31", "out of range"),
        ("5e+00000000000000000000000000000031", "out of range"),
        ("1" * 41, "too long"),
        ("9" * 5000, "too long"),
    ],
)
def test_oversized_numbers_are_refused_from_their_text(text: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        check_number_text(text, "Budget")


def test_numbers_of_sane_size_pass_unchanged() -> None:
    for text in (" 1000 ", "0.001", "1e3", "1E+30", "12345678901234567890.12345678901234567"):
        assert check_number_text(text, "Budget") == text.strip()


def test_a_budget_of_a_billion_digits_costs_neither_memory_nor_time() -> None:
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ValidationError, match="out of range"):
        parse_amount("Budget", "1e999999999")
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 1_000_000 and elapsed < 5  # no gigabyte string was ever built


def test_budgets_above_the_maximum_are_refused() -> None:
    assert parse_amount("Budget", str(AMOUNT_MAX)) == AMOUNT_MAX
    for text in ("1000000000001", "1" + "0" * 30):
        with pytest.raises(ValidationError, match="too large"):
            parse_amount("Budget", text)
    with pytest.raises(ValidationError, match="not a plain number"):  # never expanded
        parse_amount("Budget", "1e30")


def test_strategy_parameters_are_bounded_too() -> None:
    with pytest.raises(ValidationError, match="out of range"):
        create_strategy("rsi", {"period": "7", "oversold": "1e999999999"})


def test_the_cli_says_one_sentence_for_an_absurd_budget(core: Core) -> None:
    assert run(core, "platform", "add", "Demo", "--type", "simulated")[0] == 0
    cases = (
        ("1e999999999", "--budget", "not a plain number"),  # never expanded
        ("1" + "0" * 29, "Budget", "too large"),
        ("9" * 60, "--budget", "too long"),
    )
    for budget, label, says in cases:
        code, out, err = create_bot(core, "b", budget)
        assert (code, out) == (1, "")
        assert err.startswith(f"error: {label}") and says in err and err.count("\n") == 1
        assert "Traceback" not in err
    assert core.bots.list() == []


# --- names ------------------------------------------------------------------------------------

BAD_NAMES = [
    "evil\x1b[2J\x1b[31mname",  # ANSI: clear screen, red
    "two\nlines",
    "tab\there",
    "rtl\u202eoverride",
    "isolate\u2066x\u2069",
    "mark\u200fhere",
    "arabic\u061cmark",
    "bell\x07",
    "del\x7f",
    "zero\u200bwidth",
    "line\u2028separator",
]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_names_with_control_or_direction_characters_are_refused(core: Core, name: str) -> None:
    with pytest.raises(ValidationError, match="printable characters"):
        core.platforms.add(name, PlatformType.SIMULATED)
    assert core.platforms.list() == []
    core.platforms.add("Demo", PlatformType.SIMULATED)
    code, out, err = create_bot(core, name)
    assert (code, out) == (1, "") and "printable characters" in err
    assert core.bots.list() == []


def test_names_are_trimmed_normalised_and_bounded() -> None:
    kwargs = {"max_length": 10, "missing": "missing", "too_long": "at most {count}"}
    assert clean_name("  Cafe\u0301 \u00a0x ", **kwargs) == "Café  x"  # NFC, no-break space
    with pytest.raises(ValidationError, match="missing"):
        clean_name(" \u3000 ", **kwargs)
    with pytest.raises(ValidationError, match="at most 10"):
        clean_name("x" * 11, **kwargs)


def test_names_are_unique_whatever_the_case(core: Core) -> None:
    core.platforms.add("TR", PlatformType.SIMULATED)
    with pytest.raises(ValidationError, match="already exists"):
        core.platforms.add("tr", PlatformType.SIMULATED)
    core.platforms.add("Été", PlatformType.SIMULATED)
    with pytest.raises(ValidationError, match="already exists"):
        core.platforms.add("ÉTÉ", PlatformType.SIMULATED)  # casefold, beyond SQLite's lower()
    platform = core.platforms.find("TR")
    assert core.platforms.edit(platform, name="Tr").name == "Tr"  # a change of case is allowed
    assert create_bot(core, "Bot", platform="Tr")[0] == 0
    code, _, err = create_bot(core, "BOT", platform="Tr")
    assert code == 1 and "already exists" in err
    assert [b.name for b in core.bots.list()] == ["Bot"]
    assert core.bots.find("bOT").name == "Bot" and core.platforms.find("tR").name == "Tr"


def test_names_saved_before_the_rules_are_printed_harmlessly(core: Core) -> None:
    core.platforms.add("Demo", PlatformType.SIMULATED)
    with core.store.updating_platform(core.platforms.find("Demo").id, name="x\x1b[2J\u202ey"):
        pass
    code, out, _ = run(core, "platform", "list")
    assert code == 0 and "\x1b" not in out and "\u202e" not in out
    assert "x\\u001b[2J\\u202ey" in out
    code, out, _ = run(core, "platform", "list", "--json")
    assert json.loads(out)[0]["name"] == "x\x1b[2J\u202ey"  # JSON escapes it itself
    code, _, err = run(core, "platform", "check", "a\x1b[31mb")
    assert code == 1 and "\x1b" not in err and "a\\u001b[31mb" in err


def test_shown_keeps_ordinary_text_and_newlines_are_for_callers() -> None:
    assert shown("Binance Ghost – été ₿") == "Binance Ghost – été ₿"
    assert shown("a\nb") == "a\\u000ab"


# --- the API key off the command line ---------------------------------------------------------


@pytest.fixture
def binance_core(
    fake_binance: FakeBinance, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Core]:
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
    yield core
    core.close()


@pytest.mark.parametrize("argv", [(), ("--access-key", "-")])
def test_the_api_key_can_come_from_stdin_with_the_secret(
    binance_core: Core, fake_binance: FakeBinance, argv: tuple[str, ...]
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    code, out, err = run(
        binance_core, "platform", "add", "B", "--type", "binance", *argv, stdin=f"{KEY}\n{SECRET}\n"
    )
    assert code == 0, err
    platform = binance_core.platforms.find("B")
    assert platform.key_masked == "vmPU…Eh8A"
    assert binance_core.credentials.load(platform.id).secret == SECRET


def test_the_help_says_a_key_on_the_command_line_is_visible(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["platform", "add", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "visible to other users in `ps`" in text and "shell history" in text


def test_the_key_prompt_does_not_echo(
    binance_core: Core, fake_binance: FakeBinance, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    asked: list[str] = []
    answers = {"Access Key: ": KEY, "Secret Key: ": SECRET}

    def getpass(prompt: str) -> str:  # the terminal's no-echo prompt
        asked.append(prompt)
        return answers[prompt]

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("crypty_desktop.cli.getpass.getpass", getpass)
    out, err = io.StringIO(), io.StringIO()
    argv = ["platform", "add", "B", "--type", "binance"]
    code = main(argv, core=binance_core, stdin=Terminal(), stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    assert asked == ["Access Key: ", "Secret Key: "]
    assert KEY not in out.getvalue() and SECRET not in out.getvalue()


# --- Binance URL overrides -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8765",
        "http://127.3.2.1",
        "http://[::1]:9000",
        "http://localhost:1",
        "https://api.binance.com",
        "https://example.org:8443/x",
    ],
)
def test_https_anywhere_and_plain_http_to_loopback_only_are_accepted(url: str) -> None:
    assert (
        Settings.from_env({"CRYPTY_BINANCE_URL": url, "CRYPTY_DATA_DIR": "/tmp/x"}).binance_url
        == url
    )


@pytest.mark.parametrize(
    ("variable", "url"),
    [
        ("CRYPTY_BINANCE_URL", "http://evil.example"),
        ("CRYPTY_BINANCE_URL", "http://10.0.0.5:8765"),
        ("CRYPTY_BINANCE_URL", "http://127.0.0.1.evil.example"),
        ("CRYPTY_BINANCE_URL", "ftp://127.0.0.1"),
        ("CRYPTY_BINANCE_URL", "127.0.0.1:8765"),
        ("CRYPTY_BINANCE_WS_URL", "ws://stream.evil.example"),
        ("CRYPTY_BINANCE_WS_URL", "http://127.0.0.1"),
    ],
)
def test_plain_http_to_another_host_is_refused_with_a_sentence(
    variable: str, url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValidationError, match="travel unencrypted") as info:
        Settings.from_env({variable: url, "CRYPTY_DATA_DIR": str(tmp_path)})
    assert variable in str(info.value)
    monkeypatch.setenv(variable, url)
    err = io.StringIO()
    assert main(["platform", "list"], stdout=io.StringIO(), stderr=err) == 1
    assert (
        err.getvalue().startswith(f"error: {variable} must start with")
        and "Traceback" not in err.getvalue()
    )


def test_wss_streams_are_accepted() -> None:
    settings = Settings(Path("/tmp/x"), binance_ws_url="wss://stream.binance.com:9443")
    assert settings.binance_ws_url == "wss://stream.binance.com:9443"
