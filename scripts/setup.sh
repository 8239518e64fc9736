#!/usr/bin/env bash
# Installs what Onebook needs on a fresh Debian 12 / Ubuntu machine: a C compiler for the bundled
# SQLite, and the Rust toolchain if none is there. Idempotent; quiet when everything is present.
set -euo pipefail

need_apt=()
command -v cc >/dev/null 2>&1 || need_apt+=(build-essential)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
command -v curl >/dev/null 2>&1 || need_apt+=(curl ca-certificates)
# The serial printer and scanner tests make pseudo-terminal pairs with socat.
command -v socat >/dev/null 2>&1 || need_apt+=(socat)
# The invoice PDF tests read the text back with pdftotext and render pages with pdftoppm.
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
# Receipts in Arabic, Thai and Chinese are shaped with the Noto fonts (src/devices/raster.rs).
[ -f /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ] || need_apt+=(fonts-noto-core)
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need_apt+=(fonts-noto-cjk)
# The cloud-ledger tests (tests/sync.rs) start a private PostgreSQL server with initdb/pg_ctl;
# runuser (util-linux) runs them as the postgres user when the tests run as root.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v runuser >/dev/null 2>&1 || need_apt+=(util-linux)
# The TLS test issues its own certificate authority and server certificate with openssl.
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
# Encryption at rest: the bundled SQLCipher links the system libcrypto (headers from libssl-dev).
[ -f /usr/include/openssl/evp.h ] || need_apt+=(libssl-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
    if [ -x "$HOME/.cargo/bin/cargo" ]; then
        export PATH="$HOME/.cargo/bin:$PATH"
    else
        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
        export PATH="$HOME/.cargo/bin:$PATH"
    fi
fi

# The month-pack test (tests/export.rs) reads the exported workbook back with an independent
# reader, Python's openpyxl. A system Python that refuses pip (PEP 668) gets it anyway, user-wide.
if ! python3 -c 'import openpyxl' >/dev/null 2>&1; then
    if ! python3 -m pip --version >/dev/null 2>&1; then
        SUDO=""
        [ "$(id -u)" -ne 0 ] && SUDO="sudo"
        $SUDO apt-get update -q
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends python3-pip </dev/null
    fi
    python3 -m pip install --quiet openpyxl 2>/dev/null \
        || python3 -m pip install --quiet --user --break-system-packages openpyxl
fi
