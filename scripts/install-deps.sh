#!/usr/bin/env bash
# Installs the system packages Integra builds against, only when missing (Debian/Ubuntu, as root or with sudo).
#
#   scripts/install-deps.sh                what `make demo` and `make test` need
#   scripts/install-deps.sh --check-tools  also LibreOffice Calc (headless) and openpyxl, which
#                                          scripts/check-xlsx.py opens every report with, and Chromium, which
#                                          scripts/check-dashboard.py opens dashboard.html with (CI; large, so opt-in),
#                                          and GNU time, which scripts/bomb-test.py measures memory with
set -euo pipefail
check_tools=false
for arg in "$@"; do
    case "$arg" in
        --check-tools) check_tools=true ;;
        -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown option $arg (known: --check-tools)" >&2; exit 64 ;;
    esac
done

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

need=()
for pkg in libxlsxwriter-dev libsqlite3-dev pkg-config; do
    installed "$pkg" || need+=("$pkg")
done
if $check_tools; then
    # The GUI-less Calc (Debian 11+, Ubuntu 21.04+) is a fraction of the full suite; an existing soffice will do.
    if ! command -v soffice >/dev/null 2>&1; then
        if apt-cache show libreoffice-calc-nogui >/dev/null 2>&1; then
            need+=(libreoffice-calc-nogui)
        else
            need+=(libreoffice-calc)
        fi
    fi
    python3 -c "import openpyxl" 2>/dev/null || need+=(python3-openpyxl)
    # Headless Chromium for the dashboard's browser test (Debian's package; an existing chromium-browser will do).
    if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
        need+=(chromium)
    fi
    installed fonts-dejavu-core || need+=(fonts-dejavu-core)
    # Carlito: Calibri's metrics, so LibreOffice prints the workbooks as Excel does (scripts/check-pages.py).
    installed fonts-crosextra-carlito || need+=(fonts-crosextra-carlito)
    command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
    # GNU time: scripts/bomb-test.py measures integra's peak memory with it.
    [ -x /usr/bin/time ] || need+=(time)
fi
if [ ${#need[@]} -gt 0 ]; then
    echo "Installing: ${need[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
# The python3 on the PATH may not be Debian's (pyenv, a venv), and then does not see python3-openpyxl: install
# openpyxl for it from PyPI instead.
if $check_tools && ! python3 -c "import openpyxl" 2>/dev/null; then
    echo "Installing openpyxl for $(command -v python3) (pip)"
    python3 -m pip install --quiet --disable-pip-version-check openpyxl
fi
if ! command -v swift >/dev/null 2>&1; then
    echo "error: swift is not on the PATH; Integra needs Swift 6.3 (https://swift.org/install)" >&2
    exit 1
fi
