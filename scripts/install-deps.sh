#!/usr/bin/env bash
# Installs the system packages Integra builds against, only when missing (Debian/Ubuntu, as root or with sudo).
set -euo pipefail
need=()
for pkg in libxlsxwriter-dev libsqlite3-dev pkg-config; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    echo "Installing: ${need[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
if ! command -v swift >/dev/null 2>&1; then
    echo "error: swift is not on the PATH; Integra needs Swift 6.3 (https://swift.org/install)" >&2
    exit 1
fi
