# Shared set-up for kit4j's scripts: finds a JDK >= 21 and Maven. Source it; it exports JAVA_HOME.

kit4j_java_version() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

kit4j_find_jdk() {
  local best="" best_v=0 cand v
  for cand in "${JAVA_HOME:-}" /usr/lib/jvm/* ; do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    v=$(kit4j_java_version "$cand/bin/java")
    [ -n "$v" ] || continue
    if [ "$cand" = "${JAVA_HOME:-}" ] && [ "$v" -ge 21 ]; then best=$cand; best_v=$v; break; fi
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$cand; best_v=$v; fi
  done
  if [ -z "$best" ]; then
    echo "kit4j: no JDK 21 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*)." >&2
    echo "kit4j: install one (for example: apt-get install openjdk-21-jdk) or point JAVA_HOME at it." >&2
    return 1
  fi
  echo "$best"
}

kit4j_setup() {
  JAVA_HOME=$(kit4j_find_jdk) || exit 1
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
  if ! command -v mvn >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "kit4j: Maven not found; installing it with apt-get" >&2
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends maven >&2
    else
      echo "kit4j: Maven (mvn) is needed; install it (apt-get install maven)." >&2
      exit 1
    fi
  fi
  # Maven's own libraries touch sun.misc.Unsafe; keep newer JDKs quiet about it.
  if [ "$(kit4j_java_version "$JAVA_HOME/bin/java")" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

# kit4j_apt_install "command:package" ...: installs, in one apt-get run, the packages whose command is
# missing. Instead of a command, an entry may name an absolute path the package installs
# ("/usr/share/java/zookeeper.jar:zookeeperd"). Without root or apt-get it says what to install and goes
# on (the tests needing it will fail).
kit4j_apt_install() {
  local missing=() entry what
  for entry in "$@"; do
    what=${entry%%:*}
    if [ "${what#/}" != "$what" ]; then
      [ -e "$what" ] || missing+=("${entry#*:}")
    else
      command -v "$what" >/dev/null 2>&1 || missing+=("${entry#*:}")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "kit4j: installing the servers the tests run: ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "kit4j: missing ${missing[*]} and cannot install (needs root and apt-get); tests using them will fail." >&2
    echo "kit4j: install: apt-get install --no-install-recommends ${missing[*]}" >&2
  fi
}
