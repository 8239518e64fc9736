#!/usr/bin/env bash
# The README's first command: set up, build, and open Onebook on a demo shop in an embedded
# SQLite file. Until the desktop app lands this opens the command line on the demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
cargo build --release --bin onebook
export ONEBOOK_DB="${ONEBOOK_DB:-$PWD/target/demo/onebook.sqlite3}"
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
