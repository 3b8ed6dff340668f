#!/usr/bin/env bash
# scripts/bench.sh HARNESS_DIR [label]: runs the Claudia Router load harness (a separate checkout; its
# directory holds run.sh, start-backend.sh, coldstart.js and lib/summarize.js) against the packaged
# router and against the floor proxy (bench/floor/proxy-floor.js), in one session, so their ratios
# to the backend reached directly can be compared side by side. The harness is not part of this
# repository: pass where it is.
#
#   scripts/bench.sh ~/claudia-bench                 all scenarios, router then floor (~12 min)
#   SCENARIOS="a_tput b_tput" RUNS=1 scripts/bench.sh ~/claudia-bench quick
#
# The router runs as the README runs it (./claudia start, with bootstrap/jvm.options and the AOT
# cache), on :8082 with bench/config.json (every model name goes to the harness's fake backend on
# :19001). Environment: everything run.sh reads (RUNS, DURATION, SCENARIOS, NO_DIRECT...), OUT
# (results directory, default /tmp/claudia-bench/<label>-<time>), FLOOR=0 to skip the floor proxy,
# COLD_RUNS (default 3; 0 skips the cold starts, which need port 8082 free).
set -euo pipefail
[ $# -ge 1 ] && [ -x "$1/run.sh" ] || {
  echo "usage: scripts/bench.sh HARNESS_DIR [label]   (HARNESS_DIR: the load harness checkout, with run.sh)" >&2
  exit 2
}
HARNESS="$(cd "$1" && pwd)"
LABEL="${2:-claudia}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUTDIR="${OUT:-/tmp/claudia-bench/$LABEL-$(date +%Y%m%d-%H%M)}"
mkdir -p "$OUTDIR"
. "$ROOT/scripts/jdk.sh"
"$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" -pl bootstrap -am package -DskipTests
touch "$ROOT/bootstrap/target/.claudia-built"
"$HARNESS/start-backend.sh"

ROUTER_CMD="$ROOT/claudia start --config $ROOT/bench/config.json --port 8082"
run_proxy() { # label url scenarios command...
  local label=$1 url=$2 scen=$3; shift 3
  LOG_LEVEL=warn setsid "$@" >"$OUTDIR/$label.log" 2>&1 </dev/null & local pid=$!
  for _ in $(seq 1 300); do curl -s -o /dev/null "$url/" && break; sleep 0.1; done
  sleep 2
  SCENARIOS="${SCENARIOS:-$scen}" PROXY_PID=$pid OUT="$OUTDIR/$label" "$HARNESS/run.sh" "$url" "$label" \
    | tee "$OUTDIR/$label.out" || true
  kill -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  sleep 2
}
# shellcheck disable=SC2086
run_proxy "$LABEL" http://127.0.0.1:8082 "a_lat a_tput b_lat b_tput c_ttfb d_lat d_tput" $ROUTER_CMD
if [ "${FLOOR:-1}" != 0 ]; then
  run_proxy floor http://127.0.0.1:8091 "b_lat b_tput c_ttfb" node "$ROOT/bench/floor/proxy-floor.js" 8091
fi
if [ "${COLD_RUNS:-3}" != 0 ]; then
  node "$HARNESS/coldstart.js" --cmd "$ROUTER_CMD" --url http://127.0.0.1:8082 --label "$LABEL" \
    --runs "${COLD_RUNS:-3}" --out "$OUTDIR/$LABEL/cold.jsonl"
fi
node "$HARNESS/lib/summarize.js" "$OUTDIR"/*/raw.jsonl "$OUTDIR"/*/cold.jsonl 2>/dev/null | tee "$OUTDIR/table.md"
echo "results: $OUTDIR"
