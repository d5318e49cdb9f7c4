"""Awaiting the Rust core from asyncio through one completion queue per event loop.

The core finishes work on its own threads, queues the outcome and writes a byte to a socket the
loop watches; the loop thread drains every finished outcome in one go and resolves the futures.
No runtime thread ever takes the GIL. Loops without ``add_reader`` (Windows' proactor loop) fall
back to awaiting the core's coroutines directly.
"""

from __future__ import annotations

import asyncio
import weakref

from litellm import _core

_bridges: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _LoopBridge:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.core = _core.AsyncBridge()
        self.loop = loop
        self.pending: dict = {}
        loop.add_reader(self.core.fileno(), self._drain)

    def _drain(self):
        for task_id, ok, value in self.core.drain():
            future = self.pending.pop(task_id, None)
            if future is None or future.done():
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

    async def wait(self, task_id: int):
        future = self.loop.create_future()
        self.pending[task_id] = future
        try:
            return await future
        except asyncio.CancelledError:
            self.pending.pop(task_id, None)
            self.core.cancel(task_id)
            raise


def _bridge():
    loop = asyncio.get_running_loop()
    bridge = _bridges.get(loop)
    if bridge is None:
        try:
            bridge = _LoopBridge(loop)
        except NotImplementedError:
            bridge = False  # no add_reader on this loop: use the coroutine path
        _bridges[loop] = bridge
    return bridge


async def completion(payload: str) -> str:
    bridge = _bridge()
    if not bridge:
        return await _core.acompletion(payload)
    return await bridge.wait(bridge.core.submit_completion(payload))


async def stream(payload: str):
    bridge = _bridge()
    if not bridge:
        return await _core.astream(payload)
    return await bridge.wait(bridge.core.submit_stream(payload))


async def next_chunk(source):
    bridge = _bridge()
    if not bridge:
        return await source.anext()
    return await bridge.wait(bridge.core.submit_next(source))
