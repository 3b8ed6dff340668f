# Sourced by ./claudia and .ci/run: finds a JDK 21 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME, the java on PATH, then the usual install folders (newest first).
# Stops with a clear message when there is none.

claudia_release_version() { # java home -> CLAUDIA_RELEASE_VERSION: its release file's JAVA_VERSION ("25.0.3"), or empty
  # Read with bash itself and handed back in a variable, not printed: on a busy machine each fork
  # (a sed, a head, a command substitution) costs tens of milliseconds.
  CLAUDIA_RELEASE_VERSION=""
  local line
  [ -f "$1/release" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in JAVA_VERSION=*) line=${line#JAVA_VERSION=}; CLAUDIA_RELEASE_VERSION=${line//\"/}; return 0 ;; esac
  done < "$1/release"
}

claudia_java_major() { # java home -> major version (17, 21, 25...), empty if not a JDK
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  # Every JDK since 9 says its version in the release file: reading it costs nothing, while
  # starting a JVM to ask costs 0.1-0.2 s per candidate (most of the script's own start-up time).
  claudia_release_version "$1"
  local v=${CLAUDIA_RELEASE_VERSION%%[!0-9.]*}
  [ -n "$v" ] || v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2; exit}')
  v=${v#1.}
  echo "${v%%.*}"
}

claudia_pick_jdk() {
  local candidates=() c major best="" best_major=0
  # The user's own choice wins when it is new enough (checked first: the search below forks).
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(claudia_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then return 0; fi
    candidates+=("$JAVA_HOME")
  fi
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    major=$(claudia_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$c"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "claudia: no JDK 21 or newer found (looked at \$JAVA_HOME, the java on PATH and /usr/lib/jvm)." >&2
    echo "claudia: install one (for example: apt-get install openjdk-21-jdk) or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

claudia_pick_jdk || exit 1
