#!/usr/bin/env bash
# Reproducible HTTP benchmark of `vigil serve` under wrk (results go to docs/benchmarks.md).
#
#   vigil-bench/src/main/sh/serve_wrk.sh [WORKDIR]      # default WORKDIR: /tmp/vigil-serve-wrk
#
# Builds the fat jar if needed, runs `vigil demo` once (it registers demo-nodules with a champion and
# a backup), then for the prediction log on and off starts `vigil serve`, warms up for 10 s and runs
# wrk at 10 and at 1,000 connections, printing wrk's latency distribution, the status counts, the
# server's own latency percentiles and the load average before each run. Environment knobs:
# DURATION (default 20s), CLIENTS (default "10 1000"), SERVE_ARGS (extra `vigil serve` flags),
# VIGIL_JAVA_OPTS (JVM flags of the server), PORT (default 18081).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
work="${1:-/tmp/vigil-serve-wrk}"
port="${PORT:-18081}"
duration="${DURATION:-20s}"
clients="${CLIENTS:-10 1000}"
command -v wrk >/dev/null || { echo "wrk is required (Debian: apt-get install wrk)" >&2; exit 2; }
mkdir -p "$work"
cd "$work"
if [ ! -d vigil-demo-output/.vigil ]; then
  "$root/vigil" demo > demo.out
fi
cat > post.lua <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"records":[{"site":"riverside","scanner":"ge-revolution","sex":"F","age":71,"slice_thickness_mm":2.5,"nodule_diameter_mm":14.2,"mean_hu":-330,"texture_entropy":4.9,"pack_years":30,"contrast":false,"smoker":true,"prior_scans":1}]}'
LUA
url="http://127.0.0.1:$port/api/v1/models/demo-nodules/predict"
for logging in on off; do
  extra=()
  [ "$logging" = off ] && extra+=(--no-log)
  rm -rf "predictions-$logging" ready
  "$root/vigil" serve --model demo-nodules --home vigil-demo-output/.vigil --port "$port" \
      --log "predictions-$logging" --ready-file ready ${SERVE_ARGS:-} "${extra[@]}" > "serve-$logging.out" 2>&1 &
  server=$!
  for _ in $(seq 600); do [ -f ready ] && break; sleep 0.1; done
  [ -f ready ] || { echo "server did not start; see $work/serve-$logging.out" >&2; kill "$server"; exit 1; }
  wrk -t2 -c10 -d10s -s post.lua "$url" > /dev/null   # warm-up (JIT)
  for c in $clients; do
    echo "=== prediction log $logging, $c connections, $(date -u '+%Y-%m-%d %H:%M UTC'), load:$(uptime | sed 's/.*load average://')"
    wrk -t2 -c"$c" -d"$duration" -s post.lua --latency --timeout 5s "$url"
    curl -s "http://127.0.0.1:$port/metrics" | grep -E '^vigil_(http_rejected|prediction_log_dropped|queue_wait)' || true
  done
  kill -TERM "$server"
  wait "$server" || true
done
