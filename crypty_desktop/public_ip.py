"""Find this computer's public IP address, the one to trust in a Binance key's IP restriction.

The bots reach Binance from this computer, so Binance sees the address that the internet sees, not
a local one. Asking a public service is the only way to learn it; the app does so only when the
user clicks "Show my public IP". Network I/O: call it from a worker thread in the GUI.

Override the service with the environment variable ``CRYPTY_PUBLIC_IP_URL`` (tests point it at a
loopback server).
"""

from __future__ import annotations

import ipaddress
import os

from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.wording import QT_TRANSLATE_NOOP

DEFAULT_URL = "https://api.ipify.org"
ENV_URL = "CRYPTY_PUBLIC_IP_URL"
_MAX_ANSWER = 100  # bytes: an address is at most 39 characters; anything longer is not one

HOW_TO_FIND = QT_TRANSLATE_NOOP(
    "Core",
    "{problem} You can also find it in Binance's “Edit restrictions” dialog, on your router's "
    "administration page, or on any “what is my IP” website opened on this computer.",
)
NOT_AN_ADDRESS = QT_TRANSLATE_NOOP(
    "Core",
    "The address service gave an answer that is not an IP address, so your public IP could not "
    "be found.",
)
SERVICE_ERROR = QT_TRANSLATE_NOOP(
    "Core",
    "The address service answered with an error (HTTP {status}), so your public IP could not be "
    "found. Try again later.",
)
SERVICE_UNREACHABLE = QT_TRANSLATE_NOOP(
    "Core",
    "Your public IP could not be found: the address service could not be reached. Check your "
    "internet connection and try again.",
)


class PublicIpUnavailable(CryptyError):
    """This computer's public IP address could not be found."""

    help_topic = "ip-restriction"


def lookup_url(env: dict[str, str] | None = None) -> str:
    """The service to ask: ``CRYPTY_PUBLIC_IP_URL`` if set, else ipify over HTTPS."""
    source = os.environ if env is None else env
    return source.get(ENV_URL) or DEFAULT_URL


def parse_answer(body: bytes) -> str:
    """The address in a plain-text answer, normalised; raises if the answer is not an address."""
    try:
        text = body[:_MAX_ANSWER].decode("ascii").strip()
        address = ipaddress.ip_address(text)
    except (UnicodeDecodeError, ValueError):
        raise PublicIpUnavailable(HOW_TO_FIND.format(problem=NOT_AN_ADDRESS)) from None
    return str(address)


def lookup_public_ip(url: str | None = None, timeout: float = 5.0) -> str:  # float-ok: seconds
    """Ask a public service for this computer's public IP address.

    Args:
        url: the service, answering the address as plain text; default ``lookup_url()``.
        timeout: seconds to wait for the connection and for the answer.

    Returns:
        The address, e.g. ``"203.0.113.7"``.

    Raises:
        PublicIpUnavailable: offline, service unreachable or failing, or a garbled answer; the
            message says how to find the address another way.
    """
    import requests  # loaded on the first lookup, not at start-up

    url = url or lookup_url()
    try:
        with requests.get(url, timeout=timeout, stream=True) as response:
            if response.status_code != 200:
                raise PublicIpUnavailable(
                    HOW_TO_FIND.format(problem=SERVICE_ERROR.format(status=response.status_code)),
                    code=response.status_code,
                )
            body = b""
            for chunk in response.iter_content(chunk_size=64):
                body += chunk
                if len(body) > _MAX_ANSWER:
                    break
    except requests.RequestException:
        raise PublicIpUnavailable(HOW_TO_FIND.format(problem=SERVICE_UNREACHABLE)) from None
    if len(body) > _MAX_ANSWER:
        raise PublicIpUnavailable(HOW_TO_FIND.format(problem=NOT_AN_ADDRESS))
    return parse_answer(body)
