"""scripts/refresh_model_prices.py: a newer price table is checked, summarised and stored as is."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "refresh_model_prices.py"
BUNDLED = ROOT / "data" / "model_prices_and_context_window.json"


def _run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True)


def test_a_newer_table_is_summarised(tmp_path):
    table = json.loads(BUNDLED.read_text())
    table["brand-new-model"] = {"litellm_provider": "openai", "input_cost_per_token": 1e-6}
    table["gpt-4o"] = {**table["gpt-4o"], "input_cost_per_token": 1e-6}
    del table["gpt-4"]
    newer = tmp_path / "prices.json"
    newer.write_text(json.dumps(table))
    out = _run(newer, "--dry-run")
    assert out.returncode == 0, out.stderr
    assert "added: 1 (brand-new-model)" in out.stdout
    assert "removed: 1 (gpt-4)" in out.stdout
    assert "repriced: 1 (gpt-4o)" in out.stdout


def test_a_broken_table_is_refused(tmp_path):
    bad = tmp_path / "prices.json"
    bad.write_text(json.dumps({"gpt-4o": {"litellm_provider": "openai", "input_cost_per_token": "cheap"}}))
    out = _run(bad, "--dry-run")
    assert out.returncode == 1
    assert "gpt-4o: input_cost_per_token is not a number" in out.stderr
    bad.write_text("{not json")
    assert _run(bad).returncode == 1
    assert json.loads(BUNDLED.read_text())["gpt-4o"]["input_cost_per_token"] == 2.5e-6
