"""Masking secrets in any text that leaves the app's memory: logs, crash reports, diagnostics.

Keys and HMAC secrets are long runs of letters and digits with at least one digit; identifiers
and paths keep their underscores, dots and slashes, so a traceback stays readable. PEM blocks,
request signatures and API-key headers are hidden whole.
"""

from __future__ import annotations

import re

from crypty_desktop.domain.platform import mask_key

HIDDEN = "<hidden>"

_KEY_LIKE = re.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z]*[0-9])[A-Za-z0-9]{20,}(?![A-Za-z0-9])")
_PEM = re.compile(r"-----BEGIN [A-Z ]+-----.*?(?:-----END [A-Z ]+-----|\Z)", re.DOTALL)
# A query or form field, header or mapping entry whose value is a credential: hidden whole, even
# when short or when it holds characters a key would not (base64 signatures of Ed25519 keys).
_NAMED = re.compile(
    r"(?i)(?P<name>\b(?:signature|private_?key|password|passphrase)[\"']?\s*(?:=|:)\s*[\"']?)"
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
