#!/usr/bin/env bash
# bench/run-shared-bench.sh [label]: runs the shared load harness (../shared/bench, see its README)
# against this router: starts the harness's instant fake backend on :19001, starts the packaged
# router on :8082 with bench/config.json (every model name goes to that backend), runs all
# scenarios interleaved with the direct baseline, and prints the summary table.
# Environment: BENCH_DIR (default ../shared/bench), RUNS, DURATION, SCENARIOS... (see the harness).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-$ROOT/../shared/bench}"
LABEL="${1:-claudia}"
. "$ROOT/scripts/jdk.sh"
"$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" -pl bootstrap -am package -DskipTests
"$BENCH_DIR/start-backend.sh"
LOG_LEVEL=${LOG_LEVEL:-info} "$JAVA_HOME/bin/java" ${CLAUDIA_JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx512m} \
  --module-path "$ROOT/bootstrap/target/claudia-bootstrap.jar:$ROOT/bootstrap/target/lib" \
  -m dev.claudia.router.bootstrap/dev.claudia.router.bootstrap.Main start --config "$HERE/config.json" --port 8082 \
  >/tmp/claudia-bench-router.log 2>&1 &
ROUTER=$!
trap 'kill $ROUTER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fsS http://127.0.0.1:8082/health >/dev/null 2>&1 && break; sleep 0.1; done
PROXY_PID=$ROUTER "$BENCH_DIR/run.sh" http://127.0.0.1:8082 "$LABEL"
