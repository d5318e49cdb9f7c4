#!/usr/bin/env bash
# Runs every check and test: rustfmt, clippy, ruff, Rust unit tests, then the Python suite
# against the freshly built extension and mock provider. Sets up .venv on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

cargo fmt --check
cargo clippy --all-targets --features python,mock-server -- -D warnings
.venv/bin/ruff check python tests benches scripts
cargo test --lib
.venv/bin/python -m pytest -q -p no:cacheprovider --timeout 300
