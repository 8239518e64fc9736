#!/usr/bin/env bash
# The README's second command, and what CI runs: set up, then every check and test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ONEBOOK_E2E=1 source scripts/setup-desktop.sh
start=$(date +%s)
cargo fmt --all -- --check
# The UI first: its type check and unit tests, then the build the app embeds (ui/dist).
(cd ui && npm run check && npm test && npm run build)
step() { echo "scripts/test.sh: $1 done at $(( $(date +%s) - start )) s"; }
step "fmt and UI"
cargo clippy --workspace --all-targets -- -D warnings
step "clippy"
# Every test, the benchmark at smoke scale, and the till in a real window under Xvfb driven through
# WebDriver (src-tauri/tests/window.rs), all from one build: one feature set, the app compiled once.
cargo test --workspace --no-fail-fast
step "cargo test"
echo "scripts/test.sh: all checks passed in $(( $(date +%s) - start )) s"
