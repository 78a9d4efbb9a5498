"""The process's user data streams: one per (WebSocket API address, API key), shared.

The composition root keeps one :class:`UserStreams`; each Trader bot ``acquire``s its platform's
stream (started on first use) and ``release``s it when it stops (stopped with its last user), so a
platform's bots share one WebSocket API connection and one subscription.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from crypty_desktop.domain.platform import ApiCredentials, PlatformType
from crypty_desktop.exchange.user_stream import UserDataStream
from crypty_desktop.exchange.ws_api import ws_api_url


class UserStreams:
    """User data streams shared by reference count, one per (address, API key). Thread-safe."""

    def __init__(self, factory: Callable[..., UserDataStream] = UserDataStream) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._streams: dict[tuple[str, str], tuple[UserDataStream, int]] = {}

    def acquire(
        self, type_: PlatformType, creds: ApiCredentials, *, url: str | None = None, **options: Any
    ) -> UserDataStream:
        key = (ws_api_url(type_, url), creds.api_key)
        with self._lock:
            found = self._streams.get(key)
            if found is not None:
                self._streams[key] = (found[0], found[1] + 1)
                return found[0]
            stream = self._factory(type_, creds, url=url, **options)
            self._streams[key] = (stream, 1)
        stream.start()
        return stream

    def release(self, stream: UserDataStream) -> None:
        with self._lock:
            for key, (held, count) in list(self._streams.items()):
                if held is stream:
                    if count > 1:
                        self._streams[key] = (held, count - 1)
                        return
                    del self._streams[key]
                    break
            else:
                return
        stream.stop()

    def close(self) -> None:
        with self._lock:
            streams = [s for s, _ in self._streams.values()]
            self._streams.clear()
        for stream in streams:
            stream.stop()
