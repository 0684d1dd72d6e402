#!/usr/bin/env bash
# The main job on the embedded default data: installs what is needed, builds quhua, generates the
# synthetic county, stores it in SQLite and runs diagnosis, planning and evaluation on it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j "${QUHUA_JOBS:-$(nproc)}" --target quhua
./build/release/quhua demo --out demo-output "$@"
