#!/usr/bin/env bash
# Test the desktop app end to end, from a fresh checkout or a built tree:
#   system packages (if missing) → npm ci → UI build → app build →
#   Rust command tests (tauri::test, incl. the TypeScript types drift check) →
#   Vitest (view logic) → WebDriver E2E on the real window under Xvfb.
# Screenshots land in docs/screenshots/. Fails (never skips) when no display
# can be started.
set -euo pipefail
source "$(dirname "$0")/lib-app.sh"
cd "$ROOT"

ensure_system_packages
ensure_ui_deps
build_ui

log "Rust app tests (commands through the mock runtime, types drift check)"
# This also builds target/debug/parallax-app with PDF export, the binary the
# E2E suite drives (see WITH_PDF in lib-app.sh).
cargo test "${WITH_PDF[@]}" --test commands --test types

log "corpus generator for the E2E timings of 10 and 50 reports"
cargo build --quiet -p parallax-engine --example synth

log "Vitest (view logic)"
(cd ui && npx --no-install vitest run)

log "E2E through WebDriver under Xvfb"
display=99
while [ -e "/tmp/.X${display}-lock" ] || [ -e "/tmp/.X11-unix/X${display}" ]; do display=$((display + 1)); done
Xvfb ":${display}" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${display}" ] && break; sleep 0.1; done
if [ ! -e "/tmp/.X11-unix/X${display}" ]; then
  echo "FAIL: Xvfb did not start on :${display}; the E2E suite needs a display" >&2
  exit 1
fi
export DISPLAY=":${display}"
(cd ui && PARALLAX_APP="$APP_BIN" PARALLAX_SYNTH="$CARGO_TARGET_DIR/debug/examples/synth" node --test --test-concurrency=1 e2e/app.test.mjs)
log "all app tests passed; screenshots in docs/screenshots/"
