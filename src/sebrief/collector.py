"""Python's cycle collector paused while a dataset is loaded or analysed.

Loading and analysing make a few objects per row and no reference cycles; the cycle collector
would scan the whole growing heap again and again as they pile up (about a third of the time of a
135,000-row table). One pause for the process: nested pauses, and pauses in several threads at
once (the workbench analyses in a thread pool), switch the collector back on only when the last
one ends, and only if it was on before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
