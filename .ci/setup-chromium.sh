#!/usr/bin/env bash
# Make sure Chromium from the system's packages is installed: the page tests (the site, hostile
# Markdown/HTML payloads) drive it headless through Playwright, pointed at this binary. Idempotent.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup-chromium: Chromium is missing and this user cannot install packages (need root or sudo)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null 2>&1 || { echo "setup-chromium: installed chromium but the binary was not found" >&2; exit 1; }
echo "setup-chromium: $(chromium --version 2>/dev/null | head -1)"
