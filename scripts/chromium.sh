#!/usr/bin/env bash
# Installs Debian's Chromium (/usr/bin/chromium) when it is missing, for the ER diagram rendering
# tests (test/binary/erd-render.test.ts drive it headless through playwright-core). Idempotent:
# when /usr/bin/chromium exists it returns at once. Needs root for apt-get. The package lists are
# refreshed only when the install fails (a fresh machine has none, or stale ones).
# Browser downloads (Puppeteer, mermaid-cli, `playwright install`) are not used: the distribution's
# package is the one that works on machines without access to those download servers.
set -euo pipefail

log() { echo "chromium: $*" >&2; }

if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then log "not root: cannot install chromium (the rendering tests will skip)"; exit 1; fi

export DEBIAN_FRONTEND=noninteractive
log "installing chromium"
if ! apt-get install -y -qq chromium >/dev/null 2>&1; then
  log "refreshing the package lists"
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
[ -x /usr/bin/chromium ] || { log "installed, but /usr/bin/chromium is missing"; exit 1; }
log "$(/usr/bin/chromium --version 2>/dev/null || echo chromium) installed"
