#!/usr/bin/env bash
# Every test Parallax has, from a fresh clone on a bare Debian machine:
# installs what is missing (apt packages, Rust components, npm packages),
# then formatting, lints, the API docs, the engine/CLI/app Rust tests, a bounded fuzz run,
# Vitest, the types drift check and the WebDriver end-to-end suite under Xvfb. Idempotent.
set -euo pipefail
source "$(dirname "$0")/lib-app.sh"
cd "$ROOT"
# A test run builds everything once: incremental caches would only add
# gigabytes to target/ (set CARGO_INCREMENTAL=1 to keep them).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

ensure_system_packages
for c in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
done
# cargo-fuzz for the bounded fuzz run (stable Rust; see scripts/fuzz.sh).
cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked
ensure_ui_deps
build_ui

log "cargo fmt --check"
cargo fmt --all -- --check

log "cargo clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

log "cargo doc -D warnings (every intra-doc link resolves)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps

log "the engine has no Tauri dependency"
if cargo tree -p parallax-engine -e normal -i tauri >/dev/null 2>&1; then
  echo "FAIL: parallax-engine depends on tauri" >&2
  exit 1
fi

report_disk
log "cargo test (engine, CLI, corpus quality, hostile input, properties, app commands)"
cargo test --workspace

report_disk
log "PDF: the CLI's --features pdf (read back with pdftotext)"
cargo test "${WITH_PDF[@]}" --test pdf

report_disk
log "fuzz: ingest, segment, compare for 60 s each (libFuzzer, stable Rust)"
"$ROOT/scripts/fuzz.sh" 60

report_disk
log "benchmarks: smoke run (generator, Parallax, difflib, CollateX, scorer; nothing timed)"
"$ROOT/scripts/bench.sh" --smoke
log "app: Vitest, types drift, WebDriver E2E"
"$ROOT/scripts/test-app.sh"
report_disk
