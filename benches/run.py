"""Side-by-side benchmark: Ferrolite vs the original litellm 1.109.1 vs hand-written clients.

    python3 benches/run.py [--quick] [--only sync,stream] [--rounds R]

Starts the local mock provider (target/release/ferrolite-mock), runs every workload of
benches/workloads.py in fresh processes of each virtualenv's python (made by benches/setup.sh),
prints the medians with both ratios and writes benches/results.json. Only 127.0.0.1 is used.

Duration on a 2-core machine, almost all of it spent in the original litellm (about 4 s per
import, 5 ms per call here): --quick (1 round, 10k-call memory run) takes about 3 minutes; the
full run (3 rounds, 100k-call memory run) about 25 minutes. Every workload process is also
bounded in time (FERROLITE_BENCH_BUDGET_S) and killed if it overruns that by 5 minutes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import select
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCHES = Path(__file__).resolve().parent
ROOT = BENCHES.parent
MOCK = ROOT / "target" / "release" / "ferrolite-mock"
PYTHONS = {
    "ferrolite": BENCHES / ".venv-ferrolite" / "bin" / "python",
    "litellm": BENCHES / ".venv-litellm" / "bin" / "python",
}
# The baselines do not import litellm; any venv with httpx and aiohttp will do.
BASELINE_PYTHON = PYTHONS["ferrolite"]
IMPLS = ("ferrolite", "litellm", "baseline")

# Workload sizes: fresh processes for import, calls otherwise.
SIZES = {
    "quick": {
        "import": 5,
        "sync": 500,
        "stream": 200,
        "anthropic_stream": 200,
        "bedrock_stream": 200,
        "async": 2000,
        "memory": 10_000,
        "cost": 2000,
        "tokens": 1000,
    },
    "full": {
        "import": 20,
        "sync": 3000,
        "stream": 1000,
        "anthropic_stream": 1000,
        "bedrock_stream": 1000,
        "async": 10_000,
        "memory": 100_000,
        "cost": 20_000,
        "tokens": 5000,
    },
}
ROUNDS = {"quick": 1, "full": 3}
# Seconds each workload process may spend measuring (memory runs once, the others once a round).
BUDGET_S = {
    "import": 300,
    "sync": 300,
    "stream": 300,
    "anthropic_stream": 300,
    "bedrock_stream": 300,
    "async": 300,
    "memory": 1500,
    "cost": 300,
    "tokens": 300,
}
SINGLE_ROUND = {"memory"}

# (workload, metric, label, higher is better)
ROWS = [
    ("import", "wall_ms_p50", "import wall p50 (ms)", False),
    ("import", "wall_ms_best", "import wall best (ms)", False),
    ("import", "peak_rss_mb", "import peak RSS (MB)", False),
    ("import", "first_call_ms_p50", "import + first call p50 (ms)", False),
    ("sync", "p50_us", "sync call p50 (us)", False),
    ("sync", "p99_us", "sync call p99 (us)", False),
    ("sync", "cpu_us_per_call", "sync call CPU (us/call)", False),
    ("stream", "p50_us", "stream 20 chunks p50 (us)", False),
    ("stream", "ttfc_p50_us", "stream first chunk p50 (us)", False),
    ("anthropic_stream", "p50_us", "anthropic stream 20 chunks p50 (us)", False),
    ("anthropic_stream", "ttfc_p50_us", "anthropic first chunk p50 (us)", False),
    ("bedrock_stream", "p50_us", "bedrock stream 20 chunks p50 (us)", False),
    ("bedrock_stream", "ttfc_p50_us", "bedrock first chunk p50 (us)", False),
    ("async", "calls_per_s", "async x64 (calls/s, higher=better)", True),
    ("async", "cpu_s_per_1000", "async x64 CPU (s/1000 calls)", False),
    ("async", "latency_p50_ms", "async x64 latency p50 (ms)", False),
    ("cost", "p50_us", "completion_cost p50 (us)", False),
    ("tokens", "p50_us", "token_counter 5 msgs+tool p50 (us)", False),
    ("memory", "rss_growth_mb", "memory RSS growth (MB)", False),
    ("memory", "rss_end_mb", "memory RSS at end (MB)", False),
]
IMPORT_TARGET = 1.5  # Ferrolite's import should cost at most this many times a bare interpreter


def child_env(budget_s: int) -> dict:
    env = dict(os.environ)
    # The original litellm stays offline (bundled cost map) and reads no .env; Ferrolite gets the
    # same environment. Bytecode caches may be written so imports are timed warm.
    env.update(
        LITELLM_LOCAL_MODEL_COST_MAP="True",
        LITELLM_MODE="PRODUCTION",
        FERROLITE_BENCH_BUDGET_S=str(budget_s),
        PYTHONUNBUFFERED="1",
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


class MockServer:
    """The mock provider, on a free port of 127.0.0.1."""

    def __init__(self) -> None:
        self.process = None
        self.base = ""
        self.restarts = 0

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(MOCK), "--port", "0"], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True
        )
        ready, _, _ = select.select([self.process.stdout], [], [], 15)
        line = self.process.stdout.readline().strip() if ready else ""
        if not line.startswith("FERROLITE_MOCK_LISTENING http://127.0.0.1:"):
            self.stop()
            raise SystemExit(f"the mock did not start (first line: {line!r})")
        # Keep draining its stdout so a chatty mock can never block on a full pipe.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        self.base = line.split()[1]

    def exit_status(self):
        """None while it runs, else how it ended."""
        code = self.process.poll()
        if code is None:
            return None
        return f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"

    def restart(self, why: str) -> None:
        print(f"  warning: the mock {why}; restarting it", file=sys.stderr)
        self.stop()
        self.start()
        self.restarts += 1

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def installed_versions() -> dict:
    probe = (
        "import importlib.metadata as m, json, sys\n"
        "def v(name):\n"
        "    try:\n"
        "        return m.version(name)\n"
        "    except m.PackageNotFoundError:\n"
        "        return None\n"
        "found = {n: v(n) for n in ('ferrolite', 'litellm', 'httpx', 'aiohttp')}\n"
        "print(json.dumps({'python': sys.version.split()[0], **found}))"
    )
    versions = {}
    for name, python in PYTHONS.items():
        out = subprocess.run(
            [str(python), "-c", probe], capture_output=True, text=True, timeout=60, check=True
        )
        versions[name] = json.loads(out.stdout)
    return versions


def git_commit():
    """The checkout's commit (with "+dirty" for local changes), or None outside a git checkout."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}  # read only: no index refresh
    git = ["git", "-C", str(ROOT)]
    try:
        head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, env=env)
        dirty = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True, env=env)
    except OSError:
        return None
    if head.returncode != 0:
        return None
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def check_setup() -> dict:
    problems = []
    if not MOCK.exists():
        problems.append(
            f"{MOCK} is missing: cargo build --release --features mock-server --bin ferrolite-mock"
        )
    for python in PYTHONS.values():
        if not python.exists():
            problems.append(f"{python} is missing: bash benches/setup.sh dist/ferrolite-*.whl")
    if problems:
        raise SystemExit("\n".join(problems))
    versions = installed_versions()
    if versions["litellm"]["litellm"] != "1.109.1":
        raise SystemExit(
            f".venv-litellm has litellm {versions['litellm']['litellm']}, not 1.109.1: rerun setup.sh"
        )
    if not versions["ferrolite"]["ferrolite"]:
        raise SystemExit(".venv-ferrolite has no Ferrolite wheel: bash benches/setup.sh dist/ferrolite-*.whl")
    return versions


class WorkloadFailed(Exception):
    pass


def run_workload(python: Path, workload: str, base: str, n: int, budget_s: int) -> dict:
    command = [str(python), str(BENCHES / "workloads.py"), workload, base, str(n)]
    try:
        out = subprocess.run(
            command, env=child_env(budget_s), capture_output=True, text=True, timeout=budget_s + 300
        )
    except subprocess.TimeoutExpired as exc:
        raise WorkloadFailed(f"{' '.join(command)} overran its time bound") from exc
    if out.returncode != 0:
        raise WorkloadFailed(f"{' '.join(command)} failed ({out.returncode}):\n{out.stderr[-3000:]}")
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise WorkloadFailed(f"{' '.join(command)} printed no result:\n{out.stderr[-3000:]}")
    result = json.loads(lines[-1])
    if result.get("blocked_connections"):
        print(
            f"  warning: {workload} tried non-loopback addresses: {result['blocked_connections']}",
            file=sys.stderr,
        )
    return result


def run_with_mock(mock: MockServer, impl: str, workload: str, n: int) -> dict:
    """Runs one workload process; if the mock died under it (something else on the machine may
    kill it), restarts the mock and retries once."""
    python = BASELINE_PYTHON if impl == "baseline" else PYTHONS[impl]
    name = workload + "_baseline" if impl == "baseline" else workload
    if mock.exit_status() is not None:
        mock.restart(f"was found dead ({mock.exit_status()}) before {name} ({impl})")
    try:
        return run_workload(python, name, mock.base, n, BUDGET_S[workload])
    except WorkloadFailed:
        status = mock.exit_status()
        if status is None:
            raise
        mock.restart(f"died during {name} ({impl}, {status})")
    return run_workload(python, name, mock.base, n, BUDGET_S[workload])


def summarize(runs: list) -> dict:
    """Median of each numeric metric over the rounds."""
    keys = [k for k, v in runs[0].items() if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return {k: statistics.median(run[k] for run in runs) for k in keys}


def fmt_value(value) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"


def fmt_ratio(numerator, denominator, workload: str) -> str:
    if numerator is None or denominator is None:
        return "-"
    # RSS growth is often noise-sized; a ratio of two near-zero numbers says nothing.
    floor = 1.0 if workload == "memory" else 1e-9
    if abs(denominator) < floor:
        return "-"
    ratio = numerator / denominator
    return f"{ratio:.2f}x" if abs(ratio) >= 0.1 else f"{ratio:.2g}x"


def print_table(summary: dict, sizes: dict) -> list:
    header = f"{'workload':<36}{'ferrolite':>12}{'litellm':>12}{'baseline':>12}{'ferrolite/litellm':>20}"
    print("\n" + header + f"{'ferrolite/baseline':>20}")
    print("-" * (len(header) + 20))
    rows = []
    for workload, metric, label, higher_better in ROWS:
        if workload not in summary:
            continue
        values = {impl: summary[workload].get(impl, {}).get(metric) for impl in IMPLS}
        vs_litellm = fmt_ratio(values["ferrolite"], values["litellm"], workload)
        vs_baseline = fmt_ratio(values["ferrolite"], values["baseline"], workload)
        print(
            f"{label:<36}{fmt_value(values['ferrolite']):>12}{fmt_value(values['litellm']):>12}"
            f"{fmt_value(values['baseline']):>12}{vs_litellm:>20}{vs_baseline:>20}"
        )
        rows.append(
            {
                "workload": workload,
                "metric": metric,
                "label": label,
                "higher_is_better": higher_better,
                **values,
            }
        )
    print(
        "\nratios are ferrolite / other: below 1 is better, except calls/s. baseline = `python -c pass` for"
        " import,\nhand-written httpx for first call, sync, stream and memory, aiohttp for async."
        f" memory = {sizes['memory']:,} sync calls."
    )
    imp = summary.get("import", {})
    if "ferrolite" in imp and "baseline" in imp:
        ratio = imp["ferrolite"]["wall_ms_p50"] / imp["baseline"]["wall_ms_p50"]
        verdict = "met" if ratio <= IMPORT_TARGET else "NOT met"
        print(f"import target (<= {IMPORT_TARGET}x bare python): {ratio:.2f}x, {verdict}")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes and one round (a few minutes)")
    parser.add_argument("--only", help="comma-separated subset of: " + ",".join(SIZES["full"]))
    parser.add_argument("--rounds", type=int, help="rounds per workload (default 1 quick, 3 full)")
    args = parser.parse_args()
    mode = "quick" if args.quick else "full"
    sizes = SIZES[mode]
    rounds = max(1, args.rounds or ROUNDS[mode])
    workloads = list(sizes) if not args.only else [w.strip() for w in args.only.split(",") if w.strip()]
    unknown = set(workloads) - set(sizes)
    if unknown:
        parser.error(f"unknown workloads: {sorted(unknown)}")

    versions = check_setup()
    load, cpus = os.getloadavg()[0], os.cpu_count() or 1
    if load > cpus / 2:
        print(
            f"warning: load average {load:.1f} on {cpus} CPUs; other work will skew the numbers",
            file=sys.stderr,
        )
    started = time.monotonic()
    raw: dict = {}
    mock = MockServer()
    mock.start()
    print(
        f"mock at {mock.base}; {mode} run, {rounds} round(s); workloads: {', '.join(workloads)}",
        file=sys.stderr,
    )
    try:
        for workload in workloads:
            raw[workload] = {impl: [] for impl in IMPLS}
            for round_no in range(1 if workload in SINGLE_ROUND else rounds):
                # Rotate the order each round so no implementation always runs first (or last).
                order = IMPLS[round_no % 3 :] + IMPLS[: round_no % 3]
                for impl in order:
                    t0 = time.monotonic()
                    result = run_with_mock(mock, impl, workload, sizes[workload])
                    raw[workload][impl].append(result)
                    print(
                        f"  {workload:<7} round {round_no + 1} {impl:<10} {time.monotonic() - t0:6.1f} s  "
                        + json.dumps({k: round(v, 2) for k, v in summarize([result]).items()}),
                        file=sys.stderr,
                    )
    except WorkloadFailed as exc:
        raise SystemExit(str(exc)) from None
    finally:
        mock.stop()

    summary = {
        w: {impl: summarize(runs) for impl, runs in by_impl.items() if runs} for w, by_impl in raw.items()
    }
    rows = print_table(summary, sizes)
    elapsed = time.monotonic() - started
    print(f"\n{mode} run took {elapsed / 60:.1f} min; results in {BENCHES / 'results.json'}")
    if mock.restarts:
        print(f"warning: the mock had to be restarted {mock.restarts} time(s); see the progress log")
    results = {
        "meta": {
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "mode": mode,
            "rounds": rounds,
            "sizes": sizes,
            "elapsed_s": round(elapsed, 1),
            "mock_restarts": mock.restarts,
            "versions": versions,
            "commit": git_commit(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "units": "ms, us = microseconds, MB = 2^20 bytes, calls/s, s per 1000 calls (CPU)",
        },
        "table": rows,
        "summary": summary,
        "runs": raw,
    }
    (BENCHES / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
