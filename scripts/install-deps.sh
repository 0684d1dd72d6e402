#!/usr/bin/env bash
# Installs every Debian package quhua's build, tests and benchmarks need.
# Idempotent and non-interactive: safe to run again on a machine that has them.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ccache
  libgdal-dev gdal-bin libgeos-dev libproj-dev proj-data
  libsqlite3-dev sqlite3
  coinor-libcbc-dev coinor-libclp-dev coinor-libcgl-dev coinor-libosi-dev coinor-libcoinutils-dev
  libxlsxwriter-dev nlohmann-json3-dev libcli11-dev libfmt-dev libtomlplusplus-dev
  libosmium2-dev libprotozero-dev zlib1g-dev libbz2-dev libexpat1-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  # browser tests of the HTML reports, with Chinese fonts so the pages render as users see them
  chromium fonts-noto-cjk
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
