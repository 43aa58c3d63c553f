#!/usr/bin/env bash
# Installs the Debian 12 packages Haiquan needs to build, test and benchmark,
# asking apt only for the ones that are missing so that repeated runs are instant.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config clang libclang-rt-14-dev
  libboost1.81-dev libboost-json1.81-dev libsqlite3-dev sqlite3 libspdlog-dev libfmt-dev
  libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev libsodium-dev libxlsxwriter-dev libxgboost-dev
  libvips-dev  # thumbnails of attached photos and X-ray images
  wrk curl
  libreoffice-calc-nogui  # the export test opens .xlsx files the way a user would
  chromium fonts-dejavu-core  # the web console's end-to-end tests
)

# The web console builds with Node.js >= 20.19 and npm (Vite 8); Debian 12's own nodejs is 18, so
# a newer Node must be on PATH (NodeSource's nodejs 20 or 22 package, or nvm).
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
  echo "Haiquan's web console needs Node.js >= 20.19 with npm on PATH (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "Install it, e.g. NodeSource's nodejs 22 package for Debian 12, then run make again." >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
