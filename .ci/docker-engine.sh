#!/usr/bin/env bash
# .ci/docker-engine.sh: makes sure a Docker engine answers, for the Testcontainers contract tests.
# Idempotent: returns at once when `docker version` already works. Otherwise (as root) installs
# Debian's docker.io if dockerd is missing and starts it the only way these machines allow: no
# bridge network, no iptables (containers use host networking and listen on 127.0.0.1), and no
# image pulls (the tests build their images FROM scratch). See docs/testing.md.
set -euo pipefail

LOG="${DOCKERD_LOG:-/tmp/claudia-dockerd.log}"

answers() { docker version >/dev/null 2>&1; }

if answers; then
  echo "docker engine: already running ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "docker engine: not running, and starting one needs root (run: sudo bash $0)" >&2
  exit 1
fi
if ! command -v dockerd >/dev/null 2>&1; then
  echo "docker engine: installing docker.io from Debian..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q docker.io >/tmp/claudia-docker-install.log 2>&1 \
    || { apt-get update -q >>/tmp/claudia-docker-install.log 2>&1 && apt-get install -y -q docker.io >>/tmp/claudia-docker-install.log 2>&1; } \
    || { echo "docker engine: apt-get install docker.io failed; see /tmp/claudia-docker-install.log" >&2; exit 1; }
fi
echo "docker engine: starting dockerd (log: $LOG)"
nohup dockerd --bridge=none --iptables=false --ip-masq=false >"$LOG" 2>&1 &
for _ in $(seq 1 60); do
  if answers; then
    echo "docker engine: up ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    exit 0
  fi
  sleep 0.5
done
echo "docker engine: dockerd did not answer within 30 s; last lines of $LOG:" >&2
tail -n 20 "$LOG" >&2
exit 1
