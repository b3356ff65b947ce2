#!/usr/bin/env bash
# Set up what is missing, print the command-line comparison of the Bolivia
# 2019 sample corpus, then start the desktop app (its Start screen has a
# one-click "Bolivia 2019 example"). Idempotent.
set -euo pipefail
source "$(dirname "$0")/lib-app.sh"
cd "$ROOT"
ensure_build_tools
log "parallax compare sample-articles/bolivia-2019/*.md"
cargo run --quiet --release -p parallax -- compare sample-articles/bolivia-2019/*.md
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: the desktop app needs one (run under a desktop session or xvfb-run)." >&2
  exit 0
fi
exec "$ROOT/scripts/run-app.sh" "$@"
