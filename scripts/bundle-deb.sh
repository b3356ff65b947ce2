#!/usr/bin/env bash
# Build a Debian package of the app with the Tauri CLI. Not part of the test
# path: installing tauri-cli takes about 20 minutes on 2 cores.
#
# Why the copy: tauri.conf.json lives at the repository root, and cargo,
# tauri-build and tauri::generate_context! are all pointed at it. The Tauri
# CLI, however, takes the folder holding tauri.conf.json to be the app crate,
# and at the root it finds the `parallax` CLI package instead. So for bundling
# we give the CLI a copy beside src-tauri/Cargo.toml with the two kinds of
# path that are relative to the config file (frontendDist, bundle icons)
# rewritten. bundle.resources are relative to the crate folder for both
# tauri-build and the CLI, so they stay as they are. The copy is removed
# afterwards and ignored by git (src-tauri/.gitignore).
set -euo pipefail
source "$(dirname "$0")/lib-app.sh"
cd "$ROOT"
ensure_system_packages
ensure_ui_deps
build_ui
command -v cargo-tauri >/dev/null || cargo install tauri-cli --version "^2" --locked
copy="$ROOT/src-tauri/tauri.conf.json"
trap 'rm -f "$copy"' EXIT
node -e '
  const fs = require("fs");
  const c = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  c.build.frontendDist = "../" + c.build.frontendDist;
  c.bundle.icon = c.bundle.icon.map((p) => p.replace(/^src-tauri\//, ""));
  fs.writeFileSync(process.argv[2], JSON.stringify(c, null, 2));
' "$ROOT/tauri.conf.json" "$copy"
# The workspace's release profile keeps line tables (debug = 1) for the CLI's
# backtraces; a package does not need them (149 MB binary -> a few MB).
export CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=true
(cd src-tauri && cargo tauri build --bundles deb --features pdf)
ls -l "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb
