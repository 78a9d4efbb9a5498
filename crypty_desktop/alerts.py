"""Alerts wherever the user is: Telegram, e-mail, ntfy, Discord… through Apprise.

The user lists targets (an Apprise URL each: ``tgram://…``, ``mailto://…``, ``ntfys://…``); since
such URLs carry the service's token, each is kept in the keychain (``credentials.py``), and the
settings file (``alerts.json`` in the data folder) keeps only its label and a number. The user
also switches each kind of event on or off (:class:`AlertEvent`).

Events come from the running bots, in the window and from ``crypty bot run`` alike
(:meth:`Alerts.on_bot_event` and friends, through the core's :class:`~crypty_desktop.notifications.
Notifier` rules). Posting never blocks: the event goes into a queue and returns. One delivery
thread reads the keychain, words the message in the interface language (``catalog.say``), sends it
to each target with a few retries and a growing pause, and records each target's last outcome for
Settings. A target that hangs or fails holds up only that thread: never a bot, never the window.
Messages carry names, amounts and reasons, never a key, a secret or a target's address.
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from crypty_desktop.catalog import say
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.bots import BotKind, BotSpec, BotStatus, Decision, EventKind
from crypty_desktop.domain.errors import CryptyError, ValidationError
from crypty_desktop.files import write_atomically
from crypty_desktop.notifications import Notification, NotificationKind, Notifier
from crypty_desktop.redact import redact
from crypty_desktop.wording import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

CONFIG_FILE = "alerts.json"
QUEUE_LIMIT = 500
ATTEMPTS = 3
FIRST_PAUSE = 2.0  # float-ok: seconds before the second attempt; doubled each time
MAX_TARGETS = 20
LABEL_MAX = 40

# Words of the alerts (the values are filled in, then the whole is said in the user's language).
TITLE_BUY = QT_TRANSLATE_NOOP("Core", "{bot}: buy order filled")
TITLE_SELL = QT_TRANSLATE_NOOP("Core", "{bot}: sell order filled")
TITLE_RISK = QT_TRANSLATE_NOOP("Core", "{bot} stopped by a risk rule")
TITLE_STOPPED = QT_TRANSLATE_NOOP("Core", "{bot} stopped by an error")
TITLE_REFUSED = QT_TRANSLATE_NOOP("Core", "{bot}: an order was refused")
TITLE_KEY = QT_TRANSLATE_NOOP("Core", "{platform}: Binance refused the key")
TITLE_PAUSED = QT_TRANSLATE_NOOP("Core", "{platform}: requests paused by Binance")
TITLE_BANNED = QT_TRANSLATE_NOOP("Core", "{platform}: requests blocked by Binance")
TITLE_UNCONFIRMED = QT_TRANSLATE_NOOP("Core", "{bot}: an order is still not confirmed by Binance")
TITLE_SUMMARY = QT_TRANSLATE_NOOP("Core", "Crypty Desktop: today's summary")
SUMMARY_LINE = QT_TRANSLATE_NOOP("Core", "{bot}: P&L {pnl} {quote} ({percent} %)")
TITLE_PANIC = QT_TRANSLATE_NOOP("Core", "Crypty Desktop: everything was made safe")
TITLE_PANIC_FAILED = QT_TRANSLATE_NOOP(
    "Core", "Crypty Desktop: Make everything safe could not finish; open the app"
)
TITLE_LOSS_LIMIT = QT_TRANSLATE_NOOP(
    "Core", "{platform}: daily loss limit reached, its Trader bots were made safe"
)
TITLE_LOSS_LIMIT_FAILED = QT_TRANSLATE_NOOP(
    "Core", "{platform}: daily loss limit reached, making its bots safe could not finish"
)
TITLE_TEST = QT_TRANSLATE_NOOP("Core", "Crypty Desktop: test alert")
BODY_TEST = QT_TRANSLATE_NOOP(
    "Core", "Alerts reach you here. You chose which events send one in Settings › Notifications."
)
BAD_URL = QT_TRANSLATE_NOOP(
    "Core",
    "This address is not one Apprise knows. It starts with the service's name, for example "
    "tgram://, mailto://, ntfys:// or discord:// (see the Apprise documentation).",
)
TOO_MANY_TARGETS = QT_TRANSLATE_NOOP("Core", "At most {count} alert targets.")
LABEL_MISSING = QT_TRANSLATE_NOOP("Core", "Give the target a name, for example “My phone”.")
NOT_SENT = QT_TRANSLATE_NOOP("Core", "The service did not accept the message.")
UNREACHABLE = QT_TRANSLATE_NOOP("Core", "The service could not be reached ({error}).")
ADDRESS_MISSING = QT_TRANSLATE_NOOP(
    "Core", "This target's address is missing from the keychain. Remove it and add it again."
)
APPRISE_MISSING = QT_TRANSLATE_NOOP(
    "Core", "Alerts need the Apprise library, which is not installed with this copy of the app."
)


class AlertEvent(StrEnum):
    TRADER_FILL = "trader-fill"
    RISK_STOP = "risk-stop"
    ORDER_REFUSED = "order-refused"
    KEY_REFUSED = "key-refused"
    RATE_LIMITED = "rate-limited"
    ORDER_UNCONFIRMED = "order-unconfirmed"
    PANIC = "panic"
    DAILY_SUMMARY = "daily-summary"


_FROM_NOTICE = {
    NotificationKind.FILL: AlertEvent.TRADER_FILL,
    NotificationKind.BOT_STOPPED: AlertEvent.RISK_STOP,
    NotificationKind.KEY_FAILED: AlertEvent.KEY_REFUSED,
    NotificationKind.RATE_LIMITED: AlertEvent.RATE_LIMITED,
    NotificationKind.ORDER_UNCONFIRMED: AlertEvent.ORDER_UNCONFIRMED,
}


@dataclass(frozen=True, slots=True)
class Target:
    """A place alerts go: its number and label. Its address (with the token) is in the keychain."""

    id: int
    label: str


@dataclass(frozen=True, slots=True)
class TargetStatus:
    """The last delivery to a target: when, whether it worked, and why not (no address in it)."""

    ok: bool
    error: str = ""
    at: float = 0.0  # float-ok: epoch seconds


@dataclass
class AlertConfig:
    language: str = "en"
    events: dict[str, bool] = field(default_factory=lambda: {e.value: True for e in AlertEvent})
    targets: list[Target] = field(default_factory=list)
    next_id: int = 1

    def enabled(self, event: AlertEvent) -> bool:
        return bool(self.events.get(event.value, True))

    def to_json(self) -> str:
        return json.dumps(
            {
                "language": self.language,
                "events": self.events,
                "targets": [{"id": t.id, "label": t.label} for t in self.targets],
                "next_id": self.next_id,
            },
            indent=2,
        )

    @classmethod
    def read(cls, path: Path) -> AlertConfig:
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            events = {e.value: bool(data.get("events", {}).get(e.value, True)) for e in AlertEvent}
            targets = [Target(int(t["id"]), str(t["label"])) for t in data.get("targets", [])]
            next_id = max([int(data.get("next_id", 1)), *[t.id + 1 for t in targets]])
            return cls(str(data.get("language", "en")), events, targets, next_id)
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            log.warning("The alert settings cannot be read (%s): alerts are off.", exc)
            return cls(targets=[])


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text)


def _entry(target_id: int) -> str:
    return f"alert-target-{target_id}"


@dataclass(frozen=True, slots=True)
class _Message:
    """One alert waiting for the delivery thread: English words, said in the language there."""

    event: AlertEvent | None  # None: a test, sent whatever the switches say
    title: str
    body: str
    only: int | None = None  # a single target (a test of one target)


Sender = Callable[[str, str, str], bool]


def apprise_send(url: str, title: str, body: str) -> bool:
    """Send one message to one Apprise URL; True if the service accepted it."""
    try:
        import apprise
    except ImportError:  # a build without it: say so in Settings, never fail a bot
        raise CryptyError(APPRISE_MISSING) from None
    sender = apprise.Apprise()
    if not sender.add(url):
        raise ValidationError(BAD_URL)
    return bool(sender.notify(title=title, body=body))


def check_url(url: str) -> str:
    """The address if Apprise knows its service, else a ValidationError (nothing is sent)."""
    url = url.strip()
    try:
        import apprise
    except ImportError:
        raise CryptyError(APPRISE_MISSING) from None
    if not url or not apprise.Apprise().add(url):
        raise ValidationError(BAD_URL)
    return url


class Alerts:
    """The alert targets, the switches, and the delivery thread (started on first use).

    Thread-safe: bots' threads, the window and the CLI post from anywhere; posting only queues.

    Args:
        data_dir: where ``alerts.json`` lives.
        credentials: the keychain door (target addresses).
        send: delivers one message to one URL (Apprise by default).
        first_pause: seconds before the second attempt at a target, doubled after each failure.
    """

    def __init__(
        self,
        data_dir: Path,
        credentials: CredentialStore,
        *,
        send: Sender = apprise_send,
        first_pause: float = FIRST_PAUSE,  # float-ok: seconds
        summary: Callable[[], list[tuple[str, str, str, str]]] | None = None,
        clock: Callable[[], float] = time.time,  # float-ok: epoch seconds (tests pass their own)
    ) -> None:
        self.path = data_dir / CONFIG_FILE
        self.credentials = credentials
        self._send = send
        self._first_pause = first_pause
        self._summary = summary
        self._lock = threading.Lock()
        self._config = AlertConfig.read(self.path)
        self._status: dict[int, TargetStatus] = {}
        self._queue: queue.Queue[_Message | None] = queue.Queue(QUEUE_LIMIT)
        self._thread: threading.Thread | None = None
        self._closing = threading.Event()
        self._urls: dict[int, str] = {}  # read from the keychain by the delivery thread only
        self._notifier = Notifier(self._notice_enabled)
        self._clock = clock
        self._summary_day = self._day()
        self.delivered = 0  # messages handed to a service that accepted them (for tests)

    # --- settings -------------------------------------------------------------------------------
    @property
    def config(self) -> AlertConfig:
        with self._lock:
            return AlertConfig(
                self._config.language,
                dict(self._config.events),
                list(self._config.targets),
                self._config.next_id,
            )

    def _save(self) -> None:
        _write_atomic(self.path, self._config.to_json())

    def set_language(self, language: str) -> None:
        with self._lock:
            if self._config.language != language:
                self._config.language = language
                self._save()

    def set_enabled(self, event: AlertEvent, on: bool) -> None:
        with self._lock:
            self._config.events[event.value] = on
            self._save()

    def add_target(self, label: str, url: str) -> Target:
        """Check the address, keep it in the keychain, then list it. Keychain: a worker thread."""
        label = " ".join(label.split())[:LABEL_MAX]
        if not label:
            raise ValidationError(LABEL_MISSING)
        url = check_url(url)
        with self._lock:
            if len(self._config.targets) >= MAX_TARGETS:
                raise ValidationError(TOO_MANY_TARGETS.format(count=MAX_TARGETS))
            target = Target(self._config.next_id, label)
            self._config.next_id += 1
        self.credentials.save_secret(_entry(target.id), url)
        with self._lock:
            self._config.targets.append(target)
            try:
                self._save()
            except OSError:
                self._config.targets.remove(target)
                self.credentials.delete_secret(_entry(target.id))
                raise
            self._urls.pop(target.id, None)
            self._start()  # the daily summary from now on
        return target

    def remove_target(self, target_id: int) -> None:
        self.credentials.delete_secret(_entry(target_id))
        with self._lock:
            self._config.targets = [t for t in self._config.targets if t.id != target_id]
            self._status.pop(target_id, None)
            self._urls.pop(target_id, None)
            self._save()

    def status(self, target_id: int) -> TargetStatus | None:
        with self._lock:
            return self._status.get(target_id)

    # --- events ---------------------------------------------------------------------------------
    def _notice_enabled(self, kind: NotificationKind) -> bool:
        return self._config.enabled(_FROM_NOTICE[kind])

    def on_bot_event(self, item: BotStatus | Decision, spec: BotSpec | None) -> None:
        """What a running bot reported (a bot's listener calls this, on the bot's thread)."""
        with self._lock:
            if isinstance(item, Decision):
                notice = self._notifier.on_decision(item, spec)
                if notice is None and _refused(item, spec):
                    name = spec.name if spec is not None else item.bot_id
                    self._post(
                        AlertEvent.ORDER_REFUSED, TITLE_REFUSED.format(bot=name), item.message
                    )
                    return
            else:
                notice = self._notifier.on_status(item, spec)
        self.on_notice(notice)

    def on_failed(
        self,
        bot_id: str,
        message: str,
        spec: BotSpec | None,
        kind: EventKind = EventKind.ERROR,
    ) -> None:
        """A bot could not start, or stopped on an error or a risk limit (``kind`` says which)."""
        with self._lock:
            notice = self._notifier.on_failed(bot_id, message, spec, kind)
        self.on_notice(notice)

    def on_rate_limit_pause(self, subject: str, seconds: float, banned: bool) -> None:  # float-ok
        with self._lock:
            notice = self._notifier.on_rate_limit_pause(subject, seconds, banned)
        self.on_notice(notice)

    def on_error(self, error: BaseException, subject: str) -> None:
        with self._lock:
            notice = self._notifier.on_error(error, subject)
        self.on_notice(notice)

    def forget(self, bot_id: str) -> None:
        """The bot was started again: its next stop is news."""
        with self._lock:
            self._notifier.forget(bot_id)

    def on_notice(self, notice: Notification | None) -> None:
        """A notification the core's rules made: the alert of its kind, if switched on."""
        if notice is None:
            return
        event = _FROM_NOTICE[notice.kind]
        if notice.kind is NotificationKind.FILL:
            title = (TITLE_BUY if notice.cause == "buy" else TITLE_SELL).format(bot=notice.subject)
        elif notice.kind is NotificationKind.BOT_STOPPED:
            title = (TITLE_RISK if notice.cause == "risk" else TITLE_STOPPED).format(
                bot=notice.subject
            )
        elif notice.kind is NotificationKind.KEY_FAILED:
            title = TITLE_KEY.format(platform=notice.subject)
        elif notice.kind is NotificationKind.ORDER_UNCONFIRMED:
            title = TITLE_UNCONFIRMED.format(bot=notice.subject)
        else:
            template = TITLE_BANNED if notice.cause == "ban" else TITLE_PAUSED
            title = template.format(platform=notice.subject)
        with self._lock:
            self._post(event, title, notice.detail)

    def on_panic(self, lines: list[str], failed: bool) -> None:
        """Make everything safe ran (window, tray or ``crypty panic``): its report, bot by bot."""
        with self._lock:
            self._post(
                AlertEvent.PANIC, TITLE_PANIC_FAILED if failed else TITLE_PANIC, "\n".join(lines)
            )

    def on_loss_limit(self, platform: str, lines: list[str], failed: bool) -> None:
        """A platform's daily loss limit made its Trader bots safe: why, then what was done, bot
        by bot (sent when the Make everything safe alert is on)."""
        template = TITLE_LOSS_LIMIT_FAILED if failed else TITLE_LOSS_LIMIT
        with self._lock:
            self._post(AlertEvent.PANIC, template.format(platform=platform), "\n".join(lines))

    def start(self) -> None:
        """Start the delivery thread now (a long run with targets), so the daily summary leaves
        at midnight UTC even on a day without any other alert."""
        with self._lock:
            if self._config.targets:
                self._start()

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._deliver, name="alerts", daemon=True)
            self._thread.start()

    def send_test(self, target_id: int | None = None) -> None:
        """A test message to every target (or one), whatever the switches say."""
        with self._lock:
            self._post(None, TITLE_TEST, BODY_TEST, only=target_id)

    def _post(
        self, event: AlertEvent | None, title: str, body: str, only: int | None = None
    ) -> None:
        """Queue a message (the lock is held); never waits. A full queue drops it, with a log."""
        if event is not None and not self._config.enabled(event):
            return
        if not self._config.targets:
            return
        self._start()
        try:
            self._queue.put_nowait(_Message(event, title, body, only))
        except queue.Full:
            log.warning("Alert dropped: %d are already waiting to be delivered.", QUEUE_LIMIT)

    # --- the delivery thread --------------------------------------------------------------------
    def _deliver(self) -> None:
        while not self._closing.is_set():
            try:
                message = self._queue.get(timeout=60)
            except queue.Empty:
                self.summarise_if_due()
                continue
            try:
                if message is None:
                    return
                self._deliver_one(message)
            except Exception:  # noqa: BLE001 - the delivery thread never dies on one message
                log.exception("An alert could not be delivered.")
            finally:
                self._queue.task_done()
            self.summarise_if_due()

    def _deliver_one(self, message: _Message) -> None:
        with self._lock:
            language = self._config.language
            targets = [t for t in self._config.targets if message.only in (None, t.id)]
        title = redact(say(message.title, language))
        body = redact(say(message.body, language))
        for target in targets:
            if self._closing.is_set():
                return
            self._deliver_to(target, title, body)

    def _url(self, target: Target) -> str | None:
        url = self._urls.get(target.id)
        if url is None:
            url = self.credentials.load_secret(_entry(target.id))
            if url is not None:
                self._urls[target.id] = url
        return url

    def _deliver_to(self, target: Target, title: str, body: str) -> None:
        pause = self._first_pause
        error = ""
        for attempt in range(ATTEMPTS):
            if attempt:
                if self._closing.wait(pause):
                    return
                pause *= 2
            try:
                url = self._url(target)
                if url is None:
                    error = ADDRESS_MISSING
                    break
                if self._send(url, title, body):
                    self._record(target.id, TargetStatus(True, "", time.time()))
                    self.delivered += 1
                    return
                error = NOT_SENT
            except CryptyError as exc:
                error = exc.message
                break
            except Exception as exc:  # noqa: BLE001 - a service's library may raise anything
                error = UNREACHABLE.format(error=type(exc).__name__)
        log.warning("Alert not delivered to “%s”: %s", target.label, error)
        self._record(target.id, TargetStatus(False, error, time.time()))

    def _record(self, target_id: int, status: TargetStatus) -> None:
        with self._lock:
            self._status[target_id] = status

    def _day(self) -> int:
        """The clock's UTC day (days since 1970), so a new year is a new day too."""
        return int(self._clock() // 86400)

    def summarise_if_due(self) -> bool:
        """Once a day (the first check after midnight UTC), each running bot's P&L, if the user
        wants it. The delivery thread checks at least once a minute; True if one was made."""
        day = self._day()
        with self._lock:
            if day == self._summary_day or self._summary is None:
                return False
            self._summary_day = day
        lines = [
            SUMMARY_LINE.format(bot=bot, pnl=pnl, quote=quote, percent=percent)
            for bot, pnl, quote, percent in self._summary()
        ]
        if not lines:
            return False
        with self._lock:
            self._post(AlertEvent.DAILY_SUMMARY, TITLE_SUMMARY, "\n".join(lines))
        return True

    def wait_idle(self, timeout: float = 10.0) -> bool:  # float-ok: seconds
        """Wait until every queued message was handled (tests, and the CLI before it exits)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._queue.unfinished_tasks == 0:
                return True
            time.sleep(0.02)
        return False

    def close(self, timeout: float = 2.0) -> None:  # float-ok: seconds
        """Stop the delivery thread (a message being sent may be lost)."""
        self._closing.set()
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(None)
        thread = self._thread
        if thread is not None:
            thread.join(timeout)


def _refused(decision: Decision, spec: BotSpec | None) -> bool:
    """An order of a Trader bot that the exchange or the bot's checks refused."""
    trader = spec is not None and spec.kind is BotKind.TRADER
    return trader and decision.kind is EventKind.REFUSED
