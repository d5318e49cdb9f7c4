"""The runtime rules at the Rust/Python boundary: no crash at exit, fork safety, the GIL released
while waiting, Ctrl-C, and sync calls inside a running event loop."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import run_python

import litellm

MESSAGES = [{"role": "user", "content": "hi"}]


def test_fifty_processes_make_an_async_call_and_exit_cleanly(mock):
    code = (
        "import asyncio, litellm\n"
        "async def main():\n"
        f"    r = await litellm.acompletion(model='openai/m', messages=[{{'role':'user','content':'hi'}}], "
        f"api_base='{mock.base}', api_key='k')\n"
        "    assert r.choices[0].message.content\n"
        "asyncio.run(main())\n"
    )
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: run_python(code), range(50)))
    failures = [(r.returncode, r.stderr[-500:]) for r in results if r.returncode != 0]
    assert failures == []


def test_exit_with_a_stream_still_open_is_clean(mock):
    code = (
        "import litellm\n"
        f"s = litellm.completion(model='openai/m', messages=[{{'role':'user','content':'hi'}}], "
        f"api_base='{mock.base}', api_key='k', stream=True, extra_headers={{'x-mock-chunks': '20'}})\n"
        "next(s)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX-only")
def test_forked_child_gets_a_working_runtime(mock):
    code = (
        "import os, litellm\n"
        f"kw = dict(model='openai/m', messages=[{{'role':'user','content':'hi'}}], api_base='{mock.base}', "
        "api_key='k')\n"
        "litellm.completion(**kw)\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    r = litellm.completion(**kw)\n"
        "    os._exit(0 if r.choices[0].message.content else 3)\n"
        "_, status = os.waitpid(pid, 0)\n"
        "assert os.waitstatus_to_exitcode(status) == 0, status\n"
        "litellm.completion(**kw)\n"
    )
    result = run_python(code, timeout=60)
    assert result.returncode == 0, result.stderr


def test_sync_calls_release_the_gil(mock):
    ticks = 0
    done = threading.Event()

    def spin():
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        before = ticks
        litellm.completion(
            model="openai/m",
            messages=MESSAGES,
            api_base=mock.base,
            api_key="k",
            extra_headers={"x-mock-fault": "slow-first-byte", "x-mock-delay-ms": "400"},
        )
        progressed = ticks - before
    finally:
        done.set()
        spinner.join()
    # Holding the GIL for 400 ms would leave the spinner a handful of switch intervals at most.
    assert progressed > 100_000


def test_ctrl_c_interrupts_a_blocked_call(mock):
    # A child started from a background job inherits SIGINT ignored; restore what a terminal
    # session has, Python's KeyboardInterrupt handler.
    code = (
        "import litellm, signal, sys\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "print('ready', flush=True)\n"
        "try:\n"
        f"    litellm.completion(model='openai/m', messages=[{{'role':'user','content':'hi'}}], "
        f"api_base='{mock.base}', api_key='k', extra_headers={{'x-mock-fault': 'hang'}})\n"
        "except KeyboardInterrupt:\n"
        "    sys.exit(42)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    # Interrupt the call itself, not the first call's imports: wait until the request is out.
    deadline = time.monotonic() + 30
    while not mock.requests() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 42
    assert time.monotonic() - started < 2


def test_sync_call_inside_a_running_event_loop_works(mock):
    # What a Jupyter cell does: a plain completion() while the kernel's loop is running.
    async def cell():
        return litellm.completion(model="openai/m", messages=MESSAGES, api_base=mock.base, api_key="k")

    response = asyncio.run(cell())
    assert response.choices[0].message.content
