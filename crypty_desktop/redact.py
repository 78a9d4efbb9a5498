"""Masking secrets in any text that leaves the app's memory: logs, crash reports, diagnostics.

By shape: keys and HMAC secrets are long runs of letters and digits: 20 or more with a digit, or
64 or more whatever they hold (a Binance key or secret may have no digit at all); identifiers and
paths keep their underscores, dots and slashes, so a traceback stays readable. PEM blocks are
hidden whole.

By name: the value of any field named like a credential (``secret``, ``api_secret``,
``apiSecret``, ``secret_key``, ``api_key``, ``X-MBX-APIKEY``, ``signature``, ``private_key``,
``password``…) is hidden whole, whatever its length, in ``key=value``, JSON, Python mapping and
HTTP header forms.
"""

from __future__ import annotations

import re

from crypty_desktop.domain.platform import mask_key

HIDDEN = "<hidden>"

_KEY_LIKE = re.compile(
    r"(?<![A-Za-z0-9])(?:(?=[A-Za-z]*[0-9])[A-Za-z0-9]{20,}|[A-Za-z0-9]{64,})(?![A-Za-z0-9])"
)
_PEM = re.compile(r"-----BEGIN [A-Z ]+-----.*?(?:-----END [A-Z ]+-----|\Z)", re.DOTALL)
# A query or form field, header or mapping entry whose value is a credential: hidden whole, even
# when short or when it holds characters a key would not (base64 signatures of Ed25519 keys).
_CREDENTIAL_FIELDS = "|".join(
    (
        r"x-mbx-apikey",
        r"(?:api|access|secret|private)[_-]?key",
        r"api[_-]?secret",
        r"secret",
        r"signature",
        r"password",
        r"passphrase",
    )
)
_NAMED = re.compile(
    r"(?i)(?P<name>(?<![A-Za-z0-9])(?:" + _CREDENTIAL_FIELDS + r")[\"']?\s*(?:=|:)\s*[\"']?)"
    r"(?P<value>[^\s\"'&,;}]+)"
)


def redact(text: str) -> str:
    """Mask anything that looks like a key or a secret (long tokens, PEM blocks, signatures).

    Long key-like tokens keep their first and last four characters (``abcd…wxyz``) so support can
    tell two keys apart; PEM blocks, signatures and passwords are hidden whole.
    """
    if not text:
        return text
    text = _PEM.sub("<key hidden>", text)
    text = _NAMED.sub(lambda m: m.group("name") + HIDDEN, text)
    return _KEY_LIKE.sub(lambda m: mask_key(m.group(0)), text)
