"""The ExchangeGateway protocol: what the rest of the app may ask of an exchange.

Implementations raise only the domain errors of ``crypty_desktop.domain.errors``.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from crypty_desktop.domain.platform import Permissions


@runtime_checkable
class ExchangeGateway(Protocol):
    def read_permissions(self) -> Permissions:
        """Read what the key can do (account + API restrictions)."""
        ...

    def close(self) -> None:
        """Release network resources."""
        ...
