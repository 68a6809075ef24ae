#!/usr/bin/env bash
# gRPC unary calls/s straight to a grpc-java server against the same calls through kit4j-gateway (h2c).
# kit4j-benchmarks/grpc-gateway.sh [in-flight=64] [seconds per round=2] [rounds=2] [warm-up seconds=60]
# Warm-up (3 s per side, alternating, for the given time: the gateway path's JIT needs about a minute),
# then ABBA-ordered rounds; servers and load generator share this machine (one JVM).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/lib/env.sh"
kit4j_setup
(cd "$ROOT" && mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl kit4j-benchmarks -am package) >&2
exec "$JAVA_HOME/bin/java" -Xms256m -Xmx256m --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$ROOT/kit4j-benchmarks/target/benchmarks.jar" io.kit4j.benchmarks.grpc.GrpcGatewayLoad "$@"
