#!/usr/bin/env bash
# A bounded libFuzzer run of each fuzz target (fuzz/fuzz_targets/), seeded
# from the sample articles. Stable Rust only: cargo-fuzz passes nightly-only
# flags, which stable accepts with RUSTC_BOOTSTRAP=1, and the sanitizer is
# off (`-s none`: AddressSanitizer needs a nightly std; a panic still aborts
# and is reported). Usage: scripts/fuzz.sh [seconds per target, default 60]
# [target...]. A crash leaves its input in fuzz/artifacts/<target>/ and fails.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECS="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(ingest segment compare)

export RUSTC_BOOTSTRAP=1
cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked

cd "$ROOT/fuzz"
# Fuzz builds go to their own target folder so they never invalidate the
# ordinary debug build.
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$ROOT/fuzz/target}"
for t in "${TARGETS[@]}"; do
  seeds="$ROOT/fuzz/corpus/$t"
  mkdir -p "$seeds"
  # Seed with the sample articles (copied, so the fuzzer's additions stay
  # out of the sample folder); the corpus folder is ignored by git.
  for f in "$ROOT"/sample-articles/*/*.md; do
    cp -n "$f" "$seeds/seed-$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  # A comparison costs more the longer its reports: keep its inputs short so
  # a minute tries thousands of them, not a hundred.
  max_len=65536
  [ "$t" = compare ] && max_len=4096
  echo "== fuzz $t for ${SECS}s"
  cargo fuzz run -s none "$t" "$seeds" -- \
    -max_total_time="$SECS" -timeout=20 -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1
done
