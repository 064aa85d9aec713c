#!/usr/bin/env bash
# Make sure the cairo graphics library is installed: cairosvg (which renders the skill's icons
# from infra/icons/icon.svg) loads it at run time. Debian ships it as libcairo2; it is installed
# with apt-get only when no libcairo is found. Idempotent and quick when it is there.
set -euo pipefail

FETCH_NAME=ensure-libcairo
# shellcheck source=scripts/setup-lib.sh
source "$(dirname "$0")/setup-lib.sh"

found_cairo() {
    python3 -c 'import ctypes.util, sys; sys.exit(0 if ctypes.util.find_library("cairo") else 1)'
}

if found_cairo; then
    exit 0
fi
apt_install libcairo2
found_cairo || { say "libcairo2 is installed but cairo still cannot be found"; exit 1; }
