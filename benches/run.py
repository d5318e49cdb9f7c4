"""Side-by-side benchmark: Ferrolite vs the original litellm 1.109.1 vs hand-written clients, all
against the same local mock provider in one run. Prints medians and ratios, writes results.json.

    python3 benches/run.py [--quick]

Needs target/release/ferrolite-mock and the two virtualenvs made by benches/setup.sh. The full
run takes about 20 minutes on a 2-core machine (the original litellm's 100k-call memory run is
most of it); --quick takes about 4.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHES = ROOT / "benches"
PYTHONS = {
    "ferrolite": BENCHES / ".venv-ferrolite" / "bin" / "python",
    "litellm": BENCHES / ".venv-litellm" / "bin" / "python",
}
# Keeps the original litellm offline and quiet at import; no effect on Ferrolite.
ENV = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True", "LITELLM_MODE": "PRODUCTION"}


def start_mock():
    binary = ROOT / "target" / "release" / "ferrolite-mock"
    process = subprocess.Popen([str(binary), "--port", "0"], stdout=subprocess.PIPE, text=True)
    return process, process.stdout.readline().split(" ", 1)[1].strip()


def timed_process(python: Path, code: str) -> tuple:
    """Wall seconds and peak RSS (MB) of one fresh interpreter running ``code``."""
    started = time.perf_counter()
    process = subprocess.Popen([str(python), "-c", code], env=ENV)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{python} -c {code!r} failed")
    return wall, usage.ru_maxrss / 1024


def import_workload(runs: int) -> dict:
    results = {}
    for name, code in (
        ("bare python", "pass"),
        ("ferrolite", "import litellm"),
        ("litellm", "import litellm"),
    ):
        python = PYTHONS["litellm" if name == "litellm" else "ferrolite"]
        samples = [timed_process(python, code) for _ in range(runs)]
        results[name] = {
            "wall_ms": statistics.median(s[0] for s in samples) * 1000,
            "peak_rss_mb": statistics.median(s[1] for s in samples),
        }
    return results


def workload(python: Path, name: str, base: str, n: int, impl: str) -> dict:
    out = subprocess.run(
        [str(python), str(BENCHES / "workloads.py"), name, base, str(n), impl],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{name}/{impl} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def row(label: str, unit: str, ferrolite: float, litellm: float, baseline, lower_is_better=True):
    ratio = ferrolite / litellm if litellm else float("nan")
    vs_base = "" if baseline is None else f"{ferrolite / baseline:8.2f}x"
    better = (1 / ratio) if lower_is_better else ratio
    print(
        f"{label:<34}{ferrolite:>12.1f}{litellm:>12.1f}{'' if baseline is None else f'{baseline:12.1f}':>12}"
        f"  {unit:<8}{ratio:8.3f}x {vs_base:>10}   ({better:.1f}x {'better' if better >= 1 else 'worse'})"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sizes = (
        {"import": 5, "sync": 500, "stream": 200, "async64": 2000, "memory": 10_000}
        if args.quick
        else {"import": 15, "sync": 3000, "stream": 1000, "async64": 20_000, "memory": 100_000}
    )

    mock, base = start_mock()
    results = {"sizes": sizes}
    try:
        results["import"] = import_workload(sizes["import"])
        for name in ("sync", "stream", "async64", "memory"):
            results[name] = {
                impl: workload(PYTHONS[impl], name, base, sizes[name], "litellm") for impl in PYTHONS
            }
            if name != "memory":
                results[name]["baseline"] = workload(
                    PYTHONS["ferrolite"], name, base, sizes[name], "baseline"
                )
    finally:
        mock.terminate()

    print(
        f"\n{'workload':<34}{'ferrolite':>12}{'litellm':>12}{'baseline':>12}  {'unit':<8}"
        f"{'fer/lite':>9} {'fer/base':>10}"
    )
    imp = results["import"]
    row(
        "import time (wall, process)",
        "ms",
        imp["ferrolite"]["wall_ms"],
        imp["litellm"]["wall_ms"],
        imp["bare python"]["wall_ms"],
    )
    row(
        "import peak RSS",
        "MB",
        imp["ferrolite"]["peak_rss_mb"],
        imp["litellm"]["peak_rss_mb"],
        imp["bare python"]["peak_rss_mb"],
    )
    for label, key in (("sync call p50", "p50_us"), ("sync call p99", "p99_us")):
        r = results["sync"]
        row(label, "us", r["ferrolite"][key], r["litellm"][key], r["baseline"][key])
    for label, key in (("stream 20 chunks p50", "p50_us"), ("stream time to first chunk p50", "ttfc_p50_us")):
        r = results["stream"]
        row(label, "us", r["ferrolite"][key], r["litellm"][key], r["baseline"][key])
    r = results["async64"]
    row(
        "async x64 throughput",
        "calls/s",
        r["ferrolite"]["calls_per_s"],
        r["litellm"]["calls_per_s"],
        r["baseline"]["calls_per_s"],
        lower_is_better=False,
    )
    row(
        "async x64 CPU per 1000 calls",
        "s",
        r["ferrolite"]["cpu_s_per_1000"],
        r["litellm"]["cpu_s_per_1000"],
        r["baseline"]["cpu_s_per_1000"],
    )
    r = results["memory"]
    row(
        f"RSS growth over {sizes['memory']} calls",
        "MB",
        r["ferrolite"]["rss_growth_mb"],
        r["litellm"]["rss_growth_mb"],
        None,
    )
    print(
        "\nbaseline: hand-written httpx (sync, stream) and aiohttp (async) clients; import baseline: "
        "`python -c pass`"
    )
    (BENCHES / "results.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
