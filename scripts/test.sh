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
# The library and the desktop shell, built once with one feature set for clippy, tests and e2e.
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace --all-targets --no-fail-fast
cargo build --workspace --bins
# The till in a real window under Xvfb, driven through WebDriver; the CLI checks the stock.
python3 tests/e2e/till.py
echo "scripts/test.sh: all checks passed in $(( $(date +%s) - start )) s"
