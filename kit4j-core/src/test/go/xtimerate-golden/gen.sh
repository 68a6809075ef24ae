#!/usr/bin/env bash
# Regenerates the golden table of golang.org/x/time/rate results from the x/time sources installed by
# Debian's golang-golang-x-time-dev (GOPATH mode; no network needed).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT="$HERE/../../resources/io/kit4j/ratelimit/xtime-rate-golden.tsv"
XTIME="v$(dpkg-query -W -f='${Version}' golang-golang-x-time-dev | sed 's/-[^-]*$//')"
mkdir -p "$(dirname "$OUT")"
(cd "$HERE" && GO111MODULE=off GOPATH=/usr/share/gocode go run main.go -xtime "$XTIME" "$@") > "$OUT"
echo "wrote $OUT ($(wc -l < "$OUT") lines, x/time $XTIME)"
