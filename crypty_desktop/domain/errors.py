"""The small set of errors the rest of the app understands.

The exchange adapter, the keychain door and the storage translate their low-level failures
into these.
Each carries a message written for the user (``str(error)``) and, when there is one, the exchange's
error code for support (``error.code``). No message ever contains a secret.
"""

from __future__ import annotations

from datetime import datetime


class CryptyError(Exception):
    """Base of every error shown to the user.

    Attributes:
        code: the exchange or HTTP code that caused it, for the small print; ``None`` if none.
        help_topic: the help section that explains the fix, if any.
    """

    help_topic: str | None = None

    def __init__(self, message: str, *, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class ValidationError(CryptyError):
    """The user's input is not acceptable; nothing was changed."""


class NotFound(CryptyError):
    """The named thing (platform, bot) does not exist."""


class KeychainUnavailable(CryptyError):
    """No secure keychain is available, so no secret can be stored or read."""

    help_topic = "keychain"


class AuthError(CryptyError):
    """The exchange refused the key or the signature (wrong key, wrong secret, IP not allowed)."""

    help_topic = "add-key"


class PermissionDenied(CryptyError):
    """The key works but lacks a permission this action needs, or has one that is refused."""

    help_topic = "permissions"


class RateLimited(CryptyError):
    """The exchange asked us to slow down. ``retry_after`` is in seconds."""

    def __init__(self, message: str, *, retry_after: float, code: int | None = None) -> None:
        super().__init__(message, code=code)
        self.retry_after = retry_after


class IpBanned(RateLimited):
    """The exchange banned this IP address for a while (HTTP 418). ``until`` is when it ends."""

    def __init__(
        self, message: str, *, retry_after: float, until: datetime, code: int | None = None
    ) -> None:
        super().__init__(message, retry_after=retry_after, code=code)
        self.until = until


class ClockSkew(CryptyError):
    """This computer's clock is too far from the exchange's."""

    help_topic = "clock"


class FilterRejected(CryptyError):
    """An order breaks the symbol's filters (size, price step, minimum value)."""


class InsufficientBalance(CryptyError):
    """The account does not hold enough of an asset for this order."""


class UnknownSymbol(CryptyError):
    """The exchange does not list this market."""


class UnknownOrderStatus(CryptyError):
    """We could not learn whether an order reached the exchange; it must be queried, not re-sent."""


class ExchangeUnavailable(CryptyError):
    """The exchange could not be reached or answered with a server error."""

    help_topic = "network"
