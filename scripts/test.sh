#!/usr/bin/env bash
# Every test Parallax has, from a fresh clone on a bare Debian machine:
# installs what is missing (apt packages, Rust components, npm packages),
# then formatting, lints, the engine/CLI/app Rust tests, Vitest, the types
# drift check and the WebDriver end-to-end suite under Xvfb. Idempotent.
set -euo pipefail
source "$(dirname "$0")/lib-app.sh"
cd "$ROOT"

ensure_system_packages
for c in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
done
ensure_ui_deps
build_ui

log "cargo fmt --check"
cargo fmt --all -- --check

log "cargo clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

log "the engine has no Tauri dependency"
if cargo tree -p parallax-engine -e normal -i tauri >/dev/null 2>&1; then
  echo "FAIL: parallax-engine depends on tauri" >&2
  exit 1
fi

log "cargo test (engine, CLI, corpus quality, app commands)"
cargo test --workspace

log "CLI with PDF output (--features pdf)"
cargo test -p parallax --features pdf --test pdf

log "app: Vitest, types drift, WebDriver E2E"
"$ROOT/scripts/test-app.sh"
