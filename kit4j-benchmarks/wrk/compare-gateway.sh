#!/usr/bin/env bash
# wrk comparison of one route through kit4j's API gateway against calling the service directly and
# against Spring Cloud Gateway routing to the same service, in one run: all three paths up at once, wrk
# runs alternating between them per round (the order reversed every other round). Prints req/s, p50 and
# p99 per run, the medians, the ratios kit4j/direct and kit4j/SCG, and the CPU time each JVM spent per
# request (from /proc, so what the gateway hop costs next to the service itself is visible).
#
#   kit4j-benchmarks/wrk/compare-gateway.sh
#   ROUNDS=3 DURATION=10s WARMUP=60s CONNS=64 (the defaults; CONNS="64 256" adds c256)
#   GW_JFR=/tmp/gw.jfr   records a JFR profile (settings=profile) of the kit4j gateway's JVM for the run
#   GW_JAR=/tmp/old.jar  runs the gateway from that launcher jar instead of bin/kit4j (to compare builds)
#   SKIP_SCG=1           leaves Spring Cloud Gateway out (not built, not started; its columns are placeholders)
#
# Paths: GET /user/101 on a bare usersvc (no middleware); GET /api/user/101 through `bin/kit4j gateway`
# with a routes file holding one route (/api/user/** -> that usersvc as a fixed instance, stripPrefix 1,
# no limit, no JWT); GET /api/user/101 through Spring Cloud Gateway (kit4j-benchmarks/scg, its own Maven
# project, built here; same route and filter). Every JVM gets the same flags (KIT4J_JAVA_OPTS). Loopback
# only; everything started is stopped on exit. Not part of the test suite: it takes about
# ROUNDS x |CONNS| x 3 x DURATION plus builds, start-up and warm-up (3 x WARMUP: Spring Cloud Gateway's JIT
# needs about a minute of load here before its rate settles; kit4j's gateway half of that).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/bin/lib/env.sh"
. "$ROOT/kit4j-benchmarks/wrk/lib.sh"
kit4j_setup
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-60s}
CONNS=${CONNS:-64}
BASEPORT=${BASEPORT:-18280}
KIT4J_JAVA_OPTS=${KIT4J_JAVA_OPTS:-"-Xms256m -Xmx256m -XX:+UseParallelGC"}
WORK=$(mktemp -d /tmp/kit4j-wrk-gateway.XXXX)
PIDS=()
stop() { # TERM everything started, wait up to 15 s each (JFR writes its file on exit), then KILL
  local p i
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for i in $(seq 1 75); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap stop EXIT

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >&2
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
(cd "$ROOT" && mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl kit4j-examples -am package) >&2
[ -n "${SKIP_SCG:-}" ] || mvn -q -B -ntp -Dstyle.color=never -f "$ROOT/kit4j-benchmarks/scg/pom.xml" package >&2
SCG_JAR="$ROOT/kit4j-benchmarks/scg/target/scg-bench.jar"

SVC=$((BASEPORT+1)); KGW=$((BASEPORT+2)); SCG=$((BASEPORT+3))
cat > "$WORK/routes.yaml" <<EOF
routes:
  - id: user
    path: /api/user/**
    instances: ["127.0.0.1:$SVC"]
    stripPrefix: 1
EOF
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" $KIT4J_JAVA_OPTS -jar "$ROOT/kit4j-examples/target/kit4j.jar" usersvc -p "$SVC" --mw bare \
  --log "$WORK/usersvc.log" --no-log-caller > "$WORK/usersvc.out" 2>&1 & PIDS+=($!)
SVC_PID=$!
GW_OPTS="$KIT4J_JAVA_OPTS${GW_JFR:+ -XX:StartFlightRecording=filename=$GW_JFR,settings=profile}"
if [ -n "${GW_JAR:-}" ]; then
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" $GW_OPTS -jar "$GW_JAR" gateway --routes "$WORK/routes.yaml" -p "$KGW" \
    --log "$WORK/gateway.log" --no-log-caller > "$WORK/gateway.out" 2>&1 & PIDS+=($!)
else
  KIT4J_JAVA_OPTS="$GW_OPTS" "$ROOT/bin/kit4j" gateway --routes "$WORK/routes.yaml" -p "$KGW" \
    --log "$WORK/gateway.log" --no-log-caller > "$WORK/gateway.out" 2>&1 & PIDS+=($!)
fi
KGW_PID=$!
SCG_PID=""
if [ -z "${SKIP_SCG:-}" ]; then
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" $KIT4J_JAVA_OPTS -jar "$SCG_JAR" --server.port="$SCG" --usersvc.port="$SVC" \
    > "$WORK/scg.out" 2>&1 & PIDS+=($!)
  SCG_PID=$!
  waitport "$SCG"
fi
waitport "$SVC"; waitport "$KGW"

URL_D="http://127.0.0.1:$SVC/user/101"; URL_K="http://127.0.0.1:$KGW/api/user/101"; URL_S="http://127.0.0.1:$SCG/api/user/101"
want=$(curl -s "$URL_D")
for u in "$URL_D" "$URL_K" ${SCG_PID:+"$URL_S"}; do   # each answers 200 with the service's body, then a warm-up
  code=$(curl -s -o "$WORK/body" -w '%{http_code}' "$u")
  [ "$code" = 200 ] && [ "$(cat "$WORK/body")" = "$want" ] \
    || { echo "$u answered HTTP $code: $(head -c 300 "$WORK/body") (want 200: $want)" >&2; exit 1; }
  wrk -t2 -c64 -d"$WARMUP" "$u" >/dev/null
done

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system clock ticks of a process
TICK=$(getconf CLK_TCK)
run() { # url conns -> "rps p50ms p99ms requests wrkcpu-seconds [ERR: ...]"
  local t
  t=$( { TIMEFORMAT='%U %S'; time wrk -t2 -c"$2" -d"$DURATION" --latency "$1" > "$WORK/wrk.out"; } 2>&1 )
  awk -v t="$t" '
    function ms(v) { if (v ~ /us$/) {sub(/us/,"",v); return v/1000} if (v ~ /ms$/) {sub(/ms/,"",v); return v}
                     if (v ~ /s$/) {sub(/s/,"",v); return v*1000} return v }
    /Requests\/sec/ {rps=$2}
    / requests in / {n=$1}
    /^ +50%/ {p50=ms($2)}
    /^ +99%/ {p99=ms($2)}
    /Non-2xx|Socket errors/ {err=err" "$0}
    END {split(t, c, " "); printf "%s %s %s %s %s%s\n", rps, p50, p99, n, c[1] + c[2], (err ? " ERR:" err : "")}' "$WORK/wrk.out"
}
# one wrk run on $2 (name d|k|s) with the CPU per request of the service and of the gateway in front
measure() { # name url conns
  local s0 g0 r s1 g1 n gpid
  if [ "$1" = s ] && [ -z "$SCG_PID" ]; then # left out: zeros (one request, so the ratios stay defined)
    for m in rps p50 p99 svccpu gwcpu wrkcpu; do echo 1 >> "$WORK/s.$m"; done
    echo "1 0 0 1 0"; return
  fi
  case $1 in k) gpid=$KGW_PID ;; s) gpid=$SCG_PID ;; *) gpid="" ;; esac
  s0=$(cpu "$SVC_PID"); g0=${gpid:+$(cpu "$gpid")}
  r=$(run "$2" "$3")
  s1=$(cpu "$SVC_PID"); g1=${gpid:+$(cpu "$gpid")}
  n=$(echo "$r" | cut -d' ' -f4)
  awk -v w="$(echo "$r" | cut -d' ' -f5)" -v n="$n" 'BEGIN {printf "%.1f\n", w / n * 1e6}' >> "$WORK/$1.wrkcpu"
  echo "$r" | cut -d' ' -f1 >> "$WORK/$1.rps"; echo "$r" | cut -d' ' -f2 >> "$WORK/$1.p50"
  echo "$r" | cut -d' ' -f3 >> "$WORK/$1.p99"
  awk -v a="$s0" -v b="$s1" -v n="$n" -v t="$TICK" 'BEGIN {printf "%.1f\n", (b - a) / t / n * 1e6}' >> "$WORK/$1.svccpu"
  if [ -n "$gpid" ]; then
    awk -v a="$g0" -v b="$g1" -v n="$n" -v t="$TICK" 'BEGIN {printf "%.1f\n", (b - a) / t / n * 1e6}' >> "$WORK/$1.gwcpu"
  fi
  echo "$r" | grep -o 'ERR:.*' >> "$WORK/errors" || true
  echo "$r"
}
f() { echo "$1" | cut -d' ' -f"$2"; }

echo "rounds=$ROUNDS duration=$DURATION JVMs: $KIT4J_JAVA_OPTS ($("$JAVA_HOME/bin/java" -version 2>&1 | head -n1))"
echo "direct: $URL_D   kit4j: $URL_K   SCG: $URL_S"
printf '%-6s %-6s %10s %10s %10s   %-26s  %s\n' conns round "direct r/s" "kit4j r/s" "SCG r/s" \
  "p50/p99 ms direct|kit4j|SCG" "CPU us/req: wrk+svc (direct) | wrk+gw+svc (kit4j) | wrk+gw+svc (SCG)"
: > "$WORK/errors"
for c in $CONNS; do
  for x in d k s; do for m in rps p50 p99 svccpu gwcpu wrkcpu; do : > "$WORK/$x.$m"; done; done
  for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) -eq 1 ]; then
      d=$(measure d "$URL_D" "$c"); k=$(measure k "$URL_K" "$c"); s=$(measure s "$URL_S" "$c")
    else
      s=$(measure s "$URL_S" "$c"); k=$(measure k "$URL_K" "$c"); d=$(measure d "$URL_D" "$c")
    fi
    printf '%-6s %-6s %10s %10s %10s   %-26s  %s+%s | %s+%s+%s | %s+%s+%s %s\n' "$c" "$r" "$(f "$d" 1)" "$(f "$k" 1)" "$(f "$s" 1)" \
      "$(f "$d" 2)/$(f "$d" 3)|$(f "$k" 2)/$(f "$k" 3)|$(f "$s" 2)/$(f "$s" 3)" \
      "$(tail -n1 "$WORK/d.wrkcpu")" "$(tail -n1 "$WORK/d.svccpu")" \
      "$(tail -n1 "$WORK/k.wrkcpu")" "$(tail -n1 "$WORK/k.gwcpu")" "$(tail -n1 "$WORK/k.svccpu")" \
      "$(tail -n1 "$WORK/s.wrkcpu")" "$(tail -n1 "$WORK/s.gwcpu")" "$(tail -n1 "$WORK/s.svccpu")" \
      "$(echo "$d $k $s" | grep -o 'ERR:.*' || true)"
  done
  dm=$(median < "$WORK/d.rps"); km=$(median < "$WORK/k.rps"); sm=$(median < "$WORK/s.rps")
  printf '%-6s %-6s %10s %10s %10s   %-26s  %s+%s | %s+%s+%s | %s+%s+%s\n' "$c" median "$dm" "$km" "$sm" \
    "$(median < "$WORK/d.p50")/$(median < "$WORK/d.p99")|$(median < "$WORK/k.p50")/$(median < "$WORK/k.p99")|$(median < "$WORK/s.p50")/$(median < "$WORK/s.p99")" \
    "$(median < "$WORK/d.wrkcpu")" "$(median < "$WORK/d.svccpu")" \
    "$(median < "$WORK/k.wrkcpu")" "$(median < "$WORK/k.gwcpu")" "$(median < "$WORK/k.svccpu")" \
    "$(median < "$WORK/s.wrkcpu")" "$(median < "$WORK/s.gwcpu")" "$(median < "$WORK/s.svccpu")"
  printf 'c%s ratios of the medians: kit4j/direct %.2fx   kit4j/SCG %.2fx   (SCG/direct %.2fx)\n' "$c" \
    "$(awk -v a="$km" -v b="$dm" 'BEGIN {print a / b}')" "$(awk -v a="$km" -v b="$sm" 'BEGIN {print a / b}')" \
    "$(awk -v a="$sm" -v b="$dm" 'BEGIN {print a / b}')"
done
if [ -s "$WORK/errors" ]; then echo "WARNING: some runs had non-2xx answers or socket errors (see ERR above)"; fi
echo "RSS after load: usersvc $(ps -o rss= -p "$SVC_PID" | awk '{printf "%.0f MB", $1/1024}'), kit4j gateway $(ps -o rss= -p "$KGW_PID" | awk '{printf "%.0f MB", $1/1024}'), SCG ${SCG_PID:+$(ps -o rss= -p "$SCG_PID" | awk '{printf "%.0f MB", $1/1024}')}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
