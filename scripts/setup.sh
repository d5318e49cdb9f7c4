#!/usr/bin/env bash
# Creates .venv (Python tools), builds the mock provider and installs the extension in
# development mode. Idempotent; safe to run before every test run.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check \
  "maturin>=1.9.4,<2" "pytest>=8" "pytest-timeout>=2" "ruff>=0.6" "pydantic>=2.5" "openai>=1.0" "cryptography>=41" "tokenizers>=0.15"

cargo build --features mock-server --bin ferrolite-mock
# Debug build: fast to compile on 2 cores; benches build --release themselves.
VIRTUAL_ENV="$PWD/.venv" PATH="$PWD/.venv/bin:$PATH" .venv/bin/maturin develop -q
