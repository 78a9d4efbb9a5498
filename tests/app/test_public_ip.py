"""Public IP lookup against a loopback HTTP server: never the internet."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crypty_desktop.public_ip import (
    DEFAULT_URL,
    ENV_URL,
    PublicIpUnavailable,
    lookup_public_ip,
    lookup_url,
    parse_answer,
)


class _Answer:
    status = 200
    body = b"203.0.113.7\n"
    requests = 0


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        _Answer.requests += 1
        self.send_response(_Answer.status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(_Answer.body)))
        self.end_headers()
        self.wfile.write(_Answer.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass


@pytest.fixture
def ip_server() -> Iterator[str]:
    _Answer.status, _Answer.body, _Answer.requests = 200, b"203.0.113.7\n", 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


def _refused_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"  # nothing listens there any more


def test_finds_the_address(ip_server: str) -> None:
    assert lookup_public_ip(ip_server) == "203.0.113.7"
    assert _Answer.requests == 1


def test_ipv6_answer_is_normalised(ip_server: str) -> None:
    _Answer.body = b"2001:DB8:0:0::1"
    assert lookup_public_ip(ip_server) == "2001:db8::1"


def test_env_override_is_used(ip_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_URL, ip_server)
    assert lookup_url() == ip_server
    assert lookup_public_ip() == "203.0.113.7"


def test_default_is_https() -> None:
    assert lookup_url({}) == DEFAULT_URL
    assert DEFAULT_URL.startswith("https://")


@pytest.mark.parametrize(
    "body",
    [b"<html>Your IP is 203.0.113.7</html>", b"", b"999.1.1.1", b"\xff\xfe", b"1" * 5000],
)
def test_garbage_answer_is_refused(ip_server: str, body: bytes) -> None:
    _Answer.body = body
    with pytest.raises(PublicIpUnavailable, match="not an IP address") as info:
        lookup_public_ip(ip_server)
    assert info.value.help_topic == "ip-restriction"
    assert "router" in str(info.value)


def test_server_error_is_explained(ip_server: str) -> None:
    _Answer.status, _Answer.body = 503, b"busy"
    with pytest.raises(PublicIpUnavailable, match="HTTP 503") as info:
        lookup_public_ip(ip_server)
    assert info.value.code == 503


def test_connection_refused_says_what_to_do() -> None:
    with pytest.raises(PublicIpUnavailable) as info:
        lookup_public_ip(_refused_url(), timeout=2)
    message = str(info.value)
    assert "could not be reached" in message
    assert "internet connection" in message
    assert "Edit restrictions" in message
    assert info.value.__cause__ is None  # no low-level exception chained into what the user sees


def test_silent_server_times_out() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # accepts the connection, never answers
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        with pytest.raises(PublicIpUnavailable, match="could not be reached"):
            lookup_public_ip(url, timeout=0.2)


def test_parse_answer_strips_whitespace() -> None:
    assert parse_answer(b"  198.51.100.4\r\n") == "198.51.100.4"
