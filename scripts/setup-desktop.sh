#!/usr/bin/env bash
# Installs what the desktop app needs on Debian 12 / Ubuntu, only what is missing: WebKitGTK and
# the other system libraries Tauri 2 builds against, Node.js for the UI, and the UI's packages
# (`npm ci`, from ui/package-lock.json). With ONEBOOK_E2E=1 also what the end-to-end test drives the
# window with: Xvfb, WebKitWebDriver, imagemagick (the screenshot), fonts for every script.
# Sourced after scripts/setup.sh (which brings the C compiler and Rust).
set -euo pipefail

desktop_pkgs=(build-essential pkg-config libwebkit2gtk-4.1-dev libssl-dev libayatana-appindicator3-dev
    librsvg2-dev libxdo-dev)
e2e_pkgs=(xvfb xauth webkit2gtk-driver imagemagick fonts-noto-core fonts-noto-cjk python3)
wanted=("${desktop_pkgs[@]}")
[ "${ONEBOOK_E2E:-0}" = 1 ] && wanted+=("${e2e_pkgs[@]}")
command -v npm >/dev/null 2>&1 || wanted+=(nodejs npm)

missing=()
for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "setup-desktop: installing ${missing[*]}"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi

# The UI's packages, exactly as locked; skipped when node_modules was installed from this lock file.
lock_sum=$(sha256sum ui/package-lock.json | cut -d' ' -f1)
if [ "$(cat ui/node_modules/.onebook-lock-sum 2>/dev/null)" != "$lock_sum" ]; then
    (cd ui && npm ci --no-audit --no-fund)
    echo "$lock_sum" >ui/node_modules/.onebook-lock-sum
fi
