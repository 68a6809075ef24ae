#!/usr/bin/env bash
# Side-by-side wrk comparison of kit4j's usersvc against the go-kit reference service (../shared/anchors).
# Builds both, starts both on loopback, then alternates wrk runs on each path and connection count for
# ROUNDS rounds and prints req/s, p99 and the kit4j/go-kit ratio of the medians.
#
#   kit4j-benchmarks/wrk/compare-gokit.sh            # profile bare (no middleware on either side)
#   PROFILE=full kit4j-benchmarks/wrk/compare-gokit.sh   # logging to a file + limiter (+ metrics once they exist)
#     (kit4j logs ts without caller there, like the go-kit reference's full profile)
#   ROUNDS=3 DURATION=10s CONNS="64 1000" PATHS="/user/101 /users/1" (the defaults)
#
# Not part of the test suite: it takes about ROUNDS x |PATHS| x |CONNS| x 2 x DURATION.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/bin/lib/env.sh"
. "$ROOT/kit4j-benchmarks/wrk/lib.sh"
kit4j_setup
PROFILE=${PROFILE:-bare}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-"64 1000"}
PATHS=${PATHS:-"/user/101 /users/1"}
KPORT=${KPORT:-18181}
GPORT=${GPORT:-18180}
KIT4J_JAVA_OPTS=${KIT4J_JAVA_OPTS:-"-Xms256m -Xmx256m -XX:+UseParallelGC"}
ANCHOR="$ROOT/../shared/anchors/gokit-usersvc"
WORK=$(mktemp -d /tmp/kit4j-wrk.XXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need go || [ ! -d /usr/share/gocode/src/github.com/go-kit/kit ]; then
  echo "installing wrk and the go-kit reference's Go packages (apt-get)..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk golang-go \
    golang-github-go-kit-kit-dev golang-golang-x-time-dev golang-github-gorilla-mux-dev \
    golang-github-prometheus-client-golang-dev >&2
fi
"$ANCHOR/build.sh" "$WORK/gokit-usersvc"
(cd "$ROOT" && mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl kit4j-examples -am package) >&2

"$WORK/gokit-usersvc" -p "$GPORT" -mw "$PROFILE" -log "$WORK/gokit.log" 2>"$WORK/gokit.err" & PIDS+=($!)
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" $KIT4J_JAVA_OPTS -jar "$ROOT/kit4j-examples/target/kit4j.jar" usersvc -p "$KPORT" \
  --mw "$PROFILE" --log "$WORK/kit4j.log" --no-log-caller > "$WORK/kit4j.out" 2>&1 & PIDS+=($!)
waitport "$GPORT" 60; waitport "$KPORT" 60

for port in "$GPORT" "$KPORT"; do   # one user for /users/1, then a warm-up
  # kit4j's writes need an admin token (POST /login); go-kit ignores the header and answers /login 404
  tok=$(curl -s -d '{"username":"admin","password":"kit4j-admin"}' "http://127.0.0.1:$port/login" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" -X POST \
    -d '{"name":"bench","email":"bench@example.com","age":1}' "http://127.0.0.1:$port/users")
  [ "$code" = 201 ] || { echo "could not create the benchmark user on port $port: HTTP $code" >&2; exit 1; }
  wrk -t2 -c64 -d5s "http://127.0.0.1:$port/user/101" >/dev/null
  wrk -t2 -c64 -d3s "http://127.0.0.1:$port/users/1" >/dev/null
done

run() { # port path conns -> "rps p99ms"
  wrk -t2 -c"$3" -d"$DURATION" --latency "http://127.0.0.1:$1$2" | awk '
    /Requests\/sec/ {rps=$2}
    /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
    /Non-2xx|Socket errors/ {err=err" "$0}
    END {printf "%s %s%s\n", rps, p99, (err ? " ERR:" err : "")}'
}

echo "profile=$PROFILE rounds=$ROUNDS duration=$DURATION kit4j JVM: $KIT4J_JAVA_OPTS ($("$JAVA_HOME/bin/java" -version 2>&1 | head -n1))"
printf '%-10s %-6s %-6s %12s %10s   %s\n' path conns round "kit4j req/s" "go req/s" "p99 kit4j / go (ms)"
for path in $PATHS; do
  for c in $CONNS; do
    : > "$WORK/k"; : > "$WORK/g"; : > "$WORK/kp"; : > "$WORK/gp"
    for r in $(seq 1 "$ROUNDS"); do
      g=$(run "$GPORT" "$path" "$c"); k=$(run "$KPORT" "$path" "$c")
      echo "${k%% *}" >> "$WORK/k"; echo "${g%% *}" >> "$WORK/g"
      kp=$(echo "$k" | cut -d' ' -f2); gp=$(echo "$g" | cut -d' ' -f2)
      echo "$kp" >> "$WORK/kp"; echo "$gp" >> "$WORK/gp"
      printf '%-10s %-6s %-6s %12s %10s   %s / %s %s\n' "$path" "$c" "$r" "${k%% *}" "${g%% *}" "$kp" "$gp" \
        "$(echo "$k $g" | grep -o 'ERR:.*' || true)"
    done
    km=$(median < "$WORK/k"); gm=$(median < "$WORK/g"); kpm=$(median < "$WORK/kp"); gpm=$(median < "$WORK/gp")
    printf '%-10s %-6s %-6s %12s %10s   %s / %s   ratio %.2fx\n' "$path" "$c" median "$km" "$gm" "$kpm" "$gpm" \
      "$(awk -v a="$km" -v b="$gm" 'BEGIN {print a / b}')"
  done
done
echo "kit4j RSS after load: $(ps -o rss= -p "${PIDS[1]}" | awk '{printf "%.0f MB", $1/1024}'), go-kit: $(ps -o rss= -p "${PIDS[0]}" | awk '{printf "%.0f MB", $1/1024}')"
