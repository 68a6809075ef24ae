#!/usr/bin/env bash
# Builds and runs the JMH benchmarks: kit4j-benchmarks/jmh.sh [JMH args], e.g. `jmh.sh MiddlewareChain -prof gc`.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/lib/env.sh"
kit4j_setup
(cd "$ROOT" && mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl kit4j-benchmarks -am package) >&2
exec "$JAVA_HOME/bin/java" -jar "$ROOT/kit4j-benchmarks/target/benchmarks.jar" "$@"
