#!/usr/bin/env bash
# gRPC unary calls/s: kit4j's transport against plain grpc-java, same handler, same run.
# kit4j-benchmarks/grpc-compare.sh [both|server|e2e] [in-flight=64] [seconds per round=2] [rounds=2]
# Two warm-up rounds per side, then ABBA-ordered rounds; server and load generator share this machine.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/lib/env.sh"
kit4j_setup
(cd "$ROOT" && mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl kit4j-benchmarks -am package) >&2
exec "$JAVA_HOME/bin/java" -Xms256m -Xmx256m --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$ROOT/kit4j-benchmarks/target/benchmarks.jar" io.kit4j.benchmarks.grpc.GrpcUnaryLoad "$@"
