#!/usr/bin/env python3
"""Replaces the bundled price table with a newer copy of LiteLLM's
``model_prices_and_context_window.json``, after checking it, and says what changed.

    python scripts/refresh_model_prices.py path/to/model_prices_and_context_window.json

The new file is read from disk: fetching it is the maintainer's step, never the library's. The
copy is stored byte for byte (so its digest matches the upstream file) once it passes the
checks; rebuild the extension to embed it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "model_prices_and_context_window.json"
RULES_KEY = "fallback_generalizations"
PRICE_FIELDS = ("input_cost_per_token", "output_cost_per_token")


def check(table) -> list:
    """Problems that would break lookups or pricing; empty when the table is usable."""
    if not isinstance(table, dict):
        return ["the top level is not an object"]
    problems = []
    for key, entry in table.items():
        if key == RULES_KEY:
            continue
        if not isinstance(entry, dict):
            problems.append(f"{key}: not an object")
            continue
        for field in PRICE_FIELDS:
            value = entry.get(field)
            if value is not None and not isinstance(value, (int, float)):
                problems.append(f"{key}: {field} is not a number")
        if key != "sample_spec" and not isinstance(entry.get("litellm_provider"), str):
            problems.append(f"{key}: no litellm_provider")
    if "gpt-4o" not in table:
        problems.append("gpt-4o is missing: is this the right file?")
    return problems


def summary(old: dict, new: dict) -> list:
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    repriced = sorted(
        k
        for k in set(old) & set(new)
        if isinstance(old[k], dict)
        and isinstance(new[k], dict)
        and any(old[k].get(f) != new[k].get(f) for f in PRICE_FIELDS)
    )
    lines = [f"{len(old)} -> {len(new)} entries"]
    for label, keys in (("added", added), ("removed", removed), ("repriced", repriced)):
        shown = ", ".join(keys[:10]) + (" ..." if len(keys) > 10 else "")
        lines.append(f"{label}: {len(keys)}" + (f" ({shown})" if keys else ""))
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the newer model_prices_and_context_window.json")
    parser.add_argument("--dry-run", action="store_true", help="check and summarise, write nothing")
    args = parser.parse_args(argv)

    raw = args.source.read_bytes()
    try:
        new = json.loads(raw)
    except json.JSONDecodeError as error:
        print(f"not JSON: {error}", file=sys.stderr)
        return 1
    problems = check(new)
    if problems:
        print("refusing the new table:", *problems[:20], sep="\n  ", file=sys.stderr)
        return 1
    old = json.loads(BUNDLED.read_bytes())
    print(*summary(old, new), sep="\n")
    print(f"sha256 {hashlib.sha256(raw).hexdigest()}")
    if not args.dry_run:
        BUNDLED.write_bytes(raw)
        print(f"wrote {BUNDLED}; rebuild the extension to embed it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
