#!/usr/bin/env bash
# Makes the two benchmark virtualenvs next to this script; safe to rerun.
#
#   bash benches/setup.sh [dist/ferrolite-*.whl]
#
# .venv-litellm:   the original litellm, pinned to 1.109.1 (never 1.82.7 or 1.82.8), plus httpx,
#                  aiohttp and boto3 (litellm signs Bedrock requests with botocore). Made
#                  once; left alone while it holds exactly that version.
# .venv-ferrolite: the Ferrolite wheel given as $1 (built with `maturin build --release`), plus
#                  httpx and aiohttp for the hand-written baselines. The wheel is reinstalled on
#                  every run, so a rebuilt wheel with an unchanged version number still lands.
#                  Without $1 an existing .venv-ferrolite is kept as it is.
# PYTHON picks the interpreter for new virtualenvs (default python3); use the same for both.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
PYTHON="${PYTHON:-python3}"
LITELLM_VERSION="1.109.1"
LITELLM_VENV="$HERE/.venv-litellm"
FERROLITE_VENV="$HERE/.venv-ferrolite"

if [ "$#" -gt 1 ]; then
  echo "setup.sh: give one wheel, not $#: $*" >&2
  exit 2
fi
WHEEL="${1:-}"
if [ -n "$WHEEL" ] && [ ! -f "$WHEEL" ]; then
  echo "setup.sh: no such wheel: $WHEEL" >&2
  exit 2
fi

make_venv() {  # make_venv VENV: create it unless it exists
  [ -x "$1/bin/python" ] || "$PYTHON" -m venv "$1"
}

pip_in() {  # pip_in VENV ARGS...: run that virtualenv's pip
  local venv="$1"
  shift
  "$venv/bin/python" -m pip "$@"
}

has_dist() {  # has_dist VENV DIST [VERSION]: true if DIST (at exactly VERSION) is installed there
  [ -x "$1/bin/python" ] || return 1
  "$1/bin/python" -c '
import importlib.metadata as md, sys
sys.exit(0 if sys.argv[2] in ("", md.version(sys.argv[1])) else 1)
' "$2" "${3:-}" 2>/dev/null
}

# The requirements litellm declares (no extras), with certifi unpinned: 1.109.1 asks for
# certifi>=2026.10.19, newer than some package indexes carry; any recent certifi does the job.
LITELLM_REQUIREMENTS='
import importlib.metadata as md
from pip._vendor.packaging.requirements import Requirement
from pip._vendor.packaging.specifiers import SpecifierSet

for line in md.requires("litellm") or []:
    req = Requirement(line)
    if req.marker is not None and not req.marker.evaluate({"extra": ""}):
        continue
    if req.name == "certifi":
        req.specifier = SpecifierSet()
    req.marker = None
    print(req)
'

# --- the original litellm ------------------------------------------------------------------
if has_dist "$LITELLM_VENV" litellm "$LITELLM_VERSION" \
  && has_dist "$LITELLM_VENV" httpx && has_dist "$LITELLM_VENV" aiohttp && has_dist "$LITELLM_VENV" boto3; then
  echo "setup.sh: $LITELLM_VENV already has litellm $LITELLM_VERSION"
else
  make_venv "$LITELLM_VENV"
  if ! pip_in "$LITELLM_VENV" install "litellm==$LITELLM_VERSION" httpx aiohttp boto3; then
    echo "setup.sh: plain install failed; installing litellm's requirements with certifi unpinned" >&2
    pip_in "$LITELLM_VENV" install --no-deps "litellm==$LITELLM_VERSION"
    requirements="$(mktemp)"
    trap 'rm -f "$requirements"' EXIT
    "$LITELLM_VENV/bin/python" -c "$LITELLM_REQUIREMENTS" > "$requirements"
    pip_in "$LITELLM_VENV" install -r "$requirements" httpx aiohttp boto3
  fi
  if ! has_dist "$LITELLM_VENV" litellm "$LITELLM_VERSION"; then
    echo "setup.sh: $LITELLM_VENV does not hold litellm $LITELLM_VERSION after the install" >&2
    exit 1
  fi
  echo "setup.sh: $LITELLM_VENV has litellm $LITELLM_VERSION"
fi

# --- Ferrolite -------------------------------------------------------------------------------
if has_dist "$FERROLITE_VENV" litellm; then
  echo "setup.sh: $FERROLITE_VENV holds the original litellm too; delete that virtualenv and rerun" >&2
  exit 1
elif [ -n "$WHEEL" ]; then
  make_venv "$FERROLITE_VENV"
  pip_in "$FERROLITE_VENV" install "$WHEEL" httpx aiohttp tiktoken
  pip_in "$FERROLITE_VENV" install --force-reinstall --no-deps "$WHEEL"
  echo "setup.sh: $FERROLITE_VENV has $(basename "$WHEEL")"
elif has_dist "$FERROLITE_VENV" ferrolite; then
  echo "setup.sh: no wheel given; keeping $FERROLITE_VENV as it is"
else
  echo "setup.sh: no wheel given and $FERROLITE_VENV has no Ferrolite; pass dist/ferrolite-*.whl" >&2
  exit 2
fi
