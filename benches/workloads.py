"""One benchmark workload in this process; prints one JSON line of measurements.

    <python> benches/workloads.py <workload> <base_url> <n> <impl>

``impl`` is ``litellm`` (whichever litellm this interpreter imports: Ferrolite's or the original)
or ``baseline`` (hand-written httpx / aiohttp against the same mock, the floor to compare with).
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time

MESSAGES = [{"role": "user", "content": "hi"}]
BODY = {"model": "mock-model", "messages": MESSAGES}
HEADERS = {"authorization": "Bearer sk-bench", "content-type": "application/json"}


def rss_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def percentiles(samples: list) -> dict:
    ordered = sorted(samples)
    return {"p50_us": statistics.median(ordered) * 1e6, "p99_us": ordered[int(len(ordered) * 0.99) - 1] * 1e6}


def litellm_call_kwargs(base: str) -> dict:
    return {
        "model": "openai/mock-model",
        "messages": MESSAGES,
        "api_base": base + "/v1",
        "api_key": "sk-bench",
    }


def sync_call(base: str, n: int, impl: str) -> dict:
    if impl == "baseline":
        import httpx

        client = httpx.Client()
        url = base + "/v1/chat/completions"

        def once():
            return client.post(url, json=BODY, headers=HEADERS).json()
    else:
        import litellm

        kwargs = litellm_call_kwargs(base)

        def once():
            return litellm.completion(**kwargs)

    for _ in range(min(50, n)):
        once()
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        once()
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def sync_stream(base: str, n: int, impl: str) -> dict:
    chunk_header = {"x-mock-chunks": "20"}
    if impl == "baseline":
        import httpx

        client = httpx.Client()
        url = base + "/v1/chat/completions"

        def once():
            first = None
            started = time.perf_counter()
            with client.stream(
                "POST", url, json={**BODY, "stream": True}, headers={**HEADERS, **chunk_header}
            ) as r:
                for line in r.iter_lines():
                    if line.startswith("data: ") and line != "data: [DONE]":
                        json.loads(line[6:])
                        if first is None:
                            first = time.perf_counter() - started
            return first
    else:
        import litellm

        kwargs = {**litellm_call_kwargs(base), "stream": True, "extra_headers": chunk_header}

        def once():
            first = None
            started = time.perf_counter()
            for _chunk in litellm.completion(**kwargs):
                if first is None:
                    first = time.perf_counter() - started
            return first

    for _ in range(min(20, n)):
        once()
    totals, firsts = [], []
    for _ in range(n):
        started = time.perf_counter()
        firsts.append(once())
        totals.append(time.perf_counter() - started)
    return {"p50_us": statistics.median(totals) * 1e6, "ttfc_p50_us": statistics.median(firsts) * 1e6}


def async_concurrent(base: str, n: int, impl: str) -> dict:
    concurrency = 64

    async def run() -> dict:
        if impl == "baseline":
            import aiohttp

            session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency))
            url = base + "/v1/chat/completions"

            async def once():
                async with session.post(url, json=BODY, headers=HEADERS) as resp:
                    return await resp.json()
        else:
            import litellm

            kwargs = litellm_call_kwargs(base)
            session = None

            async def once():
                return await litellm.acompletion(**kwargs)

        gate = asyncio.Semaphore(concurrency)

        async def bounded():
            async with gate:
                await once()

        await asyncio.gather(*[bounded() for _ in range(min(200, n))])
        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.gather(*[bounded() for _ in range(n)])
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if session is not None:
            await session.close()
        return {"calls_per_s": n / wall, "cpu_s_per_1000": cpu / n * 1000}

    return asyncio.run(run())


def memory(base: str, n: int, impl: str) -> dict:
    import litellm

    kwargs = litellm_call_kwargs(base)
    for _ in range(1000):
        litellm.completion(**kwargs)
    before = rss_kb()
    deadline = time.monotonic() + 900
    done = 0
    while done < n and time.monotonic() < deadline:
        litellm.completion(**kwargs)
        done += 1
    return {"rss_growth_mb": (rss_kb() - before) / 1024, "calls": done, "rss_end_mb": rss_kb() / 1024}


WORKLOADS = {"sync": sync_call, "stream": sync_stream, "async64": async_concurrent, "memory": memory}

if __name__ == "__main__":
    workload, base_url, count, implementation = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    if implementation != "baseline":
        import litellm

        litellm.suppress_debug_info = True
    print(json.dumps(WORKLOADS[workload](base_url, count, implementation)))
