"""Start-up objects are frozen for the garbage collector once, and frozen objects still die."""

from __future__ import annotations

import gc
import weakref

from crypty_desktop import heap


class _Thing:
    pass


def test_the_heap_is_frozen_once_and_unreferenced_objects_are_still_freed(
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(heap, "_frozen", False)
    thing = _Thing()
    ref = weakref.ref(thing)
    assert heap.freeze_startup_heap() is True
    assert gc.get_freeze_count() > 0
    assert heap.freeze_startup_heap() is False  # once per process
    del thing  # frozen, but nothing refers to it: reference counting frees it
    assert ref() is None
