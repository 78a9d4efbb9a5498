"""Subscriber lists shared between threads: add one, and get back how to take it off again."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, TypeVar

T = TypeVar("T")


def subscribe(
    lock: AbstractContextManager[Any], subscribers: list[T], item: T
) -> Callable[[], None]:
    """Append ``item`` to ``subscribers`` under ``lock``; return the undo (safe to call twice)."""
    with lock:
        subscribers.append(item)

    def undo() -> None:
        with lock:
            if item in subscribers:
                subscribers.remove(item)

    return undo
