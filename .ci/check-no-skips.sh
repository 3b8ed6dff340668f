#!/usr/bin/env bash
# .ci/check-no-skips.sh: fails when a test was skipped or did not run at all. A contract test that
# skips (no Docker, a misconfigured Testcontainers) proves nothing, so it must fail the build.
set -euo pipefail
cd "$(dirname "$0")/.."

# Test classes that must have run (their reports must exist): the container contract tests and the
# real-client end-to-end tests.
required=(
  dev.claudia.router.systemtests.fake.FakeOpenAiContainerTest
  dev.claudia.router.systemtests.contract.RequestTranslationContractTest
  dev.claudia.router.systemtests.contract.ResponseTranslationContractTest
  dev.claudia.router.systemtests.contract.ErrorContractTest
  dev.claudia.router.systemtests.contract.StreamingContractTest
  dev.claudia.router.systemtests.contract.CountTokensAndModelsContractTest
  dev.claudia.router.systemtests.e2e.ClaudeCodeEndToEndTest
  dev.claudia.router.systemtests.e2e.AnthropicSdkEndToEndTest
  dev.claudia.router.systemtests.e2e.ModulePathLaunchTest
  dev.claudia.router.systemtests.architecture.LayerRulesTest
)

status=0
for class in "${required[@]}"; do
  report="system-tests/target/surefire-reports/TEST-$class.xml"
  if [ ! -f "$report" ]; then
    echo "check-no-skips: $class did not run (no $report)" >&2
    status=1
  fi
done

shopt -s nullglob
reports=(*/target/surefire-reports/TEST-*.xml)
if [ ${#reports[@]} -eq 0 ]; then
  echo "check-no-skips: no test reports at all" >&2
  exit 1
fi
total=0
for report in "${reports[@]}"; do
  header=$(grep -m1 -o '<testsuite [^>]*>' "$report")
  tests=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$header")
  skipped=$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$header")
  total=$((total + ${tests:-0}))
  if [ "${skipped:-0}" != 0 ]; then
    echo "check-no-skips: $report has $skipped skipped test(s):" >&2
    grep -B1 '<skipped' "$report" | grep -o 'testcase name="[^"]*"' >&2 || true
    status=1
  fi
  if [ "${tests:-0}" = 0 ]; then
    echo "check-no-skips: $report ran no tests" >&2
    status=1
  fi
done
if [ $status = 0 ]; then
  echo "check-no-skips: $total tests in ${#reports[@]} classes ran, none skipped; all ${#required[@]} required classes ran"
fi
exit $status
