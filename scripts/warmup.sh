#!/usr/bin/env bash
# scripts/warmup.sh HARNESS_DIR [label]: how long a freshly started router takes to reach its steady
# throughput. A user's Claude Code session starts cold, so the first minute is what they feel.
#
# Starts the packaged router as the README does (./claudia start, bench/config.json, port 8082),
# waits for its first good answer, then runs the load harness's verifying wrk script back to back
# in WINDOW-second windows (default 2 s, WINDOWS=30 of them) at c=32, on small JSON (SCENARIO=small)
# or 100-delta streams (SCENARIO=stream). Prints ok req/s per window, the steady rate (median of
# the last five windows) and the first window from which every later one reaches 90 % of it.
# Needs the harness's fake backend (HARNESS_DIR/start-backend.sh, started here when not running).
#
#   scripts/warmup.sh ~/claudia-bench                        small JSON, with the AOT cache
#   CLAUDIA_NO_AOT=1 scripts/warmup.sh ~/claudia-bench nocache   the same without it
set -euo pipefail
[ $# -ge 1 ] && [ -f "$1/lib/post.lua" ] || {
  echo "usage: scripts/warmup.sh HARNESS_DIR [label]   (HARNESS_DIR: the load harness checkout)" >&2
  exit 2
}
HARNESS="$(cd "$1" && pwd)"
LABEL="${2:-claudia}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WINDOW="${WINDOW:-2}"
WINDOWS="${WINDOWS:-30}"
SCENARIO="${SCENARIO:-small}"
case $SCENARIO in
  small) kind=anthropic-json-text ;;
  stream) kind=anthropic-sse-text ;;
  *) echo "SCENARIO must be small or stream" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { echo "wrk not found (apt-get install -y wrk)" >&2; exit 1; }
PAY="$(mktemp -d)"
trap 'rm -rf "$PAY"' EXIT
node "$HARNESS/lib/payloads.js" "$PAY" >/dev/null
"$HARNESS/start-backend.sh" >/dev/null
url=http://127.0.0.1:8082

LOG_LEVEL=warn setsid "$ROOT/claudia" start --config "$ROOT/bench/config.json" --port 8082 \
  >"/tmp/claudia-warmup-$LABEL.log" 2>&1 </dev/null &
pid=$!
trap 'kill -- -"$pid" 2>/dev/null || true; rm -rf "$PAY"' EXIT
for _ in $(seq 1 600); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/v1/messages" -H 'content-type: application/json' \
    -H 'x-api-key: bench-key' -H 'anthropic-version: 2023-06-01' --data-binary "@$PAY/small.anthropic.json" || true)
  [ "$code" = 200 ] && break
  sleep 0.05
done
[ "$code" = 200 ] || { echo "router did not answer; log: /tmp/claudia-warmup-$LABEL.log" >&2; exit 1; }

rates=()
for w in $(seq 1 "$WINDOWS"); do
  j=$(BENCH_BODY="$PAY/$SCENARIO.anthropic.json" BENCH_EXPECT="$kind" wrk -t1 -c32 -d"${WINDOW}s" --timeout 30s \
        -s "$HARNESS/lib/post.lua" "$url/v1/messages" 2>&1 | sed -n 's/^WRKJSON //p')
  rps=$(node -e 'const j=JSON.parse(process.argv[1]||"{}");process.stdout.write(String(Math.round(j.ok_rps||0)))' "$j")
  bad=$(node -e 'const j=JSON.parse(process.argv[1]||"{}");process.stdout.write(String(j.bad||0))' "$j")
  rates+=("$rps")
  printf '%s window %2d (%3d-%3d s): %6s ok/s, %s bad\n' "$LABEL" "$w" $(((w - 1) * WINDOW)) $((w * WINDOW)) "$rps" "$bad"
done
node -e '
  const r = process.argv.slice(2).map(Number), w = Number(process.env.WINDOW || 2);
  const tail = r.slice(-5).sort((a, b) => a - b), steady = tail[2];
  let from = r.length;
  for (let i = r.length - 1; i >= 0 && r[i] >= 0.9 * steady; i--) from = i;
  const first10 = r.slice(0, Math.max(1, Math.round(10 / w)));
  const avg10 = first10.reduce((a, b) => a + b, 0) / first10.length;
  console.log(`steady ${steady} ok/s (median of the last 5 windows); 90% of it from ${from * w} s on; ` +
              `first 10 s averaged ${Math.round(avg10)} ok/s (${(avg10 / steady).toFixed(2)} of steady)`);
' "${rates[@]}"
