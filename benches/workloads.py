"""Runs one benchmark workload in this process and prints one JSON line of measurements.

    <venv-python> benches/workloads.py <workload> <base_url> <n>

``<workload>`` is ``import``, ``sync``, ``stream``, ``anthropic_stream``, ``bedrock_stream``, ``async``,
``memory``, ``cost`` or ``tokens``:
it measures whatever ``import litellm`` gives this interpreter (Ferrolite in ``.venv-ferrolite``, the original
litellm in ``.venv-litellm``). The same name with ``_baseline`` appended measures a hand-written
client doing the same HTTP exchange with the mock (httpx for sync, stream and memory, aiohttp
for async, ``python -c pass`` for import, and httpx for import's "import + first call"): the
floor any litellm implementation sits on.

``<n>`` is the number of measured repetitions (fresh processes for import, calls otherwise);
every loop also stops after ``FERROLITE_BENCH_BUDGET_S`` seconds (default 900) and reports how
many repetitions it made. Only 127.0.0.1 is contacted: the original litellm is kept offline with
``LITELLM_LOCAL_MODEL_COST_MAP``, and an audit hook refuses any other address in this process.
"""

from __future__ import annotations

import asyncio
import gc
import json
import math
import os
import resource
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path

# Before anything imports litellm: the original fetches its cost map from GitHub at import
# unless told to use the bundled copy, and LITELLM_MODE=PRODUCTION stops it reading a .env file.
os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
os.environ["LITELLM_MODE"] = "PRODUCTION"

MODEL = "mock-model"
MESSAGES = [{"role": "user", "content": "hi"}]
API_KEY = "sk-test"
STREAM_CHUNKS = "20"
CONCURRENCY = 64
BUDGET_S = float(os.environ.get("FERROLITE_BENCH_BUDGET_S", "900"))
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
BLOCKED: list = []


def _loopback_only(event: str, args: tuple) -> None:
    """Audit hook: refuse DNS look-ups and connections to anything but loopback."""
    if event == "socket.getaddrinfo":
        host = args[0].decode() if isinstance(args[0], bytes) else args[0]
    elif event == "socket.connect":
        address = args[1]
        if not isinstance(address, tuple):  # AF_UNIX paths are local by construction
            return
        host = address[0]
    else:
        return
    if host is not None and host not in LOOPBACK:
        BLOCKED.append(f"{event} {host}")
        raise PermissionError(f"benchmark guard: {event} to {host!r} refused (loopback only)")


# --------------------------------------------------------------------------- helpers


class Deadline:
    """The time bound every loop checks besides its count."""

    def __init__(self, seconds: float = BUDGET_S) -> None:
        self.end = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() > self.end


def percentile(samples: list, q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident set (or its peak, with ``VmHWM``) from /proc/self/status, in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} missing from /proc/self/status")


def cpu_seconds() -> float:
    """CPU time of this process (all threads) plus any children it has reaped."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def litellm_kwargs(base: str) -> dict:
    return {"model": "openai/" + MODEL, "messages": MESSAGES, "api_base": base + "/v1", "api_key": API_KEY}


def http_request(base: str) -> tuple:
    """URL, JSON body and headers of the exchange the hand-written baselines make."""
    headers = {"Authorization": "Bearer " + API_KEY, "Content-Type": "application/json"}
    return base + "/v1/chat/completions", {"model": MODEL, "messages": MESSAGES}, headers


def import_litellm():
    import litellm

    litellm.suppress_debug_info = True
    return litellm


# --------------------------------------------------------------------------- import


# Appended to the code of the peak-RSS runs. VmHWM is the high-water mark of the memory map the
# child built after exec; ru_maxrss would not do: Linux carries the spawning parent's peak RSS
# over into the child's ru_maxrss across fork and exec.
PEAK_RSS_PROBE = """
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""
PEAK_RSS_RUNS = 3
FIRST_CALL_RUNS = 5


def fresh_processes(code: str, n: int) -> dict:
    """Wall time of ``python -c code`` in ``n`` fresh interpreters (after one warm-up), and the
    peak RSS of a few more that also report it."""
    deadline = Deadline()
    command = [sys.executable, "-c", code]
    subprocess.run(command, stdin=subprocess.DEVNULL, check=True)  # warms the page cache
    walls = []
    for _ in range(n):
        started = time.perf_counter()
        subprocess.run(command, stdin=subprocess.DEVNULL, check=True)
        walls.append((time.perf_counter() - started) * 1e3)
        if deadline.passed():
            break
    peaks = []
    for _ in range(PEAK_RSS_RUNS):
        out = subprocess.run(
            [sys.executable, "-c", code + PEAK_RSS_PROBE],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=True,
        )
        peaks.append(int(out.stdout.split()[-1]) / 1024)  # KB
    return {
        "wall_ms_p50": statistics.median(walls),
        "wall_ms_best": min(walls),
        "peak_rss_mb": statistics.median(peaks),
        "runs": len(walls),
    }


def first_call_code(base: str, baseline: bool) -> str:
    """Source of a fresh process that imports its client and makes one completion."""
    if baseline:
        url, body, headers = http_request(base)
        return f"import httpx\nhttpx.post({url!r}, json={body!r}, headers={headers!r}).json()"
    return f"import litellm\nlitellm.completion(**{litellm_kwargs(base)!r})"


def import_workload(base: str, n: int, baseline: bool = False) -> dict:
    result = fresh_processes("pass" if baseline else "import litellm", n)
    # A lazy import moves cost to the first call; a cold start (import + one call) shows it.
    command = [sys.executable, "-c", first_call_code(base, baseline)]
    walls = []
    for _ in range(min(n, FIRST_CALL_RUNS)):
        started = time.perf_counter()
        subprocess.run(command, stdin=subprocess.DEVNULL, check=True)
        walls.append((time.perf_counter() - started) * 1e3)
    result["first_call_ms_p50"] = statistics.median(walls)
    return result


# --------------------------------------------------------------------------- sync call


def sync_caller(base: str, baseline: bool):
    """A function making one non-streaming chat completion against the mock."""
    if baseline:
        import httpx

        client = httpx.Client()
        url, body, headers = http_request(base)
        return lambda: client.post(url, json=body, headers=headers).json()
    litellm = import_litellm()
    kwargs = litellm_kwargs(base)
    return lambda: litellm.completion(**kwargs)


def timed_calls(call, n: int, warmup: int) -> dict:
    for _ in range(warmup):
        call()
    deadline = Deadline()
    samples = []
    cpu = cpu_seconds()
    for _ in range(n):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
        if deadline.passed():
            break
    cpu = cpu_seconds() - cpu
    return {
        "p50_us": statistics.median(samples) * 1e6,
        "p99_us": percentile(samples, 99) * 1e6,
        "mean_us": statistics.fmean(samples) * 1e6,
        "cpu_us_per_call": cpu / len(samples) * 1e6,
        "calls": len(samples),
    }


def sync_workload(base: str, n: int, baseline: bool = False) -> dict:
    return timed_calls(sync_caller(base, baseline), n, warmup=max(20, min(200, n // 10)))


# --------------------------------------------------------------------------- sync stream


def anthropic_request(base: str) -> tuple:
    """URL, JSON body and headers of a hand-written Anthropic Messages stream request."""
    headers = {"x-api-key": API_KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"}
    body = {
        "model": "claude-sonnet-4-5",
        "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}],
        "max_tokens": 1024,
    }
    return base + "/v1/messages", body, headers


BEDROCK_MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0"
# Static credentials: Ferrolite and litellm both sign every request with SigV4.
AWS_KWARGS = {
    "aws_access_key_id": "AKIDBENCH",
    "aws_secret_access_key": "bench-secret",
    "aws_region_name": "us-east-1",
}


def bedrock_request(base: str) -> tuple:
    """URL, JSON body and headers of a hand-written ConverseStream request (a bearer key: the
    raw baseline skips signing, so it is the floor, not a peer)."""
    headers = {"Authorization": "Bearer " + API_KEY, "Content-Type": "application/json"}
    body = {"messages": [{"role": "user", "content": [{"text": "hi"}]}], "inferenceConfig": {}}
    return base + "/model/" + BEDROCK_MODEL.replace(":", "%3A") + "/converse-stream", body, headers


def event_stream_frames(chunks):
    """AWS event-stream frames from a byte iterator: (event type, payload) pairs."""
    buffer = b""
    for chunk in chunks:
        buffer += chunk
        while len(buffer) >= 12:
            total, headers_len = struct.unpack(">II", buffer[:8])
            if len(buffer) < total:
                break
            frame, buffer = buffer[:total], buffer[total:]
            headers, at = {}, 12
            while at < 12 + headers_len:
                name_len = frame[at]
                name = frame[at + 1 : at + 1 + name_len].decode()
                at += 1 + name_len + 1  # the value type is always 7 (string) here
                (value_len,) = struct.unpack(">H", frame[at : at + 2])
                headers[name] = frame[at + 2 : at + 2 + value_len].decode()
                at += 2 + value_len
            yield headers.get(":event-type"), frame[12 + headers_len : total - 4]


def raw_stream_caller(base: str, dialect: str):
    """The hand-written httpx client for one stream dialect."""
    import httpx

    client = httpx.Client()
    chunk_header = {"x-mock-chunks": STREAM_CHUNKS}
    request = {"openai": http_request, "anthropic": anthropic_request, "bedrock": bedrock_request}[dialect]
    url, body, headers = request(base)
    if dialect != "bedrock":
        body = {**body, "stream": True}
    headers = {**headers, **chunk_header}

    def events(response):
        """(is a content chunk, is the end) per event of the response."""
        if dialect == "bedrock":
            for kind, payload in event_stream_frames(response.iter_bytes()):
                json.loads(payload)
                yield kind == "contentBlockDelta", kind == "metadata"
            return
        for line in response.iter_lines():
            if not line.startswith("data:"):
                continue
            payload = line[5:].strip()
            if payload == "[DONE]":
                yield False, True
                return
            event = json.loads(payload)
            if dialect == "openai":
                yield True, False
            else:
                yield event["type"] == "content_block_delta", event["type"] == "message_stop"

    def call() -> tuple:
        started = time.perf_counter()
        first, chunks = None, 0
        with client.stream("POST", url, json=body, headers=headers) as response:
            for is_chunk, is_end in events(response):
                if is_end:
                    break
                if is_chunk:
                    chunks += 1
                    if first is None:
                        first = time.perf_counter() - started
        return first, chunks

    return call


def stream_caller(base: str, baseline: bool, dialect: str = "openai"):
    """A function streaming one completion in the given wire dialect (``openai``,
    ``anthropic`` or ``bedrock``); returns (seconds to first chunk, chunks seen)."""
    if baseline:
        return raw_stream_caller(base, dialect)
    litellm = import_litellm()
    kwargs = {**litellm_kwargs(base), "stream": True, "extra_headers": {"x-mock-chunks": STREAM_CHUNKS}}
    if dialect == "anthropic":
        kwargs.update(model="anthropic/claude-sonnet-4-5", api_base=base)
    elif dialect == "bedrock":
        kwargs.pop("api_key")
        kwargs.update(model="bedrock/" + BEDROCK_MODEL, api_base=base, **AWS_KWARGS)

    def call() -> tuple:
        started = time.perf_counter()
        first, chunks = None, 0
        for _chunk in litellm.completion(**kwargs):
            chunks += 1
            if first is None:
                first = time.perf_counter() - started
        return first, chunks

    return call


def stream_workload(base: str, n: int, baseline: bool = False, dialect: str = "openai") -> dict:
    call = stream_caller(base, baseline, dialect)
    for _ in range(max(10, min(100, n // 10))):
        call()
    deadline = Deadline()
    totals, firsts, chunks = [], [], 0
    for _ in range(n):
        started = time.perf_counter()
        first, chunks = call()
        if first is None:
            raise RuntimeError("a stream ended without a single chunk")
        totals.append(time.perf_counter() - started)
        firsts.append(first)
        if deadline.passed():
            break
    return {
        "p50_us": statistics.median(totals) * 1e6,
        "p99_us": percentile(totals, 99) * 1e6,
        "ttfc_p50_us": statistics.median(firsts) * 1e6,
        "chunks_per_stream": chunks,
        "streams": len(totals),
    }


# --------------------------------------------------------------------------- async, concurrency 64


async def async_run(base: str, n: int, baseline: bool) -> dict:
    if baseline:
        import aiohttp

        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=CONCURRENCY))
        url, body, headers = http_request(base)

        async def call():
            async with session.post(url, json=body, headers=headers) as response:
                return await response.json()
    else:
        litellm = import_litellm()
        session = None
        kwargs = litellm_kwargs(base)

        async def call():
            return await litellm.acompletion(**kwargs)

    gate = asyncio.Semaphore(CONCURRENCY)
    deadline = Deadline()
    latencies: list = []

    async def bounded(record: bool) -> None:
        async with gate:
            if deadline.passed():
                return
            started = time.perf_counter()
            await call()
            if record:
                latencies.append(time.perf_counter() - started)

    try:
        await asyncio.gather(*(bounded(False) for _ in range(min(n, 2 * CONCURRENCY))))
        cpu, wall = cpu_seconds(), time.perf_counter()
        await asyncio.gather(*(bounded(True) for _ in range(n)))
        cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
    finally:
        if session is not None:
            await session.close()
    done = len(latencies)
    if not done:
        raise RuntimeError("the time budget ran out before any measured call")
    return {
        "calls_per_s": done / wall,
        "cpu_s_per_1000": cpu / done * 1000,
        "latency_p50_ms": statistics.median(latencies) * 1e3,
        "concurrency": CONCURRENCY,
        "calls": done,
    }


def async_workload(base: str, n: int, baseline: bool = False) -> dict:
    return asyncio.run(async_run(base, n, baseline))


# --------------------------------------------------------------------------- memory


def memory_workload(base: str, n: int, baseline: bool = False) -> dict:
    call = sync_caller(base, baseline)
    for _ in range(min(1000, max(100, n // 10))):
        call()
    gc.collect()
    start = rss_mb()
    samples = [start]
    deadline = Deadline()
    done = 0
    step = max(1, n // 10)
    for done in range(1, n + 1):
        call()
        if done % step == 0:
            samples.append(rss_mb())
        if deadline.passed():
            break
    gc.collect()
    end = rss_mb()
    return {
        "rss_growth_mb": end - start,
        "rss_start_mb": start,
        "rss_end_mb": end,
        "rss_peak_mb": rss_mb("VmHWM"),
        "rss_samples_mb": [round(s, 1) for s in samples],
        "calls": done,
    }


# --------------------------------------------------------------------------- cost and tokens

COST_USAGE = {
    "prompt_tokens": 1000,
    "completion_tokens": 500,
    "total_tokens": 1500,
    "prompt_tokens_details": {"cached_tokens": 400},
}
TOKEN_MESSAGES = [
    {"role": "system", "content": "You are a careful assistant. Answer in one short paragraph."},
    {
        "role": "user",
        "content": "What is the weather like in Paris today, and should I take an umbrella? " * 8,
    },
    {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "get_weather", "arguments": '{"city": "Paris", "unit": "celsius"}'},
            }
        ],
    },
    {"role": "tool", "tool_call_id": "call_1", "content": '{"temperature": 14, "rain_probability": 0.7}'},
    {"role": "user", "content": "Thanks. And tomorrow?"},
]
TOKEN_TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Current weather for a city",
            "parameters": {
                "type": "object",
                "properties": {
                    "city": {"type": "string", "description": "City name"},
                    "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                },
                "required": ["city"],
            },
        },
    }
]


def cost_workload(base: str, n: int, baseline: bool = False) -> dict:
    """``completion_cost`` of a gpt-4o response with cached prompt tokens; the baseline is the
    same arithmetic written by hand from a dict of rates (the floor)."""
    if baseline:
        rates = {"gpt-4o": (2.5e-6, 1e-5, 1.25e-6)}

        def call():
            rate_in, rate_out, rate_cached = rates["gpt-4o"]
            return 600 * rate_in + 400 * rate_cached + 500 * rate_out

    else:
        import litellm

        response = litellm.ModelResponse(model="gpt-4o", usage=litellm.Usage(**COST_USAGE))

        def call():
            return litellm.completion_cost(completion_response=response)

    return timed_calls(call, n, warmup=max(20, min(200, n // 10)))


def tokens_workload(base: str, n: int, baseline: bool = False) -> dict:
    """``token_counter`` of a five-message conversation with a tool; the baseline encodes the
    same strings with tiktoken directly (no message framing)."""
    if baseline:
        # tiktoken downloads encodings on first use; point it at the copies litellm bundles.
        bundled = sorted(
            Path(__file__).parent.glob(
                ".venv-litellm/lib/*/site-packages/litellm/litellm_core_utils/tokenizers"
            )
        )
        if bundled:
            os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(bundled[0]))
        import tiktoken

        encoding = tiktoken.get_encoding("o200k_base")
        texts = [m["content"] for m in TOKEN_MESSAGES if m["content"]] + [json.dumps(TOKEN_TOOLS)]

        def call():
            return sum(len(encoding.encode(t)) for t in texts)

    else:
        import litellm

        def call():
            return litellm.token_counter(model="gpt-4o", messages=TOKEN_MESSAGES, tools=TOKEN_TOOLS)

    return timed_calls(call, n, warmup=max(20, min(200, n // 10)))


WORKLOADS = {
    "import": import_workload,
    "sync": sync_workload,
    "stream": stream_workload,
    "anthropic_stream": lambda base, n, baseline=False: stream_workload(base, n, baseline, "anthropic"),
    "bedrock_stream": lambda base, n, baseline=False: stream_workload(base, n, baseline, "bedrock"),
    "async": async_workload,
    "memory": memory_workload,
    "cost": cost_workload,
    "tokens": tokens_workload,
}


def main(argv: list) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    name, base, n = argv[1], argv[2].rstrip("/"), int(argv[3])
    baseline = name.endswith("_baseline")
    workload = WORKLOADS.get(name[: -len("_baseline")] if baseline else name)
    if workload is None or n < 1:
        print(f"unknown workload {name!r} (or n < 1); choose from {sorted(WORKLOADS)}", file=sys.stderr)
        return 2
    sys.addaudithook(_loopback_only)
    # Libraries may print; keep stdout for the one JSON line.
    stdout, sys.stdout = sys.stdout, sys.stderr
    result = workload(base, n, baseline)
    result["blocked_connections"] = BLOCKED
    print(json.dumps(result), file=stdout, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
