#!/usr/bin/env bash
# The README's second command, and what CI runs: set up, then every check and test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
start=$(date +%s)
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo test --all-targets --no-fail-fast
echo "scripts/test.sh: all checks passed in $(( $(date +%s) - start )) s"
