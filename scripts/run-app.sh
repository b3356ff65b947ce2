#!/usr/bin/env bash
# Build the UI and the desktop app, then start it. The "Bolivia 2019 example"
# button on the Start screen loads sample-articles/bolivia-2019 with its topic.
#   scripts/run-app.sh            debug build (shares target/ with the tests)
#   scripts/run-app.sh --release  optimised build: the engine compares ~10x faster
# Any other arguments are passed to the app.
set -euo pipefail
source "$(dirname "$0")/lib-app.sh"
cd "$ROOT"
profile=debug
args=()
for a in "$@"; do
  if [ "$a" = "--release" ]; then profile=release; else args+=("$a"); fi
done
ensure_system_packages
ensure_ui_deps
build_ui
if [ "$profile" = release ]; then build_app --release; else build_app; fi
bin="$CARGO_TARGET_DIR/$profile/parallax-app"
log "starting $bin"
exec "$bin" ${args[@]+"${args[@]}"}
