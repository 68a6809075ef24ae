#!/usr/bin/env bash
# wrk comparison of the kit4j user service with no middleware (bare) against full instrumentation —
# logging to a file, Prometheus metrics (endpoint + HTTP + JVM), and OpenTelemetry tracing exported to a
# real Zipkin server — in one run: all instances up at once, wrk runs alternating between them per round.
# Prints req/s, p99 and the instance's CPU time per request (user + system of its whole process, from
# /proc, so it counts the log writer, the span exporter and the JIT compiler too) per run, the medians, and each profile's
# ratio to bare. On a shared machine the CPU time per request is the steadier figure: other processes
# take wall time from every profile, but not CPU time from this one. At the end, each instance's CPU per
# request by thread group (the request carriers, the log writer, the span exporter, GC, JIT, other), the
# steadiest figures of all: where a change to one part shows first.
#
#   kit4j-benchmarks/wrk/compare-tracing.sh
#   SAMPLE=0.01 (tracing's sample ratio for new traces; the default, a production setting)
#   ROUNDS=30 DURATION=2s WARMUP=8s SETTLE=120 CONNS=64 PATHS="/user/101"
#     (many short rounds: a drift of the shared machine cancels inside a round's paired ratio, and the
#     median of 30 is less swayed by rounds where another tenant took the CPU than that of 3 long ones)
#   JAR=/path/to/kit4j.jar (run that build of bin/kit4j instead of building this tree's; to compare builds)
#   PIN=1 (the service instances on the last CPU, wrk and Zipkin on the others, with taskset: the load
#          generator then no longer takes CPU time from, and preempts, the service it measures; each
#          instance's throughput is what one core of it serves. Default 0: everything shares every CPU)
#
# Profiles: bare (--mw bare), full (--mw full), full+tracing (--mw full --tracing zipkin=...). Not part
# of the test suite: it takes about 3 x WARMUP (+ up to 3 x SETTLE) + ROUNDS x |PATHS| x |CONNS| x 3 x DURATION plus start-up.
#
# Warm-up: each instance gets WARMUP of load, then more load in 4 s steps until its JIT compiler threads
# go quiet (under 2 % of its CPU time in a step), for at most SETTLE seconds (SETTLE=0: WARMUP only, as
# before 2026-11-22). The compiler's CPU time is part of an instance's CPU per request and is also
# printed on its own ("of which JIT compiler"): at 1 % sampling the recorded-span and export code runs on
# 1 request in 100, so it reaches the optimizing compiler ~100x later than the request path (30-60 s
# under wrk on this machine, longer when it is loaded); measured before that, the traced instance pays
# its one-time compilation in the rounds (up to tens of us per request in the first ones).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/bin/lib/env.sh"
. "$ROOT/kit4j-benchmarks/wrk/lib.sh"
kit4j_setup
SAMPLE=${SAMPLE:-0.01}
ROUNDS=${ROUNDS:-30}
DURATION=${DURATION:-2s}
WARMUP=${WARMUP:-8s}
SETTLE=${SETTLE:-120}
CONNS=${CONNS:-64}
PIN=${PIN:-0}
SVC_ON=(); LOAD_ON=()
if [ "$PIN" = 1 ]; then
  cpus=$(nproc)
  [ "$cpus" -ge 2 ] || { echo "PIN=1 needs at least 2 CPUs" >&2; exit 1; }
  SVC_ON=(taskset -c $((cpus - 1))); LOAD_ON=(taskset -c "0-$((cpus - 2))")
fi
PATHS=${PATHS:-"/user/101"}
BASEPORT=${BASEPORT:-18190}
KIT4J_JAVA_OPTS=${KIT4J_JAVA_OPTS:-"-Xms256m -Xmx256m -XX:+UseParallelGC"}
WORK=$(mktemp -d /tmp/kit4j-wrk-tracing.XXXX)
PIDS=()
declare -A PID
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >&2
fi
JAR=${JAR:-}
if [ -z "$JAR" ]; then
  (cd "$ROOT" && mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl kit4j-examples -am package) >&2
  JAR="$ROOT/kit4j-examples/target/kit4j.jar"
fi
(cd "$ROOT" && mvn -q -B -ntp -Dstyle.color=never dependency:copy -Dartifact=io.zipkin:zipkin-server:3.6.1:jar:exec \
  -DoutputDirectory="$WORK") >&2

ZPORT=$BASEPORT; BARE=$((BASEPORT+1)); FULL=$((BASEPORT+2)); TRACED=$((BASEPORT+3))
"${LOAD_ON[@]}" "$JAVA_HOME/bin/java" -Xmx512m -jar "$WORK/zipkin-server-3.6.1-exec.jar" '--armeria.ports[0].ip=127.0.0.1' \
  "--armeria.ports[0].port=$ZPORT" '--armeria.ports[0].protocols[0]=http' > "$WORK/zipkin.log" 2>&1 & PIDS+=($!)
svc() { # port log-name extra-args...
  local port=$1 name=$2; shift 2
  # shellcheck disable=SC2086
  "${SVC_ON[@]}" "$JAVA_HOME/bin/java" $KIT4J_JAVA_OPTS -jar "$JAR" usersvc -p "$port" \
    --log "$WORK/$name.log" --no-log-caller "$@" > "$WORK/$name.out" 2>&1 & PIDS+=($!)
  PID[$name]=$!
}
svc "$BARE" bare --mw bare
svc "$FULL" full --mw full
svc "$TRACED" traced --mw full --tracing "zipkin=http://127.0.0.1:$ZPORT" --tracing-sample-ratio "$SAMPLE"
waitport "$ZPORT"; waitport "$BARE"; waitport "$FULL"; waitport "$TRACED"

for port in "$BARE" "$FULL" "$TRACED"; do   # one user for /users/1
  # kit4j's writes need an admin token (POST /login); go-kit ignores the header and answers /login 404
  tok=$(curl -s -d '{"username":"admin","password":"kit4j-admin"}' "http://127.0.0.1:$port/login" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" -X POST \
    -d '{"name":"bench","email":"bench@example.com","age":1}' "http://127.0.0.1:$port/users")
  [ "$code" = 201 ] || { echo "could not create the benchmark user on port $port: HTTP $code" >&2; exit 1; }
done

TICK=$(getconf CLK_TCK)
# utime + stime of a process, read after the ")" that ends its name (a name may hold spaces, which would
# shift the fields); 0 once it has ended (pipefail)
cputicks() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $12 + $13}' || echo 0; }
threads() { # pid -> "tid group ticks" lines, sorted by tid: each thread's CPU time and what it does (one awk)
  { awk '{
      j = length($0); while (j > 0 && substr($0, j, 1) != ")") j--   # the name ends at the last ")"
      name = substr($0, index($0, "(") + 1, j - index($0, "(") - 1); split(substr($0, j + 2), f, " ")
      g = name ~ /^ForkJoinPool/ ? "requests" : \
          name ~ /^kit4j-log-write/ ? "log-writer" : \
          name ~ /^BatchSpanProces/ ? "span-exporter" : \
          name ~ /^(GC Thread|VM Thread)/ ? "gc" : \
          name ~ /^C[12] Compiler/ ? "jit" : "other"
      print $1, g, f[12] + f[13]                     # utime + stime: fields 14 and 15 of the stat line
    }' /proc/"$1"/task/*/stat 2>/dev/null || true; } | LC_ALL=C sort -k1,1   # a thread may end meanwhile
}
# The CPU time of each thread group between two `threads` snapshots, as "group ticks" lines: a thread that
# started in between counts whole; one that ended in between is missing (a short-lived thread's last ticks).
spent() { LC_ALL=C join -a2 -e0 -o 0,2.2,1.3,2.3 "$1" "$2" | awk '{s[$2] += $4 - $3} END {for (g in s) print g, s[g]}'; }
group() { awk -v g="$1" '$1 == g {t += $2} END {print t + 0}'; } # "group ticks" lines -> that group's ticks
run() { # name port path conns -> "rps p99ms cpu-us-per-request jit-us-per-request requests[ ERR:...]"
  local pid=${PID[$1]} before after j out
  threads "$pid" > "$WORK/$1.t0"; before=$(cputicks "$pid")
  out=$("${LOAD_ON[@]}" wrk -t2 -c"$4" -d"$DURATION" --latency "http://127.0.0.1:$2$3" | awk '
    /requests in/ {n=$1}
    /Requests\/sec/ {rps=$2}
    /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
    /Non-2xx|Socket errors/ {err=err" "$0}
    END {printf "%s %s %s%s\n", rps, p99, n, (err ? " ERR:" err : "")}')
  after=$(cputicks "$pid"); threads "$pid" > "$WORK/$1.t1"
  spent "$WORK/$1.t0" "$WORK/$1.t1" | tee -a "$WORK/$1.groups" > "$WORK/$1.spent"  # the groups of all rounds
  j=$(group jit < "$WORK/$1.spent")
  echo "$out" | awk -v d=$((after - before)) -v j="$j" -v hz="$TICK" '{n = $3; $3 = sprintf("%.1f", n > 0 ? d / hz * 1e6 / n : 0)
    $3 = $3 " " sprintf("%.1f", n > 0 ? j / hz * 1e6 / n : 0) " " n; print}'
}
declare -A SETTLED
for name in bare full traced; do   # the warm-up, then until the JIT compiler is quiet
  port=$BARE; [ $name = full ] && port=$FULL; [ $name = traced ] && port=$TRACED
  for path in $PATHS; do "${LOAD_ON[@]}" wrk -t2 -c64 -d"$WARMUP" "http://127.0.0.1:$port$path" >/dev/null; done
  start=$SECONDS
  while [ $((SECONDS - start)) -lt "$SETTLE" ]; do
    threads "${PID[$name]}" > "$WORK/$name.t0"; c0=$(cputicks "${PID[$name]}")
    for path in $PATHS; do "${LOAD_ON[@]}" wrk -t2 -c64 -d4s "http://127.0.0.1:$port$path" >/dev/null; done
    c1=$(cputicks "${PID[$name]}"); threads "${PID[$name]}" > "$WORK/$name.t1"
    [ $(($(spent "$WORK/$name.t0" "$WORK/$name.t1" | group jit) * 50)) -lt $((c1 - c0)) ] && break
  done
  SETTLED[$name]=$((SECONDS - start))
done

echo "jar=$JAR load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warm-up: $WARMUP each, then until the JIT compiler was quiet: bare +${SETTLED[bare]}s, full +${SETTLED[full]}s, full+trace +${SETTLED[traced]}s (SETTLE=$SETTLE)"
echo "pinned: $([ "$PIN" = 1 ] && echo "services on CPU $((cpus - 1)), wrk and Zipkin on CPUs 0-$((cpus - 2))" || echo no)"
echo "sample=$SAMPLE rounds=$ROUNDS duration=$DURATION JVM: $KIT4J_JAVA_OPTS ($("$JAVA_HOME/bin/java" -version 2>&1 | head -n1))"
printf '%-10s %-6s %-6s %12s %12s %14s   %-34s %-40s %s\n' path conns round "bare req/s" "full req/s" "full+trace req/s" \
  "p99 ms bare / full / full+trace" "CPU us/request bare / full / full+trace" "of which JIT compiler"
field() { echo "$1" | cut -d' ' -f"$2"; }
paired() { paste "$WORK/$1" "$WORK/$2" | awk '{print $1 / $2}' | median; } # median of the per-round ratios file1/file2
ZPID=${PIDS[0]}; Z0=$(cputicks "$ZPID")
declare -A REQS
for name in bare full traced; do : > "$WORK/$name.groups"; REQS[$name]=0; done
for path in $PATHS; do
  for c in $CONNS; do
    for f in b f t bp fp tp bc fc tc bj fj tj; do : > "$WORK/$f"; done
    for r in $(seq 1 "$ROUNDS"); do
      if [ $((r % 2)) -eq 1 ]; then   # alternate the order so neither end of a round is favoured
        b=$(run bare "$BARE" "$path" "$c"); f=$(run full "$FULL" "$path" "$c"); t=$(run traced "$TRACED" "$path" "$c")
      else
        t=$(run traced "$TRACED" "$path" "$c"); f=$(run full "$FULL" "$path" "$c"); b=$(run bare "$BARE" "$path" "$c")
      fi
      for x in b f t; do
        v=${!x}; field "$v" 1 >> "$WORK/$x"; field "$v" 2 >> "$WORK/${x}p"; field "$v" 3 >> "$WORK/${x}c"; field "$v" 4 >> "$WORK/${x}j"
      done
      REQS[bare]=$((REQS[bare] + $(field "$b" 5))); REQS[full]=$((REQS[full] + $(field "$f" 5)))
      REQS[traced]=$((REQS[traced] + $(field "$t" 5)))
      printf '%-10s %-6s %-6s %12s %12s %14s   %-34s %-40s %s %s\n' "$path" "$c" "$r" "$(field "$b" 1)" "$(field "$f" 1)" "$(field "$t" 1)" \
        "$(field "$b" 2) / $(field "$f" 2) / $(field "$t" 2)" "$(field "$b" 3) / $(field "$f" 3) / $(field "$t" 3)" \
        "$(field "$b" 4) / $(field "$f" 4) / $(field "$t" 4)" \
        "$(echo "$b $f $t" | grep -o 'ERR:.*' || true)"
    done
    bm=$(median < "$WORK/b"); fm=$(median < "$WORK/f"); tm=$(median < "$WORK/t")
    bc=$(median < "$WORK/bc"); fc=$(median < "$WORK/fc"); tc=$(median < "$WORK/tc")
    printf '%-10s %-6s %-6s %12s %12s %14s   %-34s %-40s %s\n' "$path" "$c" median "$bm" "$fm" "$tm" \
      "$(median < "$WORK/bp") / $(median < "$WORK/fp") / $(median < "$WORK/tp")" "$bc / $fc / $tc" \
      "$(median < "$WORK/bj") / $(median < "$WORK/fj") / $(median < "$WORK/tj")"
    printf 'req/s: full/bare %.2fx  full+trace/bare %.2fx   CPU per request: bare/full %.2fx  bare/full+trace %.2fx\n' \
      "$(awk -v a="$fm" -v b="$bm" 'BEGIN {print a / b}')" "$(awk -v a="$tm" -v b="$bm" 'BEGIN {print a / b}')" \
      "$(awk -v a="$bc" -v b="$fc" 'BEGIN {print a / b}')" "$(awk -v a="$bc" -v b="$tc" 'BEGIN {print a / b}')"
    # The same ratios taken inside each round (its runs are seconds apart) and then the median: a drift of
    # the machine's speed between rounds (steal time, neighbours) cancels out of these, not out of the above.
    printf 'paired (median of per-round ratios): req/s full/bare %.2fx  full+trace/bare %.2fx   CPU bare/full %.2fx  bare/full+trace %.2fx\n' \
      "$(paired f b)" "$(paired t b)" "$(paired bc fc)" "$(paired bc tc)"
  done
done
# Where each instance's CPU went, over all rounds: per thread group, in µs per request. Steadier than the
# totals (a thread's own CPU time is not taken by other processes), so a change to one part shows here first.
echo "CPU us/request by thread group, all rounds (each run's own, so threads that come and go between runs count):"
for name in bare full traced; do
  printf '  %-7s' "$name"
  LC_ALL=C sort -k1,1 "$WORK/$name.groups" | awk -v n="${REQS[$name]}" -v hz="$TICK" '
    $1 != g {if (g != "") printf " %s %.2f", g, (n > 0 ? t / hz * 1e6 / n : 0); g = $1; t = 0} {t += $2}
    END {if (g != "") printf " %s %.2f", g, (n > 0 ? t / hz * 1e6 / n : 0)}'
  echo
done
echo "Zipkin server's CPU time during the runs (it shares the machine; only the traced instance sends to it): $(awk -v d=$(($(cputicks "$ZPID") - Z0)) -v hz="$TICK" 'BEGIN {printf "%.1f s", d / hz}')"
spans=$(curl -s "http://127.0.0.1:$ZPORT/api/v2/services" || true)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Zipkin services seen: $spans; traced instance's log lines: $(wc -l < "$WORK/traced.log"), with trace ids: $(grep -c 'trace_id=[0-9a-f]' "$WORK/traced.log" || true)"
