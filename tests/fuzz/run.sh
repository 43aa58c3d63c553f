#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 60) on a scratch copy of its seed corpus, so
# that the seeds in the repository stay small. Exits non-zero if any target crashed, leaked,
# tripped a sanitizer or hung; the input that did it is kept under BUILD_DIR/fuzz-artifacts/.
#   tests/fuzz/run.sh build/fuzz [SECONDS]
# FUZZERS="fuzz_rule fuzz_csv" picks targets; FUZZ_JOBS runs that many workers per target.
set -uo pipefail

build=$(cd "${1:?usage: $0 BUILD_DIR [SECONDS]}" && pwd) || exit 2
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
fuzzers=${FUZZERS:-fuzz_declaration fuzz_rule fuzz_inspection fuzz_csv fuzz_identity fuzz_trader fuzz_model fuzz_enforcement fuzz_thumbnail}
jobs=${FUZZ_JOBS:-1}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/haiquan-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

failed=()
for name in $fuzzers; do
  binary=$build/tests/fuzz/$name
  if [[ ! -x $binary ]]; then
    echo "$name: not built ($binary); cmake --preset fuzz && cmake --build --preset fuzz" >&2
    failed+=("$name")
    continue
  fi
  corpus=$scratch/$name
  artifacts=$build/fuzz-artifacts/$name
  mkdir -p "$corpus" "$artifacts"
  cp "$here/corpus/$name/"* "$corpus/" 2>/dev/null || true
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=16384
        -print_final_stats=1 -artifact_prefix="$artifacts/")
  [[ -f $here/$name.dict ]] && args+=(-dict="$here/$name.dict")
  if ((jobs > 1)); then
    # Each worker stops after SECONDS; libFuzzer copies the workers' logs into its own output.
    args+=(-jobs="$jobs" -workers="$jobs")
  fi
  echo "== $name: ${seconds}s" >&2
  log=$scratch/$name.log
  (cd "$scratch" && "$binary" "${args[@]}" "$corpus") >"$log" 2>&1
  status=$?
  grep -E '^(stat::|#[0-9]+ *DONE)' "$log" >&2
  if ((status != 0)) || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|invariant broken|SUMMARY:' "$log"; then
    echo "$name: FAILED (exit $status); log follows, inputs in $artifacts" >&2
    tail -n 60 "$log" >&2
    echo "reproduce: $binary $artifacts/<crash-file>" >&2
    failed+=("$name")
  fi
done

if ((${#failed[@]})); then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing: no crash in $fuzzers after ${seconds}s each" >&2
