#!/usr/bin/env bash
# .ci/docker-engine.sh: makes sure a Docker engine answers, for the Testcontainers contract tests.
#
#   bash .ci/docker-engine.sh     # as root; prints the export lines the caller must apply
#   . .ci/docker-engine.sh        # sourced: same, and exports them into the calling shell
#
# Idempotent: returns at once when `docker version` already answers. Otherwise installs Debian's
# docker.io (20.10) if dockerd is missing, without letting its init script start a default engine
# (that one would create the docker0 bridge), then starts dockerd the only way these machines
# allow: no bridge network, no iptables, no masquerading. Containers use host networking and
# listen on 127.0.0.1; images are built FROM scratch (no registry is reachable). Waits at most
# DOCKERD_WAIT seconds (30) for the engine to answer, else fails showing the end of its log.
# The docker CLI found first on PATH may be newer (e.g. 28.x in /usr/local/bin): it negotiates
# down to the engine's API 1.41 by itself, so no DOCKER_API_VERSION is needed.

_docker_engine_main() {
  local log="${DOCKERD_LOG:-/tmp/claudia-dockerd.log}"
  local wait_s="${DOCKERD_WAIT:-30}"
  local i

  if docker version >/dev/null 2>&1; then
    echo "docker engine: already running ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "docker engine: not running, and starting one needs root (run: sudo bash .ci/docker-engine.sh)" >&2
    return 1
  fi

  if ! command -v dockerd >/dev/null 2>&1; then
    echo "docker engine: installing docker.io from Debian (log: /tmp/claudia-docker-install.log)"
    local guard=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      # keep the package's init script from starting an engine with the default bridge network
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && guard=1
    fi
    local ok=0
    {
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io ||
        { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io; }
    } >/tmp/claudia-docker-install.log 2>&1 || ok=1
    [ -n "$guard" ] && rm -f /usr/sbin/policy-rc.d
    if [ "$ok" != 0 ] || ! command -v dockerd >/dev/null 2>&1; then
      echo "docker engine: apt-get install docker.io failed; last lines of /tmp/claudia-docker-install.log:" >&2
      tail -n 20 /tmp/claudia-docker-install.log >&2
      return 1
    fi
  fi
  if ! command -v docker >/dev/null 2>&1; then
    echo "docker engine: no docker CLI on PATH (docker.io ships /usr/bin/docker)" >&2
    return 1
  fi

  if pgrep -x dockerd >/dev/null 2>&1; then
    echo "docker engine: a dockerd is already starting (pid $(pgrep -x dockerd | head -1)); waiting for it"
  else
    echo "docker engine: starting dockerd --bridge=none --iptables=false --ip-masq=false (log: $log)"
    # setsid: its own session, so it outlives this script and the CI step that ran it
    setsid nohup dockerd --bridge=none --iptables=false --ip-masq=false >"$log" 2>&1 </dev/null &
  fi
  for ((i = 0; i < wait_s * 2; i++)); do
    if docker version >/dev/null 2>&1; then
      echo "docker engine: up after ~$((i / 2)) s ($(docker version --format 'client {{.Client.Version}}, engine {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null))"
      return 0
    fi
    sleep 0.5
  done
  echo "docker engine: dockerd did not answer within ${wait_s} s; last lines of $log:" >&2
  tail -n 20 "$log" >&2
  return 1
}

# What Testcontainers needs with this engine: no Ryuk (its image cannot be pulled) and the
# host name of the (host-networked) containers. DOCKER_HOST stays unset: the default socket
# /var/run/docker.sock is used by both the CLI and Testcontainers.
_docker_engine_env='export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost'

if (return 0 2>/dev/null); then
  # sourced: do not exit the caller's shell, do not change its options
  if _docker_engine_main "$@"; then
    eval "$_docker_engine_env"
    echo "docker engine: exported TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost"
    unset -f _docker_engine_main; unset _docker_engine_env
    return 0
  else
    unset -f _docker_engine_main; unset _docker_engine_env
    return 1
  fi
else
  set -uo pipefail
  _docker_engine_main "$@" || exit 1
  echo "docker engine: the caller must export:"
  echo "$_docker_engine_env"
  exit 0
fi
