#!/usr/bin/env bash
# The README's first command: set up, build, and open Onebook on a demo shop in an embedded
# SQLite file: the desktop app's window (the till), or, on a machine with no display, the
# command line on the same demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
# An empty book gets the demo shop before the window opens (the app shows its first-run wizard otherwise).
export ONEBOOK_DEMO="${ONEBOOK_DEMO:-1}"
export ONEBOOK_DB="${ONEBOOK_DB:-$PWD/target/demo/onebook.sqlite3}"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    source scripts/setup-desktop.sh
    (cd ui && npm run build)
    # The dev profile builds dependencies optimized (Cargo.toml), and shares the build of test.sh.
    cargo build -p onebook -p onebook-desktop --bins
    mkdir -p "$(dirname "$ONEBOOK_DB")"
    echo "Opening Onebook on $ONEBOOK_DB (an empty file gets the demo shop: 300 SKUs, five weeks of trade)."
    echo "The command line reads the same book: ONEBOOK_DB=$ONEBOOK_DB ./target/debug/onebook --help"
    exec ./target/debug/onebook-desktop
fi
echo "No display (neither DISPLAY nor WAYLAND_DISPLAY is set), so no window can open: showing the"
echo "demo on the command line instead. Run this from a desktop session to open the app."
cargo build --release --bin onebook
if [ ! -f "$ONEBOOK_DB" ]; then
    mkdir -p "$(dirname "$ONEBOOK_DB")"
    ./target/release/onebook demo
fi
ob=./target/release/onebook
echo
echo "== A carton of rice cookers scanned at the till (GTIN-14 of the carton) =="
$ob stock 16290001000012
echo
echo "== This month for the accountant =="
$ob report month "$(date +%Y-%m)"
echo
echo "Try more: ONEBOOK_DB=$ONEBOOK_DB $ob --help"
