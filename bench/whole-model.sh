#!/usr/bin/env bash
# The crate of a whole model, rebuilt on its own: this repository's crate generated from the
# whole official RoboMaker model against aws-sdk-robomaker 1.87.0 (issue 20, target 2).
#
# Usage, from the repository root:
#   bash bench/whole-model.sh               # 5 rounds
#   ROUNDS=3 bash bench/whole-model.sh
#   BEFORE=/tmp/oldtree bash bench/whole-model.sh # adds a side `before`: another checkout's generator
#
# Two throwaway binary crates (three with BEFORE) are made in a temporary directory, each with
# the same DescribeDeploymentJob call as build-cost.sh: ours/ on the crate `cargo xtask codegen`
# makes from ../shared/models/robomaker-2018-06-29.json (all its operations), aws/ on
# aws-sdk-robomaker =1.87.0. Each is built once (release and `cargo check`) so that every
# dependency is in place; then, ROUNDS times, the sides in turn (their order rotating), the
# model's crate alone is cleaned and built again, three ways:
#   release  `cargo clean -p CRATE --release` then `cargo build --release -p CRATE`
#   dev      `cargo clean -p CRATE` then `cargo build -p CRATE` (no incremental cache left)
#   check    `cargo clean -p CRATE` then `cargo check -p CRATE`: what an editor waits for
# Reported per way: median wall and CPU time (user + system) and the ratio ours / aws of each,
# the per-round CPU ratios, and issue 20's target (<= 0.35).
#
# Environment: ROUNDS (default 5); MODEL (default ../shared/models/robomaker-2018-06-29.json);
# BEFORE (a checkout of this repository, unset by default); BEFORE_TARGET_DIR (target dir for
# BEFORE's xtask, default $BEFORE/target).
set -euo pipefail

ROUNDS="${ROUNDS:-5}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL="${MODEL:-$ROOT/../shared/models/robomaker-2018-06-29.json}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "whole-model: ROUNDS must be a positive integer" >&2; exit 1; }
[[ -f "$MODEL" ]] || { echo "whole-model: $MODEL not found: set MODEL to the official RoboMaker model" >&2; exit 1; }
SIDES=(ours aws)
if [[ -n "${BEFORE:-}" ]]; then
    BEFORE="$(cd "$BEFORE" 2>/dev/null && pwd)" || { echo "whole-model: BEFORE is not a directory" >&2; exit 1; }
    [[ -f "$BEFORE/xtask/Cargo.toml" ]] || { echo "whole-model: BEFORE must be a checkout of this repository" >&2; exit 1; }
    SIDES=(ours before aws)
fi

WORK="$(mktemp -d /tmp/whole-model.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

(cd "$ROOT" && cargo xtask codegen --model "$MODEL" --out "$WORK/gen/ours" --crate-name robomaker) >"$WORK/codegen.log" 2>&1 \
    || { cat "$WORK/codegen.log" >&2; echo "whole-model: generation failed" >&2; exit 1; }
if [[ -n "${BEFORE:-}" ]]; then
    (cd "$BEFORE" && CARGO_TARGET_DIR="${BEFORE_TARGET_DIR:-$BEFORE/target}" cargo xtask codegen --model "$MODEL" \
        --out "$WORK/gen/before" --crate-name robomaker) >>"$WORK/codegen.log" 2>&1 \
        || { cat "$WORK/codegen.log" >&2; echo "whole-model: generation with BEFORE failed" >&2; exit 1; }
fi

# Builds must not reuse any other target dir, wrapper or cache.
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER CARGO_INCREMENTAL RUSTFLAGS

MAIN='#![allow(deprecated)]
fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(call());
}'
for side in "${SIDES[@]}"; do
    mkdir -p "$WORK/$side/src"
    if [[ "$side" == aws ]]; then
        dep='aws-sdk-robomaker = "=1.87.0"'
        call='async fn call() {
    use aws_sdk_robomaker::config::{BehaviorVersion, Credentials, Region};
    let config = aws_sdk_robomaker::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("a", "b", None, None, "env"))
        .build();
    let client = aws_sdk_robomaker::Client::from_conf(config);
    println!("{:?}", client.describe_deployment_job().job("arn:x").send().await.map(|o| o.status));
}'
    else
        dep="robomaker = { path = \"$WORK/gen/$side\" }"
        call='async fn call() {
    let config = robomaker::Config::builder().region("us-east-1").credentials(robomaker::Credentials::new("a", "b", None)).build();
    let client = robomaker::Client::from_conf(config);
    println!("{:?}", client.describe_deployment_job().job("arn:x").send().await.map(|o| o.status));
}'
    fi
    printf '[package]\nname = "whole-model"\nversion = "0.1.0"\nedition = "2021"\npublish = false\n\n[workspace]\n\n[dependencies]\n%s\ntokio = { version = "1", features = ["rt"] }\n' \
        "$dep" >"$WORK/$side/Cargo.toml"
    printf '%s\n\n%s\n' "$MAIN" "$call" >"$WORK/$side/src/main.rs"
    (cd "$WORK/$side" && cargo fetch -q && cargo build --release -q && cargo build -q && cargo check -q) \
        || { echo "whole-model: the first build of $side failed" >&2; exit 1; }
done

crate_of() { [[ "$1" == aws ]] && echo aws-sdk-robomaker || echo robomaker; }
declare -A M
WAYS=(release dev check)
for round in $(seq 1 "$ROUNDS"); do
    order=("${SIDES[@]}")
    shift_by=$(( (round - 1) % ${#SIDES[@]} ))
    order=("${order[@]:$shift_by}" "${order[@]:0:$shift_by}")
    for way in "${WAYS[@]}"; do
        for side in "${order[@]}"; do
            crate=$(crate_of "$side")
            case "$way" in
                release) clean=(cargo clean -q -p "$crate" --release); build=(cargo build -q --offline --release -p "$crate") ;;
                dev) clean=(cargo clean -q -p "$crate"); build=(cargo build -q --offline -p "$crate") ;;
                check) clean=(cargo clean -q -p "$crate"); build=(cargo check -q --offline -p "$crate") ;;
            esac
            (cd "$WORK/$side" && "${clean[@]}")
            out=$( (cd "$WORK/$side" && /usr/bin/time -f "%e %U %S" "${build[@]}") 2>&1 | tail -1)
            read -r wall user sys <<<"$out"
            cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
            M[wall,$side,$way]+="$wall "
            M[CPU,$side,$way]+="$cpu "
            echo "round $round $way $side: wall $wall s, cpu $cpu s"
        done
        # dev and check share target/debug: after a dev rebuild, check finds the crate's
        # metadata from `cargo build` and does no work, so check cleans again (above).
    done
done

median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo
echo "model: $MODEL ($(grep -c '"type": "operation"' "$MODEL") operations); ours: $(git -C "$ROOT" describe --always --dirty)"
echo "rustc: $(rustc --version); $(nproc) cores; $ROUNDS rounds"
echo
header="| the crate alone, median of $ROUNDS | ours | aws-sdk-robomaker | ours / aws | per round, CPU | target |"
rule="|---|---:|---:|---:|---|---|"
[[ -z "${BEFORE:-}" ]] || { header+=" before | before / aws |"; rule+="---:|---:|"; }
echo "$header"
echo "$rule"
for way in "${WAYS[@]}"; do
    for measure in wall CPU; do
        o=$(median "${M[$measure,ours,$way]}")
        a=$(median "${M[$measure,aws,$way]}")
        per=""
        if [[ "$measure" == CPU ]]; then
            read -ra os <<<"${M[CPU,ours,$way]}"
            read -ra as <<<"${M[CPU,aws,$way]}"
            for i in "${!os[@]}"; do per+="$(ratio "${os[$i]}" "${as[$i]}") "; done
        fi
        line="| $way, $measure (s) | $o | $a | $(ratio "$o" "$a") | $per | <= 0.35 |"
        if [[ -n "${BEFORE:-}" ]]; then
            b=$(median "${M[$measure,before,$way]}")
            line+=" $b | $(ratio "$b" "$a") |"
        fi
        echo "$line"
    done
done
