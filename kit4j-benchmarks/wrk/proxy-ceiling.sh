#!/usr/bin/env bash
# What one proxy hop can keep of direct throughput on THIS machine: GET /user/101 on a bare usersvc,
# straight and through nginx (C, epoll, keep-alive upstream pool; Debian's nginx-light, installed if
# missing) and through kit4j's gateway, alternating per round, in one run. Prints req/s, the ratios to
# direct and the CPU time per request of each proxy (from /proc). It calibrates compare-gateway.sh's
# "x direct" figure: where everything shares 2 cores, a hop costs throughput in proportion to the CPU
# it spends per request next to the load generator's and the service's.
#
#   kit4j-benchmarks/wrk/proxy-ceiling.sh
#   ROUNDS=3 DURATION=8s WARMUP=30s CONNS=64 NGINX_WORKERS=1 (the defaults)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/bin/lib/env.sh"
. "$ROOT/kit4j-benchmarks/wrk/lib.sh"
kit4j_setup
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-8s}; WARMUP=${WARMUP:-30s}; CONNS=${CONNS:-64}
NGINX_WORKERS=${NGINX_WORKERS:-1}; BASEPORT=${BASEPORT:-18380}
KIT4J_JAVA_OPTS=${KIT4J_JAVA_OPTS:-"-Xms256m -Xmx256m -XX:+UseParallelGC"}
WORK=$(mktemp -d /tmp/kit4j-proxy-ceiling.XXXX)
PIDS=()
stop() {
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 1; for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap stop EXIT
for pkg in wrk:wrk nginx:nginx-light; do
  command -v "${pkg%%:*}" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin command -v "${pkg%%:*}" >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkg#*:}" >&2; }
done
NGINX=$(PATH=$PATH:/usr/sbin command -v nginx)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
(cd "$ROOT" && mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl kit4j-examples -am package) >&2

SVC=$((BASEPORT+1)); NGX=$((BASEPORT+2)); KGW=$((BASEPORT+3))
cat > "$WORK/nginx.conf" <<EOF
worker_processes $NGINX_WORKERS;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream svc { server 127.0.0.1:$SVC; keepalive 256; }
  server {
    listen 127.0.0.1:$NGX;
    location /api/ { proxy_pass http://svc/; proxy_http_version 1.1; proxy_set_header Connection "";
                     proxy_set_header X-Forwarded-For \$remote_addr; }
  }
}
EOF
cat > "$WORK/routes.yaml" <<EOF
routes:
  - id: user
    path: /api/user/**
    instances: ["127.0.0.1:$SVC"]
    stripPrefix: 1
EOF
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" $KIT4J_JAVA_OPTS -jar "$ROOT/kit4j-examples/target/kit4j.jar" usersvc -p "$SVC" --mw bare \
  --log "$WORK/usersvc.log" > "$WORK/usersvc.out" 2>&1 & PIDS+=($!)
SVC_PID=$!
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" $KIT4J_JAVA_OPTS -jar "$ROOT/kit4j-examples/target/kit4j.jar" gateway --routes "$WORK/routes.yaml" \
  -p "$KGW" --log "$WORK/gateway.log" > "$WORK/gateway.out" 2>&1 & PIDS+=($!)
KGW_PID=$!
"$NGINX" -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log"
waitport "$SVC"; waitport "$NGX"; waitport "$KGW"

URL_D="http://127.0.0.1:$SVC/user/101"; URL_N="http://127.0.0.1:$NGX/api/user/101"; URL_K="http://127.0.0.1:$KGW/api/user/101"
want=$(curl -s "$URL_D")
for u in "$URL_D" "$URL_N" "$URL_K"; do
  [ "$(curl -s "$u")" = "$want" ] || { echo "$u does not answer like $URL_D" >&2; exit 1; }
  wrk -t2 -c"$CONNS" -d"$WARMUP" "$u" >/dev/null
done
# CPU ticks of the processes in $@ (nginx: its master and workers)
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
NGX_PIDS=$(pgrep -f "nginx: (master|worker)" -d' ' | tr -s ' ')
TICK=$(getconf CLK_TCK)
measure() { # url pids... -> "rps cpu-us-per-request"
  local url=$1; shift
  local a b
  a=$(ticks "$@"); wrk -t2 -c"$CONNS" -d"$DURATION" "$url" > "$WORK/wrk.out"; b=$(ticks "$@")
  awk -v a="$a" -v b="$b" -v t="$TICK" '/Requests\/sec/ {rps=$2} / requests in / {n=$1}
    /Non-2xx|Socket errors/ {err=" ERR"} END {printf "%s %.1f%s\n", rps, (b - a) / t / n * 1e6, err}' "$WORK/wrk.out"
}
echo "c$CONNS, $ROUNDS rounds of $DURATION, nginx $("$NGINX" -v 2>&1 | cut -d/ -f2) with $NGINX_WORKERS worker(s)"
printf '%-6s %10s %10s %10s   %s\n' round "direct" "nginx" "kit4j gw" "CPU us/req: usersvc (direct) | nginx | kit4j gateway"
: > "$WORK/d"; : > "$WORK/n"; : > "$WORK/k"
for r in $(seq 1 "$ROUNDS"); do
  d=$(measure "$URL_D" "$SVC_PID"); n=$(measure "$URL_N" $NGX_PIDS); k=$(measure "$URL_K" "$KGW_PID")
  echo "$d" >> "$WORK/d"; echo "$n" >> "$WORK/n"; echo "$k" >> "$WORK/k"
  printf '%-6s %10s %10s %10s   %s | %s | %s\n' "$r" "${d%% *}" "${n%% *}" "${k%% *}" "${d#* }" "${n#* }" "${k#* }"
done
dm=$(cut -d' ' -f1 "$WORK/d" | median); nm=$(cut -d' ' -f1 "$WORK/n" | median); km=$(cut -d' ' -f1 "$WORK/k" | median)
printf '%-6s %10s %10s %10s   %s | %s | %s\n' median "$dm" "$nm" "$km" "$(cut -d' ' -f2 "$WORK/d" | median)" \
  "$(cut -d' ' -f2 "$WORK/n" | median)" "$(cut -d' ' -f2 "$WORK/k" | median)"
printf 'ratios of the medians: nginx/direct %.2fx   kit4j/direct %.2fx   kit4j/nginx %.2fx\n' \
  "$(awk -v a="$nm" -v b="$dm" 'BEGIN {print a / b}')" "$(awk -v a="$km" -v b="$dm" 'BEGIN {print a / b}')" \
  "$(awk -v a="$km" -v b="$nm" 'BEGIN {print a / b}')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
