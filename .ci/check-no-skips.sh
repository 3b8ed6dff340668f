#!/usr/bin/env bash
# .ci/check-no-skips.sh: fails when a test was skipped or did not run at all. A contract test that
# skips (no Docker, a misconfigured Testcontainers, an assumption) proves nothing, so it must fail
# the build. Run it after `./mvnw verify` (it reads */target/surefire-reports/TEST-*.xml):
#   - exit 1, listing them, if any test of any module was skipped (or a report ran no tests);
#   - exit 1 if system-tests has no report at all (a module skipped as a whole, e.g. -DskipTests);
#   - exit 1 if one of the required classes below did not run;
#   - exit 1 if the secret scan finds the planted key, or too little recorded to search.
set -uo pipefail
cd "$(dirname "$0")/.."

# Test classes that must have run (their reports must exist): the container contract tests (the
# bad-input, bad-upstream, stuck-reader, shutdown, reload, departure and security suites and claudia
# check among them) and the end-to-end tests (real clients, the packaged router, a team's adapter
# installed in it).
required=(
  dev.claudia.router.systemtests.fake.FakeOpenAiContainerTest
  dev.claudia.router.systemtests.contract.RequestTranslationContractTest
  dev.claudia.router.systemtests.contract.ResponseTranslationContractTest
  dev.claudia.router.systemtests.contract.ErrorContractTest
  dev.claudia.router.systemtests.contract.StreamingContractTest
  dev.claudia.router.systemtests.contract.CountTokensAndModelsContractTest
  dev.claudia.router.systemtests.contract.BadInputContractTest
  dev.claudia.router.systemtests.contract.SlowClientFaultTest
  dev.claudia.router.systemtests.contract.SecurityContractTest
  dev.claudia.router.systemtests.contract.AnthropicAdapterContractTest
  dev.claudia.router.systemtests.contract.ClaudiaCheckContractTest
  dev.claudia.router.systemtests.contract.BadUpstreamContractTest
  dev.claudia.router.systemtests.contract.ShutdownFaultTest
  dev.claudia.router.systemtests.contract.ReloadFaultTest
  dev.claudia.router.systemtests.contract.ClientDepartureFaultTest
  dev.claudia.router.systemtests.dialects.DialectContractTest
  dev.claudia.router.systemtests.dialects.DialectSwitchContractTest
  dev.claudia.router.systemtests.dialects.TextFormsContractTest
  dev.claudia.router.systemtests.contract.ResponsesAdapterContractTest
  dev.claudia.router.systemtests.e2e.ClaudeCodeEndToEndTest
  dev.claudia.router.systemtests.e2e.ClaudeCodeResponsesEndToEndTest
  dev.claudia.router.systemtests.e2e.ClaudeCodeLongSessionTest
  dev.claudia.router.systemtests.e2e.ClaudeCodeModelSwitchTest
  dev.claudia.router.systemtests.e2e.ClaudeAgentSdkEndToEndTest
  dev.claudia.router.systemtests.e2e.VercelAiSdkEndToEndTest
  dev.claudia.router.systemtests.e2e.AnthropicSdkEndToEndTest
  dev.claudia.router.systemtests.e2e.ModulePathLaunchTest
  dev.claudia.router.systemtests.e2e.TeamAdapterEndToEndTest
  dev.claudia.router.systemtests.e2e.LauncherTest
  dev.claudia.router.systemtests.architecture.LayerRulesTest
  dev.claudia.router.systemtests.secrets.SecretScannerTest
)

status=0
shopt -s nullglob
system_reports=(system-tests/target/surefire-reports/TEST-*.xml)
if [ ${#system_reports[@]} -eq 0 ]; then
  echo "check-no-skips: system-tests has no test reports (system-tests/target/surefire-reports/TEST-*.xml): its tests did not run" >&2
  status=1
fi
for class in "${required[@]}"; do
  report="system-tests/target/surefire-reports/TEST-$class.xml"
  if [ ! -f "$report" ]; then
    echo "check-no-skips: $class did not run (no $report)" >&2
    status=1
  fi
done

# Modules one level down too (adapters-provider/spi, /support, /openai, ...).
reports=(*/target/surefire-reports/TEST-*.xml */*/target/surefire-reports/TEST-*.xml)
if [ ${#reports[@]} -eq 0 ]; then
  echo "check-no-skips: no test reports at all" >&2
  exit 1
fi
total=0
for report in "${reports[@]}"; do
  header=$(grep -m1 -o '<testsuite [^>]*>' "$report" || true)
  if [ -z "$header" ]; then
    echo "check-no-skips: $report is not a surefire report" >&2
    status=1
    continue
  fi
  tests=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$header")
  skipped=$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$header")
  # Count <skipped> elements too: they are the truth if a header was written before a late skip.
  elements=$(grep -c '<skipped' "$report" || true)
  total=$((total + ${tests:-0}))
  if [ "${skipped:-0}" != 0 ] || [ "${elements:-0}" != 0 ]; then
    echo "check-no-skips: $report has skipped test(s):" >&2
    awk 'match($0, /<testcase name="[^"]*"/) { name = substr($0, RSTART + 16, RLENGTH - 17) }
         /<skipped/ { print "  skipped: " name }' "$report" >&2
    status=1
  fi
  if [ "${tests:-0}" = 0 ]; then
    echo "check-no-skips: $report ran no tests" >&2
    status=1
  fi
done
# The suite-wide secret scan (docs/security.md): the one planted key every router of the system tests
# held must appear in none of the answers and log lines they recorded under system-tests/target/secret-scan,
# nor in the test JVM's own output; and there must be plenty recorded (a broken recorder fails here too).
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ ! -d system-tests/target/test-classes ] || ! "$java" -cp system-tests/target/test-classes \
    dev.claudia.router.systemtests.secrets.SecretScanner system-tests/target/secret-scan \
    system-tests/target/surefire-reports/*-output.txt; then
  echo "check-no-skips: the secret scan failed (above)" >&2
  status=1
fi
if [ $status = 0 ]; then
  echo "check-no-skips: $total tests in ${#reports[@]} classes ran (${#system_reports[@]} in system-tests), none skipped; all ${#required[@]} required classes ran"
fi
exit $status
