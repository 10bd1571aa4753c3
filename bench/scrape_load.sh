#!/usr/bin/env bash
# Drives wrk against the exporter's /metrics for registries of 1,000 and 10,000 series, in
# text and gzip, and prints scrapes/s, p50/p99 latency and bytes per scrape.
# Usage: bench/scrape_load.sh [BUILD_DIR] [SECONDS]   (BUILD_DIR of the `bench` preset)
set -euo pipefail
build=${1:-build/bench}
seconds=${2:-10}
server="$build/bench/schemetric_load_server"
[ -x "$server" ] || { echo "build it first: cmake --preset bench && cmake --build --preset bench" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf '| series | encoding | scrapes/s | p50 | p99 | bytes/scrape |\n|---|---|---|---|---|---|\n'
for series in 1000 10000; do
  coproc SERVER { "$server" "$series" "$port"; }
  pid=$SERVER_PID
  trap 'kill "$pid" 2>/dev/null || true' EXIT
  read -r _ <&"${SERVER[0]}"  # "serving ..."
  url="http://127.0.0.1:$port/metrics"
  for encoding in identity gzip; do
    bytes=$(curl -s -H "Accept-Encoding: $encoding" "$url" | wc -c)
    out=$(wrk -t2 -c4 -d"${seconds}s" --latency -H "Accept-Encoding: $encoding" "$url")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    printf '| %s | %s | %s | %s | %s | %s |\n' "$series" "$encoding" "$rps" "$p50" "$p99" "$bytes"
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
