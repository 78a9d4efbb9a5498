"""What deserves a notification, decided without Qt: the window only shows what this returns.

Five kinds, each switched on or off by the user:

* ``FILL``: an order of a Trader bot filled (real money moved). Ghost fills are paper: no notice.
* ``BOT_STOPPED``: a bot stopped on its own, by a risk limit (stop-loss, max drawdown) or an error.
* ``KEY_FAILED``: Binance refused a key that used to work (revoked, or the IP changed: -2015).
* ``RATE_LIMITED``: Binance asked the app to slow down; requests pause for a while.
* ``ORDER_UNCONFIRMED``: a Trader bot has held for a long time (``bots/holding.py``): Binance has
  not confirmed one of its orders, and the bot places no new order until it does.

A :class:`Notifier` turns what running bots report (``Decision``, ``BotStatus``, a failure with
its ``EventKind``) and errors into :class:`Notification` records, drops the kinds the user turned
off, and says the same thing about the same bot or platform only once in ``quiet_seconds``. What
happened is read from the event's kind or the error's class, never from its words.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from crypty_desktop.domain.bots import (
    BotKind,
    BotSpec,
    BotState,
    BotStatus,
    Decision,
    EventKind,
)
from crypty_desktop.domain.errors import AuthError, RateLimited
from crypty_desktop.wording import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

QUIET_SECONDS = 300.0  # float-ok: the same notice about the same thing, at most every 5 minutes
PAUSED_FOR = QT_TRANSLATE_NOOP(
    "Core", "Binance asked the app to slow down; requests resume in {seconds} s."
)
BANNED_FOR = QT_TRANSLATE_NOOP(
    "Core",
    "Binance blocked requests from this computer for sending too many; they resume in "
    "{minutes} min.",
)
KEY_REVOKED_CODE = -2015


class NotificationKind(StrEnum):
    FILL = "fill"
    BOT_STOPPED = "bot-stopped"
    KEY_FAILED = "key-failed"
    RATE_LIMITED = "rate-limited"
    ORDER_UNCONFIRMED = "order-unconfirmed"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    NotificationKind.FILL: "An order of a Trader bot was filled",
    NotificationKind.BOT_STOPPED: "A bot stopped by a risk limit or an error",
    NotificationKind.KEY_FAILED: "A Binance key stopped working (revoked, or the IP changed)",
    NotificationKind.RATE_LIMITED: "Binance asked the app to slow down (requests paused)",
    NotificationKind.ORDER_UNCONFIRMED: "A Trader bot waits long for Binance to confirm an order",
}


@dataclass(frozen=True, slots=True)
class Notification:
    """One thing to tell the user.

    ``title``/``text`` are English sentences for the log and the CLI; the window builds its own
    (translated) words from the structured fields: ``kind``, ``cause`` (``"risk"`` or ``"error"``
    for a stopped bot; ``"buy"``/``"sell"`` for a fill; ``"ban"`` for an IP ban), ``subject``
    (bot or platform name) and ``detail`` (the exchange's or the engine's message, as given).
    """

    kind: NotificationKind
    subject: str
    detail: str
    level: str  # "info", "warning", "error"
    cause: str = ""
    bot_id: str = ""
    help_topic: str | None = None
    time: float = 0.0  # float-ok: epoch seconds

    @property
    def title(self) -> str:
        if self.kind is NotificationKind.FILL:
            return f"{self.subject}: {self.cause} order filled"
        if self.kind is NotificationKind.BOT_STOPPED:
            why = "a risk limit" if self.cause == "risk" else "an error"
            return f"{self.subject} stopped by {why}"
        if self.kind is NotificationKind.KEY_FAILED:
            return f"{self.subject}: Binance refused the key"
        if self.kind is NotificationKind.ORDER_UNCONFIRMED:
            return f"{self.subject}: an order is still not confirmed by Binance"
        if self.cause == "ban":
            return f"{self.subject}: requests blocked by Binance"
        return f"{self.subject}: requests paused by Binance"

    @property
    def text(self) -> str:
        return self.detail


def key_help_topic(code: int | None) -> str:
    """The guide section for a refused key: the IP whitelist for -2015, else adding a key."""
    return "ip-restriction" if code == KEY_REVOKED_CODE else "add-key"


# A key that worked when the bot started and is refused now: revoked, or the IP changed (-2015).
BOT_KEY_HELP = key_help_topic(KEY_REVOKED_CODE)


class Notifier:
    """Decides which events become notifications.

    Args:
        enabled: whether the user wants a kind (asked at each event, so a change applies at once).
        quiet_seconds: the same (kind, subject, detail) is not repeated within this time.
        clock: monotonic seconds (a test hands in its own).
    """

    def __init__(
        self,
        enabled: Callable[[NotificationKind], bool] | None = None,
        *,
        quiet_seconds: float = QUIET_SECONDS,  # float-ok
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._enabled = enabled or (lambda _kind: True)
        self.quiet_seconds = quiet_seconds
        self._clock = clock
        self._last_said: dict[tuple[NotificationKind, str, str], float] = {}
        self._states: dict[str, BotState] = {}

    # --- events from running bots -----------------------------------------------------------------
    def on_decision(self, decision: Decision, spec: BotSpec | None) -> Notification | None:
        """A fill of a Trader bot; a key or rate-limit error the bot met on its way (its waiting
        for the end of a pause is told once, for the platform, by ``on_rate_limit_pause``); a
        bot that has held long for an order Binance has not confirmed."""
        name = spec.name if spec is not None else decision.bot_id
        kind = decision.kind
        if kind is EventKind.FILL:
            if spec is None or spec.kind is not BotKind.TRADER:
                return None
            fill = Notification(
                NotificationKind.FILL,
                name,
                decision.message,
                "info",
                cause=decision.action,
                bot_id=decision.bot_id,
            )
            return self._say(fill, dedupe=False)
        if kind is EventKind.KEY_ERROR:
            notice = self._key_failed(name, decision.message, BOT_KEY_HELP, decision.bot_id)
            return self._say(notice)
        if kind is EventKind.RATE_LIMIT and decision.action == "error":
            return self._say(self._rate_limited(name, decision.message, decision.bot_id))
        if kind is EventKind.UNCONFIRMED and decision.action == "alert":  # said once per hold
            notice = Notification(
                NotificationKind.ORDER_UNCONFIRMED,
                name,
                decision.message,
                "warning",
                bot_id=decision.bot_id,
                help_topic="network",
            )
            return self._say(notice)
        return None

    def on_status(self, status: BotStatus, spec: BotSpec | None) -> Notification | None:
        """A bot that enters the ERROR state stopped by a risk limit or an error."""
        before = self._states.get(status.bot_id)
        self._states[status.bot_id] = status.state
        if status.state is not BotState.ERROR or before is BotState.ERROR:
            return None
        name = spec.name if spec is not None else status.bot_id
        return self.on_failed(status.bot_id, status.reason, spec, status.reason_kind, name=name)

    def on_failed(
        self,
        bot_id: str,
        message: str,
        spec: BotSpec | None,
        kind: EventKind = EventKind.ERROR,
        *,
        name: str = "",
    ) -> Notification | None:
        """A bot could not start, or stopped on an error or a risk limit: ``message`` says why to
        people, ``kind`` what it was."""
        name = name or (spec.name if spec is not None else bot_id)
        self._states[bot_id] = BotState.ERROR
        if kind is EventKind.KEY_ERROR:
            return self._say(self._key_failed(name, message, BOT_KEY_HELP, bot_id))
        cause = "risk" if kind.is_risk else "error"
        notice = Notification(
            NotificationKind.BOT_STOPPED,
            name,
            message,
            "warning" if cause == "risk" else "error",
            cause=cause,
            bot_id=bot_id,
        )
        return self._say(notice)

    # --- errors met anywhere (platform checks, background jobs) -----------------------------------
    def on_error(self, error: BaseException, subject: str) -> Notification | None:
        """KEY_FAILED for an AuthError, RATE_LIMITED for RateLimited/IpBanned, else None."""
        if isinstance(error, AuthError):
            return self._say(self._key_failed(subject, error.message, key_help_topic(error.code)))
        if isinstance(error, RateLimited):
            return self._say(self._rate_limited(subject, error.message))
        return None

    def on_rate_limit_pause(
        self,
        subject: str,
        seconds: float,  # float-ok: time
        banned: bool = False,
    ) -> Notification | None:
        """The shared rate limiter paused requests to a platform for ``seconds`` (after a 429),
        or Binance banned the IP address for that long (a 418, ``banned``)."""
        if banned:
            detail = BANNED_FOR.format(minutes=max(1, math.ceil(seconds / 60)))
            notice = Notification(
                NotificationKind.RATE_LIMITED,
                subject,
                detail,
                "error",
                cause="ban",
                help_topic="network",
            )
            return self._say(notice)
        detail = PAUSED_FOR.format(seconds=f"{seconds:.0f}")
        return self._say(self._rate_limited(subject, detail))

    def forget(self, bot_id: str) -> None:
        """The bot was started again: its next stop is news."""
        self._states.pop(bot_id, None)
        for key in [k for k in self._last_said if k[1] == bot_id]:
            del self._last_said[key]

    # --- inside -----------------------------------------------------------------------------------
    @staticmethod
    def _key_failed(subject: str, detail: str, help_topic: str, bot_id: str = "") -> Notification:
        return Notification(
            NotificationKind.KEY_FAILED,
            subject,
            detail,
            "error",
            bot_id=bot_id,
            help_topic=help_topic,
        )

    @staticmethod
    def _rate_limited(subject: str, detail: str, bot_id: str = "") -> Notification:
        return Notification(
            NotificationKind.RATE_LIMITED,
            subject,
            detail,
            "warning",
            bot_id=bot_id,
            help_topic="network",
        )

    def _say(self, notice: Notification, *, dedupe: bool = True) -> Notification | None:
        if not self._enabled(notice.kind):
            log.info("Notification turned off (%s): %s", notice.kind.value, notice.title)
            return None
        now = self._clock()
        key = (notice.kind, notice.bot_id or notice.subject, notice.detail)
        if dedupe:
            last = self._last_said.get(key)
            if last is not None and now - last < self.quiet_seconds:
                return None
            self._last_said[key] = now
        log.info("Notification (%s): %s — %s", notice.kind.value, notice.title, notice.detail)
        return Notification(
            notice.kind,
            notice.subject,
            notice.detail,
            notice.level,
            notice.cause,
            notice.bot_id,
            notice.help_topic,
            time.time(),
        )
