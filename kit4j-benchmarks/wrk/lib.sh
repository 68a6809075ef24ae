# Helpers the wrk comparison scripts share. Source it after bin/lib/env.sh.

# waitport PORT [SECONDS=120]: waits until 127.0.0.1:PORT accepts a connection; exits the script if not in time.
waitport() { local end=$((SECONDS+${2:-120})); until (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null; do
  [ $SECONDS -ge $end ] && { echo "port $1 did not open" >&2; exit 1; }; sleep 0.2; done; }

# median: the median of the numbers on standard input, one per line.
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
