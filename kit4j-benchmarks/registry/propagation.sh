#!/usr/bin/env bash
# Registry propagation benchmark: starts Debian's ZooKeeper and etcd on free loopback ports with temp data
# dirs, runs io.kit4j.benchmarks.sd.RegistryPropagation against each (N changes each way, default 100),
# and stops them. Usage: kit4j-benchmarks/registry/propagation.sh [N]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/bin/lib/env.sh"
kit4j_setup
kit4j_apt_install "/usr/share/java/zookeeper.jar:zookeeperd" "etcd:etcd-server"
N=${1:-100}
(cd "$ROOT" && mvn -q -B -ntp -Dstyle.color=never -DskipTests -pl kit4j-benchmarks -am package) >&2
JAR="$ROOT/kit4j-benchmarks/target/benchmarks.jar"
RT=$(mktemp -d /tmp/kit4j-propagation.XXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$RT"' EXIT
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
waitfor() { local end=$((SECONDS+60)); until eval "$1" >/dev/null 2>&1; do
  [ $SECONDS -ge $end ] && { echo "timeout: $1" >&2; return 1; }; sleep 0.1; done; }

ZK=$(freeport); mkdir -p "$RT/zk/data"
printf 'tickTime=2000\ndataDir=%s/zk/data\nclientPort=%s\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n4lw.commands.whitelist=srvr\n' "$RT" "$ZK" > "$RT/zk/zoo.cfg"
"$JAVA_HOME/bin/java" -Xmx256m -cp /etc/zookeeper/conf:/usr/share/java/zookeeper.jar \
  org.apache.zookeeper.server.ZooKeeperServerMain "$RT/zk/zoo.cfg" > "$RT/zk.log" 2>&1 & PIDS+=($!)
waitfor "( exec 3<>/dev/tcp/127.0.0.1/$ZK && printf srvr >&3 && grep -q Mode <&3 )"

EC=$(freeport); EP=$(freeport)
etcd --name bench --data-dir "$RT/etcd" --logger=zap --listen-client-urls "http://127.0.0.1:$EC" \
  --advertise-client-urls "http://127.0.0.1:$EC" --listen-peer-urls "http://127.0.0.1:$EP" \
  --initial-advertise-peer-urls "http://127.0.0.1:$EP" --initial-cluster "bench=http://127.0.0.1:$EP" \
  > "$RT/etcd.log" 2>&1 & PIDS+=($!)
waitfor "curl -sf http://127.0.0.1:$EC/health"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -cp "$JAR" io.kit4j.benchmarks.sd.RegistryPropagation "zk://127.0.0.1:$ZK" "$N" 2>/dev/null
"$JAVA_HOME/bin/java" -cp "$JAR" io.kit4j.benchmarks.sd.RegistryPropagation "etcd://127.0.0.1:$EC" "$N" 2>/dev/null
