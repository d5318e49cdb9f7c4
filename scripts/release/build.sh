#!/usr/bin/env bash
# Builds the release artifacts reproducibly: the abi3 manylinux_2_17 wheel and the sdist, into
# OUT (default dist/), with SHA256SUMS beside them. The same commit gives the same bytes anywhere:
#   - the toolchain is pinned (rust-toolchain.toml) and dependencies locked (--locked);
#   - SOURCE_DATE_EPOCH is the commit's time, so archive timestamps do not depend on the clock;
#   - build paths are remapped out of the binary and maturin's path-bearing SBOM is off;
#   - zig links against a fixed glibc baseline instead of whatever the build machine has.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-dist}
PY=${PYTHON:-$PWD/.venv/bin/python}
# Absolute: maturin hands it to zig wrappers that build scripts run from other directories.
case $PY in /*) ;; *) PY="$PWD/$PY" ;; esac

"$PY" -m pip install -q --disable-pip-version-check "maturin==1.16.0" "ziglang==0.17.1"

export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)
export FERROLITE_GIT_COMMIT=$(git rev-parse HEAD)
export FERROLITE_SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH
export CARGO_INCREMENTAL=0
CARGO_HOME_DIR=${CARGO_HOME:-$HOME/.cargo}
RUSTUP_HOME_DIR=${RUSTUP_HOME:-$HOME/.rustup}
export RUSTFLAGS="--remap-path-prefix=$PWD=/src --remap-path-prefix=$CARGO_HOME_DIR=/cargo --remap-path-prefix=$RUSTUP_HOME_DIR=/rustup"
export PATH="$(dirname "$PY"):$PATH"

rm -rf "$OUT" && mkdir -p "$OUT"
"$PY" -m maturin build --release --locked --zig --compatibility manylinux_2_17 --out "$OUT"
"$PY" -m maturin sdist --out "$OUT"
(cd "$OUT" && sha256sum -- * > SHA256SUMS)
cat "$OUT/SHA256SUMS"
