#!/usr/bin/env bash
# scripts/test.sh (run as ./claudia test): builds everything and runs every test, the container
# contract tests and the real-client end-to-end tests included, then fails if any system test was
# skipped. Needs a Docker engine; on a machine without one, run .ci/run instead (it installs and
# starts one), or start it yourself with .ci/docker-engine.sh.
set -euo pipefail
CLAUDIA_HOME="${CLAUDIA_HOME:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$CLAUDIA_HOME"
# shellcheck source=jdk.sh
. "$CLAUDIA_HOME/scripts/jdk.sh"

if ! docker version >/dev/null 2>&1; then
  echo "claudia test: no Docker engine answers; the contract tests need one." >&2
  echo "claudia test: start one as root with: bash .ci/docker-engine.sh   (or run the whole CI: bash .ci/run)" >&2
  exit 1
fi
# The Docker engine on these machines runs without a bridge network and Ryuk cannot be pulled:
# see docs/testing.md.
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-localhost}"

echo "claudia test: JDK $JAVA_HOME" >&2
# The secret scan searches what this run records, not what an earlier run left.
rm -rf "$CLAUDIA_HOME/system-tests/target/secret-scan"
"$CLAUDIA_HOME/mvnw" -B -ntp verify "$@"
bash "$CLAUDIA_HOME/.ci/check-no-skips.sh"
