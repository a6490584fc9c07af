#!/usr/bin/env bash
# Fuzzes every target (or those named) for SECONDS each (default 600), two at a time, and prints
# a table row per target: executions, coverage (libFuzzer's `cov`, edges reached) and features
# (`ft`), corpus size, and crashes. Needs nightly and cargo-fuzz (`cargo install cargo-fuzz`).
# Crashes land in fuzz/artifacts/<target>/; once fixed, copy each into fuzz/regressions/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
fuzz=$(pwd)
root=$(cd .. && pwd)
seconds=${SECONDS_PER_TARGET:-600}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(model responses endpoint timestamps_and_headers profile event_stream)

# The whole official RoboMaker crate, whose response readers and rule set are fuzzed.
if [ ! -d "$root/target/official/robomaker" ]; then
    (cd "$root" && cargo xtask codegen --model ../shared/models/robomaker-2018-06-29.json --out target/official/robomaker)
fi

# Seeds: the kept inputs of each target, and for the generator every fixture model.
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    cp -n "regressions/$target/"* "corpus/$target/" 2>/dev/null || true
done
for model in "$root"/codegen/tests/fixtures/*/model.json; do
    cp -n "$model" "corpus/model/fixture-$(basename "$(dirname "$model")").json" 2>/dev/null || true
done

cargo +nightly fuzz build

run() {
    local target=$1
    local max_len=4096
    [ "$target" = model ] && max_len=65536
    cargo +nightly fuzz run "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        >"artifacts-$target.log" 2>&1 || true
}

mkdir -p artifacts
printf '| target | seconds | executions | cov | ft | corpus | crashes |\n|---|---|---|---|---|---|---|\n' >results.md
running=0
for target in "${targets[@]}"; do
    run "$target" &
    running=$((running + 1))
    if [ "$running" -ge 2 ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait
for target in "${targets[@]}"; do
    log="artifacts-$target.log"
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*')
    ft=$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*')
    corp=$(echo "$last" | grep -o 'corp: [0-9]*' | grep -o '[0-9]*')
    crashes=$(find "artifacts/$target" -type f 2>/dev/null | wc -l)
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$target" "$seconds" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes" >>results.md
done
cat results.md
