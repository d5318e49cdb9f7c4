#!/usr/bin/env bash
# Builds Ferrolite (release) and the mock, and makes the two bench virtualenvs: the original
# litellm 1.109.1 (pinned; never 1.82.7/1.82.8) and Ferrolite's wheel, each with httpx and aiohttp
# for the hand-written baselines. The original litellm never enters the test environment.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --features mock-server --bin ferrolite-mock
rm -rf dist && .venv/bin/maturin build --release -o dist
for name in litellm ferrolite; do
  [ -x "benches/.venv-$name/bin/python" ] || python3 -m venv "benches/.venv-$name"
done
# litellm 1.109.1 asks for certifi>=2026.10.19, newer than some package mirrors carry; its other
# requirements are installed as declared and certifi at the newest version available.
benches/.venv-litellm/bin/pip install -q --no-deps "litellm==1.109.1"
benches/.venv-litellm/bin/pip install -q "fastuuid>=0.14.0,<1.0" "filelock>=3.16.1,<5" "httpx[http2]>=0.28.0,<1.0" \
  "openai>=2.20.0,<4.0.0" "python-dotenv>=1.0.0,<2.0" "pyyaml>=6.0.3,<7.0" "packaging>=24.0" \
  "importlib-metadata>=8.0.0,<9.0" "tiktoken>=0.8.0,<1.0" "tokenizers>=0.21.0,<1.0" "huggingface-hub>=0.34.0,<2.0" \
  "click>=8.0.0,<9.0" "jinja2>=3.1.6,<4.0" "aiohttp>=3.14.2,<4.0" "anyio>=4.14.0,<5.0" "pydantic>=2.11.0,<3.0.0" \
  "pydantic-settings>=2.14.1,<3.0" "jsonschema>=4.0.0,<5.0" "boto3>=1.43.117,<2.0" certifi "typing-extensions>=4.13.0,<5.0"
benches/.venv-ferrolite/bin/pip install -q --force-reinstall --no-deps dist/ferrolite-*.whl
benches/.venv-ferrolite/bin/pip install -q "pydantic>=2.5" httpx aiohttp
