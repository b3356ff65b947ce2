#!/usr/bin/env bash
# Regenerate ui/src/generated/ (TypeScript types of the Rust model, via ts-rs).
# The check that they are current runs in `cargo test -p parallax-app --test types`.
set -euo pipefail
cd "$(dirname "$0")/.."
PARALLAX_UPDATE_TYPES=1 cargo test -p parallax-app --test types -- --nocapture
