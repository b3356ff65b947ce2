# Shared steps of test-app.sh and run-app.sh (sourced, not run).
# Idempotent: each step does nothing when its work is already done.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
APP_BIN="$CARGO_TARGET_DIR/debug/parallax-app"
# The tests build the whole workspace with one package selection, so that
# cargo resolves every shared dependency (tokio, serde, typst...) to one
# feature set and compiles it once. `cargo test --workspace` tests the
# default builds; WITH_PDF then adds only the PDF feature of the CLI and the
# app: typst is already in that graph (parallax-pdf is a member), so only
# those two crates and their tests are compiled again. A `-p` selection would
# resolve features differently and rebuild typst and the Tauri stack.
# `cargo test` also (re)links target/debug/parallax-app, the binary the E2E
# suite drives, with these features.
WITH_PDF=(--workspace --features parallax/pdf,parallax-app/pdf)

log() { printf '\n==> %s\n' "$*" >&2; }

# Free space and the size of target/, so a full disk shows up in the log
# before it breaks a build.
report_disk() {
  local used="?"
  [ -d "$CARGO_TARGET_DIR" ] && used="$(du -sh "$CARGO_TARGET_DIR" 2>/dev/null | cut -f1)"
  printf '    disk: %s free on %s; target/ uses %s\n' \
    "$(df -h --output=avail "$ROOT" | tail -1 | tr -d ' ')" "$ROOT" "$used" >&2
}

# A C compiler and make: jemalloc (the command line's allocator) and ring
# (TLS) are built from C source. What the command line alone needs.
ensure_build_tools() {
  if ! command -v make >/dev/null || ! command -v cc >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      log "installing system packages: build-essential"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends build-essential
    else
      echo "missing a C compiler or make (install build-essential with apt-get as root)" >&2
      return 1
    fi
  fi
}

# System libraries for Tauri on Debian, the WebDriver and Xvfb. Installed
# only when something is missing (and only where apt-get can run as root).
ensure_system_packages() {
  ensure_build_tools
  local need=()
  pkg-config --exists webkit2gtk-4.1 2>/dev/null || need+=(libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev pkg-config build-essential file)
  command -v Xvfb >/dev/null || need+=(xvfb xauth)
  command -v WebKitWebDriver >/dev/null || need+=(webkit2gtk-driver)
  command -v xdotool >/dev/null || need+=(xdotool)
  [ -e /usr/include/X11/Xlib.h ] || need+=(libx11-dev)
  # GNU time: tests/hostile.rs measures each case's peak memory with it.
  [ -x /usr/bin/time ] || need+=(time)
  # pdftotext and pdffonts: the PDF tests read back what was typeset.
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  if [ "${#need[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      log "installing system packages: ${need[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
    else
      echo "missing system packages: ${need[*]} (install them with apt-get as root)" >&2
      return 1
    fi
  fi
}

# Node packages for the UI, exactly as locked.
ensure_ui_deps() {
  cd "$ROOT/ui"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci (ui/)"
    npm ci --no-audit --no-fund
  fi
  cd "$ROOT"
}

build_ui() {
  log "building the UI (tsc + vite)"
  (cd "$ROOT/ui" && npm run --silent build)
}

# build_app [--release]: the debug build shares the workspace target dir with
# the tests; --release builds the GTK/WebKit stack once more (~10 min cold)
# but runs the engine about ten times faster.
# The app is built with PDF export (typst, a large first build that the CLI's
# PDF tests share).
build_app() {
  log "building the app (cargo build -p parallax-app --features pdf $*)"
  (cd "$ROOT" && cargo build -p parallax-app --features pdf "$@")
}
