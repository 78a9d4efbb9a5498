"""The small set of errors the rest of the app understands, arranged by what to do about them.

The exchange adapter, the keychain door and the storage translate their low-level failures
into these.
Each carries a message written for the user (``str(error)``) and, when there is one, the exchange's
error code for support (``error.code``). No message ever contains a secret.

Three branches say what a caller does, so no caller keeps its own list of errors:

* ``TemporaryError``: nothing is wrong with the request; try again later. The one retry helper
  (``exchange/retry.py``) tries again after a pause (longer when the exchange said how long); a
  running bot says so and goes on with the next candle.
* ``OrderRefused``: this order cannot be placed as asked; nothing changed. A bot skips it (says
  why, once) and goes on.
* ``StopsTheBot``: the user must act (the key, its permissions, an order whose outcome could not
  be learnt). A running bot stops in error, except for ``OrderUnconfirmed``: Binance could not be
  asked about an order yet, so a running bot *holds* (no new order, asks again: ``bots/holding``),
  as it does for ``CancelUnconfirmed`` (a cancel's outcome not known). An order Binance has
  acknowledged whose progress cannot be read stops nothing: it stays open and is asked again.

The other errors (``ValidationError``, ``NotFound``, ``KeychainUnavailable``, ``UnknownSymbol``…)
answer a request of the user: they are shown, and change nothing.
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


class TemporaryError(CryptyError):
    """Try again later: the exchange is unreachable, busy, asked to slow down, or the clock
    must be measured again. Retried by ``exchange/retry.py``; a running bot goes on."""


class OrderRefused(CryptyError):
    """This order cannot be placed as asked (filters, balance, the market's state); nothing was
    changed. A running bot skips it and goes on."""


class StopsTheBot(CryptyError):
    """The user must act before the bot can trade again (key, permission, an order whose outcome
    is not known). A running bot stops in error."""


class ValidationError(CryptyError):
    """The user's input is not acceptable; nothing was changed."""


class InvalidOrder(ValidationError, OrderRefused):
    """An order the app's own checks refuse before it leaves (no price, a quantity not above
    zero, a market that is not trading): the input is wrong, and a bot skips the order."""


class NotFound(CryptyError):
    """The named thing (platform, bot) does not exist."""


class KeychainUnavailable(CryptyError):
    """No secure keychain is available, so no secret can be stored or read."""

    help_topic = "keychain"


class AuthError(StopsTheBot):
    """The exchange refused the key or the signature (wrong key, wrong secret, IP not allowed)."""

    help_topic = "add-key"


class PermissionDenied(StopsTheBot):
    """The key works but lacks a permission this action needs, or has one that is refused."""

    help_topic = "permissions"


class RateLimited(TemporaryError):
    """The exchange asked us to slow down. ``retry_after`` is in seconds."""

    def __init__(
        self,
        message: str,
        *,
        retry_after: float,  # float-ok: seconds
        code: int | None = None,
    ) -> None:
        super().__init__(message, code=code)
        self.retry_after = retry_after


class IpBanned(RateLimited):
    """The exchange banned this IP address for a while (HTTP 418). ``until`` is when it ends."""

    def __init__(
        self,
        message: str,
        *,
        retry_after: float,  # float-ok: seconds
        until: datetime,
        code: int | None = None,
    ) -> None:
        super().__init__(message, retry_after=retry_after, code=code)
        self.until = until


class ClockSkew(TemporaryError):
    """This computer's clock is too far from the exchange's."""

    help_topic = "clock"


class FilterRejected(OrderRefused):
    """An order breaks the symbol's filters (size, price step, minimum value)."""


class InsufficientBalance(OrderRefused):
    """The account does not hold enough of an asset for this order."""


class UnknownSymbol(CryptyError):
    """The exchange does not list this market."""


class UnknownOrderStatus(StopsTheBot):
    """We could not learn whether an order reached the exchange; it must be queried, not re-sent."""


class OrderUnconfirmed(UnknownOrderStatus):
    """The exchange was asked about an order whose outcome is unknown, and could not answer in
    the tries given. A running bot holds until it does (no new order, asks again with a growing
    pause); anything else that places an order (a manual order, a panic) treats it as an
    ``UnknownOrderStatus``. ``order_id`` is the order's client order id."""

    def __init__(self, message: str, *, order_id: str, code: int | None = None) -> None:
        super().__init__(message, code=code)
        self.order_id = order_id


class CancelUnconfirmed(OrderUnconfirmed):
    """A cancel's outcome is unknown (its answer was lost) and the exchange could not be asked
    about the order: it may still rest on the exchange, so it stays open in the records. A
    running bot holds and checks it again (two live orders never coexist by mistake); a manual
    cancel shows the outcome as unknown. ``order_ids``: every order concerned (a protective
    list's legs), ``order_id`` the first."""

    def __init__(
        self, message: str, *, order_ids: tuple[str, ...], code: int | None = None
    ) -> None:
        super().__init__(message, order_id=order_ids[0], code=code)
        self.order_ids = order_ids


class ExchangeUnavailable(TemporaryError):
    """The exchange could not be reached or answered with a server error."""

    help_topic = "network"
