"""The runtime's life around the interpreter's: registered on the first call, never at import.

The Rust runtime is shut down at exit, so no worker thread reaches into an interpreter that is
being torn down, and it is dropped in a forked child (gunicorn --preload, celery, multiprocessing),
where its threads no longer exist; the next call there builds a fresh one.
"""

import atexit
import os

from litellm import _core

atexit.register(_core._shutdown)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_core._after_fork)
