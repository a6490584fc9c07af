#!/usr/bin/env bash
# Build cost of a tiny DescribeDeploymentJob binary: this project's generated `robomaker`
# crate against aws-sdk-robomaker 1.87.0.
#
# Usage, from the repository root:
#   bash bench/build-cost.sh            # 3 rounds
#   ROUNDS=1 bash bench/build-cost.sh   # 1 round (about 7 minutes on 2 cores)
#   nice -n 10 bash bench/build-cost.sh # on a shared machine
#   PROFILE=dev bash bench/build-cost.sh # debug builds (`cargo build`), what a developer waits for
#   BEFORE=/tmp/oldtree bash bench/build-cost.sh # adds a side `before`: another checkout's generated/robomaker
#   PAIR=1 BEFORE=/tmp/oldtree bash bench/build-cost.sh # only ours and before, for a before/after question
#
# Four throwaway binary crates are made in a temporary directory:
#   ours/  depends on generated/robomaker (by path) and tokio;
#   aws/   depends on aws-sdk-robomaker =1.87.0 (default features: its HTTPS client) and tokio,
#          configured explicitly (no aws-config), as ours is;
#   floor/ has no generated code: only the dependencies the project's requirements name
#          (aws-sigv4, aws-credential-types, rustls with ring, hyper, serde, tokio), a lower
#          bound for any client built to them;
#   nosigv4/ is floor without the aws crates: signing stands as HMAC-SHA256 with ring (which
#          rustls builds anyway), the lower bound of a client with its own signer, which
#          issue 3 rules out; it says whether dropping aws-sigv4 alone could reach the target.
#   before/ (only with BEFORE=dir) is ours with the generated/robomaker of another checkout of
#          this repository (say a worktree of an earlier commit): the same main.rs, so two
#          generators or runtime layouts are compared in the same run, round by round.
# ours and aws make the same call with the same explicit configuration. Dependencies are fetched first
# (`cargo fetch`), then every build is a clean `cargo build --release --offline` (target dir
# removed; `--profile dev` with PROFILE=dev), the four crates in turn, ROUNDS times. After each
# clean build, one line is added to the binary's `main` and it is built again: the wait after
# an edit to one's own code (incremental in the dev profile, as cargo does by default).
# Reported: median wall time, median CPU
# time (user + system, less sensitive to other load on the machine), median peak memory
# (`/usr/bin/time -v` "Maximum resident set size": the largest single process, i.e. the
# biggest rustc, not the sum), the binary's size (and stripped size), the number of
# packages built, and the ratios ours / aws.
#
# Environment: ROUNDS (default 3); PROFILE (release, the default, or dev); KEEP_DIR (default:
# a new /tmp/build-cost-report.XXXX) keeps the `cargo build --timings` HTML report and the
# binary of the last round of each crate, and the raw `/usr/bin/time -v` outputs; BEFORE (a
# checkout of this repository, unset by default) adds the side `before`, built from
# $BEFORE/generated/robomaker as committed there. ours and before take turns being built first
# (ours first in odd rounds), and a second table compares the two.
set -euo pipefail

ROUNDS="${ROUNDS:-3}"
PROFILE="${PROFILE:-release}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CRATE="$ROOT/generated/robomaker"
[[ -f "$CRATE/Cargo.toml" ]] || { echo "build-cost: $CRATE/Cargo.toml not found" >&2; exit 1; }
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "build-cost: ROUNDS must be a positive integer" >&2; exit 1; }
SIDES=(ours aws floor nosigv4)
if [[ -n "${BEFORE:-}" ]]; then
    BEFORE="$(cd "$BEFORE" 2>/dev/null && pwd)" || { echo "build-cost: BEFORE is not a directory" >&2; exit 1; }
    BEFORE_CRATE="$BEFORE/generated/robomaker"
    [[ -f "$BEFORE_CRATE/Cargo.toml" ]] || { echo "build-cost: $BEFORE_CRATE/Cargo.toml not found (BEFORE must be a checkout of this repository)" >&2; exit 1; }
    SIDES=(ours before aws floor nosigv4)
fi
if [[ -n "${PAIR:-}" ]]; then
    [[ -n "${BEFORE:-}" ]] || { echo "build-cost: PAIR needs BEFORE" >&2; exit 1; }
    SIDES=(ours before)
fi
case "$PROFILE" in
    release) OUT_DIR=release ;;
    dev) OUT_DIR=debug ;;
    *) echo "build-cost: PROFILE must be release or dev, not '$PROFILE'" >&2; exit 1 ;;
esac

# /usr/bin/time (GNU time, for -v): the Debian package `time`.
if ! /usr/bin/time -v true >/dev/null 2>&1; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        echo "build-cost: installing GNU time (apt-get install time)" >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
    else
        echo "build-cost: GNU time is needed at /usr/bin/time for peak memory: install the Debian package 'time' (apt-get install time) as root" >&2
        exit 1
    fi
fi

# Builds must not reuse any other target dir, wrapper or cache.
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER CARGO_INCREMENTAL RUSTFLAGS

WORK="$(mktemp -d /tmp/build-cost.XXXXXX)"
KEEP_DIR="${KEEP_DIR:-$(mktemp -d /tmp/build-cost-report.XXXXXX)}"
mkdir -p "$KEEP_DIR"
trap 'rm -rf "$WORK"' EXIT

# --- the two crates (three with BEFORE) -------------------------------------------------------

mkdir -p "$WORK/ours/src" "$WORK/aws/src"

cat >"$WORK/ours/Cargo.toml" <<EOF
[package]
name = "describe-job"
version = "0.1.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
robomaker = { path = "$CRATE" }
tokio = { version = "1", features = ["macros", "rt"] }
EOF

cat >"$WORK/ours/src/main.rs" <<'EOF'
#![allow(deprecated)]

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let job = std::env::args().nth(1).unwrap_or_else(|| "arn:aws:robomaker:us-east-1:123456789012:deployment-job/x".into());
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let config = robomaker::Config::builder()
        .region("us-east-1")
        .credentials(robomaker::Credentials::new(var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY"), None))
        .build();
    let client = robomaker::Client::from_conf(config);
    match client.describe_deployment_job().job(job).send().await {
        Ok(output) => println!("{:?} {}", output.status, output.robot_deployment_summary.map_or(0, |robots| robots.len())),
        Err(err) => {
            eprintln!("{err}");
            std::process::exit(1);
        }
    }
}
EOF

# before/: the same binary on BEFORE's generated crate.
if [[ -n "${BEFORE:-}" ]]; then
    mkdir -p "$WORK/before/src"
    sed "s|^robomaker = { path = \"$CRATE\" }\$|robomaker = { path = \"$BEFORE_CRATE\" }|" "$WORK/ours/Cargo.toml" >"$WORK/before/Cargo.toml"
    grep -qF "path = \"$BEFORE_CRATE\"" "$WORK/before/Cargo.toml" || { echo "build-cost: could not write $WORK/before/Cargo.toml" >&2; exit 1; }
    cp "$WORK/ours/src/main.rs" "$WORK/before/src/main.rs"
fi

cat >"$WORK/aws/Cargo.toml" <<'EOF'
[package]
name = "describe-job"
version = "0.1.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
aws-sdk-robomaker = "=1.87.0"
tokio = { version = "1", features = ["macros", "rt"] }
EOF

cat >"$WORK/aws/src/main.rs" <<'EOF'
#![allow(deprecated)]

use aws_sdk_robomaker::config::{BehaviorVersion, Credentials, Region};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let job = std::env::args().nth(1).unwrap_or_else(|| "arn:aws:robomaker:us-east-1:123456789012:deployment-job/x".into());
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let config = aws_sdk_robomaker::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY"), None, None, "env"))
        .build();
    let client = aws_sdk_robomaker::Client::from_conf(config);
    match client.describe_deployment_job().job(job).send().await {
        Ok(output) => println!("{:?} {}", output.status, output.robot_deployment_summary.map_or(0, |robots| robots.len())),
        Err(err) => {
            eprintln!("{err}");
            std::process::exit(1);
        }
    }
}
EOF

# floor/: no generated code, only what any client meeting this project's requirements must build:
# aws-sigv4 for signing and aws-credential-types for the credentials plug-in (issue 3 names both),
# rustls with its cheapest crypto provider (ring) and webpki root certificates (issue 3: rustls),
# hyper as the HTTP/1.1 client, serde + serde_json (serde on the types, the JSON protocol), and
# the tokio the binary itself needs. It uses each of them once. Its build time is a lower bound
# for ours: what ours takes above it is the generated crate and the dependencies we chose.
mkdir -p "$WORK/floor/src"
cat >"$WORK/floor/Cargo.toml" <<'EOF'
[package]
name = "describe-job"
version = "0.1.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
aws-credential-types = "1"
aws-sigv4 = { version = "1", default-features = false, features = ["sign-http", "http1"] }
aws-smithy-runtime-api = { version = "1", default-features = false, features = ["client"] }
http = "1"
hyper = { version = "1", features = ["client", "http1"] }
rustls = { version = "0.23", default-features = false, features = ["ring", "std"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
tokio = { version = "1", features = ["macros", "rt", "net", "time"] }
webpki-roots = "1"
EOF

# What both floor crates do besides signing, each dependency used once: serde for the body,
# rustls with webpki roots, hyper, a tokio connection with a time-out.
INPUT='#[derive(serde::Serialize, serde::Deserialize)]
struct Input {
    job: String,
}'
BODY='    let job = std::env::args().nth(1).unwrap_or_default();
    let body = serde_json::to_vec(&Input { job }).unwrap_or_default();'
TRANSPORT='    let roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    let tls = rustls::ClientConfig::builder_with_provider(rustls::crypto::ring::default_provider().into())
        .with_safe_default_protocol_versions()
        .map(|builder| builder.with_root_certificates(roots).with_no_client_auth());
    let http = hyper::client::conn::http1::Builder::new();
    let tcp = tokio::time::timeout(std::time::Duration::from_secs(1), tokio::net::TcpStream::connect("127.0.0.1:9")).await;
    println!("{} {} {}", tls.is_ok(), std::mem::size_of_val(&http), tcp.is_ok());
}'

cat >"$WORK/floor/src/main.rs" <<EOF
use std::time::SystemTime;

use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_smithy_runtime_api::client::identity::Identity;

$INPUT

#[tokio::main(flavor = "current_thread")]
async fn main() {
$BODY
    let identity = Identity::from(aws_credential_types::Credentials::new("AKID", "SECRET", None, None, "floor"));
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("robomaker")
        .time(SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .map(Into::into);
    let signable = SignableRequest::new(
        "POST",
        "https://robomaker.us-east-1.amazonaws.com/describeDeploymentJob",
        [("content-type", "application/json")].into_iter(),
        SignableBody::Bytes(&body),
    );
    if let (Ok(params), Ok(signable)) = (params, signable) {
        if let Ok(signed) = sign(signable, &params) {
            let (instructions, signature) = signed.into_parts();
            let mut request = http::Request::new(body.clone());
            instructions.apply_to_request_http1x(&mut request);
            println!("{signature} {}", request.headers().len());
        }
    }
$TRANSPORT
EOF

# nosigv4/: floor without aws-sigv4, aws-credential-types and aws-smithy-runtime-api, and with
# ring (which rustls builds anyway) as a direct dependency. The SigV4 key derivation and
# signature (four HMAC-SHA256 for the key, a SHA-256 of the body, the HMAC of the signature:
# the work aws-sigv4 does) are written with ring, as a client with its own signer would.
mkdir -p "$WORK/nosigv4/src"
{ grep -v '^aws-' "$WORK/floor/Cargo.toml"; echo 'ring = "0.17"'; } >"$WORK/nosigv4/Cargo.toml"

cat >"$WORK/nosigv4/src/main.rs" <<EOF
use ring::{digest, hmac};

$INPUT

fn mac(key: &[u8], data: &[u8]) -> hmac::Tag {
    hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), data)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
$BODY
    let secret = std::env::var("AWS_SECRET_ACCESS_KEY").unwrap_or_default();
    let mut key = mac(format!("AWS4{secret}").as_bytes(), b"20260101");
    for part in ["us-east-1", "robomaker", "aws4_request"] {
        key = mac(key.as_ref(), part.as_bytes());
    }
    let canonical = format!("POST\n/describeDeploymentJob\n\n{:?}", digest::digest(&digest::SHA256, &body));
    let signature = mac(key.as_ref(), canonical.as_bytes());
    let mut request = http::Request::new(body.clone());
    request.headers_mut().insert("x-amz-date", http::HeaderValue::from_static("20260101T000000Z"));
    println!("{:?} {}", signature.as_ref(), request.headers().len());
$TRANSPORT
EOF

# --- fetch, then count what is built ----------------------------------------------------------

for which in "${SIDES[@]}"; do
    (cd "$WORK/$which" && cargo generate-lockfile --quiet && cargo fetch --quiet)
done

packages() { # unique packages in the graph of edge kinds $2 of crate $1, the crate itself included
    (cd "$WORK/$1" && cargo tree --offline -e "$2" --prefix none --no-dedupe --format '{p}' | sed 's/ (\*)$//; s/ (proc-macro)$//' | sort -u | wc -l)
}
depth() { # the longest chain of normal dependencies below crate $1
    (cd "$WORK/$1" && cargo tree --offline -e normal --no-dedupe --prefix depth --format '' | tr -dc '0-9\n' | sort -n | tail -1)
}

# --- the builds -------------------------------------------------------------------------------

calc() { awk "BEGIN { print $1 }"; } # arithmetic without bc

declare -A WALL CPU RSS EDIT
build() { # $1 = ours | before | aws | floor | nosigv4, $2 = round
    local dir="$WORK/$1" out="$KEEP_DIR/time-$1-$2.txt" start end
    rm -rf "$dir/target"
    start=$(date +%s.%N)
    (cd "$dir" && /usr/bin/time -v -o "$out" cargo build --profile "$PROFILE" --offline --quiet --timings)
    end=$(date +%s.%N)
    local wall cpu rss edit
    wall=$(calc "$end - $start")
    cp "$dir"/target/cargo-timings/cargo-timing.html "$KEEP_DIR/cargo-timing-$1.html"
    cp "$dir/target/$OUT_DIR/describe-job" "$KEEP_DIR/describe-job-$1"
    # An edit to the binary's own code: a new first statement, different in every round.
    sed -i "s/^async fn main() {\$/&\\n    println!(\"edit $2\");/" "$dir/src/main.rs"
    grep -q "println!(\"edit $2\")" "$dir/src/main.rs" || { echo "build-cost: could not edit $dir/src/main.rs" >&2; exit 1; }
    start=$(date +%s.%N)
    (cd "$dir" && cargo build --profile "$PROFILE" --offline --quiet)
    end=$(date +%s.%N)
    edit=$(calc "$end - $start")
    EDIT[$1]+="$edit "
    cpu=$(awk -F': ' '/User time \(seconds\)/ { u = $2 } /System time \(seconds\)/ { s = $2 } END { print u + s }' "$out")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out")
    WALL[$1]+="$wall "
    CPU[$1]+="$cpu "
    RSS[$1]+="$rss "
    printf 'round %s  %-7s  wall %7.1f s  cpu %7.1f s  peak RSS %7.0f MiB  rebuild after an edit %5.1f s\n' "$2" "$1" "$wall" "$cpu" "$(calc "$rss / 1024")" "$edit"
}

median() { # of the numbers in $1
    tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "build-cost: $ROUNDS round(s), clean $PROFILE builds, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "build-cost: $(rustc --version), $(cargo --version)"
echo "build-cost: work dir $WORK, reports in $KEEP_DIR"
commit() { git -C "$1" describe --always --dirty 2>/dev/null || echo unknown; }
echo "build-cost: ours = $CRATE (commit $(commit "$ROOT"))"
[[ -z "${BEFORE:-}" ]] || echo "build-cost: before = $BEFORE_CRATE (commit $(commit "$BEFORE"))"
for round in $(seq 1 "$ROUNDS"); do
    if [[ -z "${BEFORE:-}" ]]; then
        build ours "$round"
    elif (( round % 2 )); then
        build ours "$round"
        build before "$round"
    else
        build before "$round"
        build ours "$round"
    fi
    [[ -n "${PAIR:-}" ]] && continue
    build aws "$round"
    build floor "$round"
    build nosigv4 "$round"
done

# --- results ----------------------------------------------------------------------------------

size() { stat -c %s "$KEEP_DIR/describe-job-$1"; }
stripped() { strip -o "$WORK/$1.stripped" "$KEEP_DIR/describe-job-$1" && stat -c %s "$WORK/$1.stripped"; }
mib() { printf '%.2f' "$(calc "$1 / 1048576")"; }
ratio() { printf '%.3f' "$(calc "$1 / $2")"; }
# A ratio to aws, or nothing when aws was not built (PAIR).
vs_aws() { [[ -z "${PAIR:-}" ]] && ratio "$1" "$2"; }

declare -A MW MC MR ME SZ SS NP NB DP
for which in "${SIDES[@]}"; do
    MW[$which]=$(median "${WALL[$which]}")
    ME[$which]=$(median "${EDIT[$which]}")
    MC[$which]=$(median "${CPU[$which]}")
    MR[$which]=$(median "${RSS[$which]}")
    SZ[$which]=$(size "$which")
    SS[$which]=$(stripped "$which")
    NP[$which]=$(packages "$which" normal)
    NB[$which]=$(packages "$which" normal,build)
    DP[$which]=$(depth "$which")
done

if [[ -z "${PAIR:-}" ]]; then
echo
echo "| measure (median of $ROUNDS) | robomaker (ours) | aws-sdk-robomaker 1.87.0 | ours / aws | target | floor (no generated code) | floor / aws | floor without aws-sigv4 | that / aws |"
echo "|---|---:|---:|---:|---|---:|---:|---:|---:|"
printf '| clean %s build, wall time (s) | %.1f | %.1f | %s | <= 0.25 | %.1f | %s | %.1f | %s |\n' "$PROFILE" "${MW[ours]}" "${MW[aws]}" "$(ratio "${MW[ours]}" "${MW[aws]}")" "${MW[floor]}" "$(ratio "${MW[floor]}" "${MW[aws]}")" "${MW[nosigv4]}" "$(ratio "${MW[nosigv4]}" "${MW[aws]}")"
printf '| clean %s build, CPU time user+sys (s) | %.1f | %.1f | %s | | %.1f | %s | %.1f | %s |\n' "$PROFILE" "${MC[ours]}" "${MC[aws]}" "$(ratio "${MC[ours]}" "${MC[aws]}")" "${MC[floor]}" "$(ratio "${MC[floor]}" "${MC[aws]}")" "${MC[nosigv4]}" "$(ratio "${MC[nosigv4]}" "${MC[aws]}")"
printf '| rebuild after an edit to main, wall time (s) | %.1f | %.1f | %s | | %.1f | %s | %.1f | %s |\n' "${ME[ours]}" "${ME[aws]}" "$(ratio "${ME[ours]}" "${ME[aws]}")" "${ME[floor]}" "$(ratio "${ME[floor]}" "${ME[aws]}")" "${ME[nosigv4]}" "$(ratio "${ME[nosigv4]}" "${ME[aws]}")"
printf '| peak memory, largest process (MiB) | %.0f | %.0f | %s | | %.0f | | %.0f | |\n' "$(calc "${MR[ours]} / 1024")" "$(calc "${MR[aws]} / 1024")" "$(ratio "${MR[ours]}" "${MR[aws]}")" "$(calc "${MR[floor]} / 1024")" "$(calc "${MR[nosigv4]} / 1024")"
printf '| %s binary (bytes) | %s | %s | %s | <= 0.333 | %s | | %s | |\n' "$PROFILE" "${SZ[ours]}" "${SZ[aws]}" "$(ratio "${SZ[ours]}" "${SZ[aws]}")" "${SZ[floor]}" "${SZ[nosigv4]}"
printf '| %s binary (MiB) | %s | %s | | | %s | | %s | |\n' "$PROFILE" "$(mib "${SZ[ours]}")" "$(mib "${SZ[aws]}")" "$(mib "${SZ[floor]}")" "$(mib "${SZ[nosigv4]}")"
printf '| %s binary, stripped (bytes) | %s | %s | %s | | %s | | %s | |\n' "$PROFILE" "${SS[ours]}" "${SS[aws]}" "$(ratio "${SS[ours]}" "${SS[aws]}")" "${SS[floor]}" "${SS[nosigv4]}"
printf '| packages, normal dependencies (incl. the binary) | %s | %s | | | %s | | %s | |\n' "${NP[ours]}" "${NP[aws]}" "${NP[floor]}" "${NP[nosigv4]}"
printf '| packages built, normal + build dependencies | %s | %s | | | %s | | %s | |\n' "${NB[ours]}" "${NB[aws]}" "${NB[floor]}" "${NB[nosigv4]}"
printf '| longest dependency chain (depth) | %s | %s | | | %s | | %s | |\n' "${DP[ours]}" "${DP[aws]}" "${DP[floor]}" "${DP[nosigv4]}"
echo
echo "per round: wall (s) ours: ${WALL[ours]}| aws: ${WALL[aws]}| floor: ${WALL[floor]}| nosigv4: ${WALL[nosigv4]}"
echo "per round: cpu (s)  ours: ${CPU[ours]}| aws: ${CPU[aws]}| floor: ${CPU[floor]}| nosigv4: ${CPU[nosigv4]}"
echo "per round: rebuild after an edit (s) ours: ${EDIT[ours]}| aws: ${EDIT[aws]}| floor: ${EDIT[floor]}| nosigv4: ${EDIT[nosigv4]}"
echo "per round: RSS (KiB) ours: ${RSS[ours]}| aws: ${RSS[aws]}| floor: ${RSS[floor]}| nosigv4: ${RSS[nosigv4]}"
fi
if [[ -n "${BEFORE:-}" ]]; then
    echo "per round: before: wall (s) ${WALL[before]}| cpu (s) ${CPU[before]}| rebuild after an edit (s) ${EDIT[before]}| RSS (KiB) ${RSS[before]}"
    # ours / before in each round: the two were built one after the other.
    paired() { # $1 = WALL | CPU: the per-round ratios ours / before
        local -n of="$1"
        local o=(${of[ours]}) b=(${of[before]}) i out=""
        for i in "${!o[@]}"; do out+="$(ratio "${o[$i]}" "${b[$i]}") "; done
        echo "$out"
    }
    PW=$(paired WALL)
    PC=$(paired CPU)
    echo
    echo "| measure (median of $ROUNDS) | before ($(commit "$BEFORE")) | ours ($(commit "$ROOT")) | ours / before | before / aws | ours / aws |"
    echo "|---|---:|---:|---:|---:|---:|"
    printf '| clean %s build, wall time (s) | %.1f | %.1f | %s | %s | %s |\n' "$PROFILE" "${MW[before]}" "${MW[ours]}" "$(ratio "${MW[ours]}" "${MW[before]}")" "$(vs_aws "${MW[before]}" "${MW[aws]:-}")" "$(vs_aws "${MW[ours]}" "${MW[aws]:-}")"
    printf '| clean %s build, CPU time user+sys (s) | %.1f | %.1f | %s | %s | %s |\n' "$PROFILE" "${MC[before]}" "${MC[ours]}" "$(ratio "${MC[ours]}" "${MC[before]}")" "$(vs_aws "${MC[before]}" "${MC[aws]:-}")" "$(vs_aws "${MC[ours]}" "${MC[aws]:-}")"
    printf '| ours / before per round, wall (median %s) | | | %s| | |\n' "$(printf '%.3f' "$(median "$PW")")" "$PW"
    printf '| ours / before per round, CPU (median %s) | | | %s| | |\n' "$(printf '%.3f' "$(median "$PC")")" "$PC"
    printf '| rebuild after an edit to main, wall time (s) | %.1f | %.1f | %s | %s | %s |\n' "${ME[before]}" "${ME[ours]}" "$(ratio "${ME[ours]}" "${ME[before]}")" "$(vs_aws "${ME[before]}" "${ME[aws]:-}")" "$(vs_aws "${ME[ours]}" "${ME[aws]:-}")"
    printf '| peak memory, largest process (MiB) | %.0f | %.0f | %s | %s | %s |\n' "$(calc "${MR[before]} / 1024")" "$(calc "${MR[ours]} / 1024")" "$(ratio "${MR[ours]}" "${MR[before]}")" "$(vs_aws "${MR[before]}" "${MR[aws]:-}")" "$(vs_aws "${MR[ours]}" "${MR[aws]:-}")"
    printf '| %s binary (bytes) | %s | %s | %s | %s | %s |\n' "$PROFILE" "${SZ[before]}" "${SZ[ours]}" "$(ratio "${SZ[ours]}" "${SZ[before]}")" "$(vs_aws "${SZ[before]}" "${SZ[aws]:-}")" "$(vs_aws "${SZ[ours]}" "${SZ[aws]:-}")"
    printf '| %s binary, stripped (bytes) | %s | %s | %s | %s | %s |\n' "$PROFILE" "${SS[before]}" "${SS[ours]}" "$(ratio "${SS[ours]}" "${SS[before]}")" "$(vs_aws "${SS[before]}" "${SS[aws]:-}")" "$(vs_aws "${SS[ours]}" "${SS[aws]:-}")"
    printf '| packages, normal dependencies (incl. the binary) | %s | %s | | | |\n' "${NP[before]}" "${NP[ours]}"
    printf '| packages built, normal + build dependencies | %s | %s | | | |\n' "${NB[before]}" "${NB[ours]}"
    printf '| longest dependency chain (depth) | %s | %s | | | |\n' "${DP[before]}" "${DP[ours]}"
    echo
fi
[[ -n "${PAIR:-}" ]] && exit 0
wall_ok=$(calc "(${MW[ours]} <= ${MW[aws]} / 4) ? 1 : 0")
size_ok=$(calc "(${SZ[ours]} <= ${SZ[aws]} / 3) ? 1 : 0")
floor_ok=$(calc "(${MW[floor]} <= ${MW[aws]} / 4) ? 1 : 0")
nosigv4_ok=$(calc "(${MW[nosigv4]} <= ${MW[aws]} / 4) ? 1 : 0")
# The issue's targets are for clean release builds; a dev run reports the same comparisons.
[[ "$PROFILE" == release ]] || echo "(the targets below are set for release builds; these are $PROFILE builds)"
echo "floor build time <= 1/4 of aws: $([[ $floor_ok == 1 ]] && echo yes || echo NO: the mandated dependencies alone exceed the target)"
echo "floor without aws-sigv4 <= 1/4 of aws: $([[ $nosigv4_ok == 1 ]] && echo yes || echo NO: even without aws-sigv4 the remaining dependencies exceed the target)"
echo "target build time <= 1/4: $([[ $wall_ok == 1 ]] && echo met || echo MISSED); target binary size <= 1/3: $([[ $size_ok == 1 ]] && echo met || echo MISSED)"
