#!/usr/bin/env bash
# Reproducible HTTP benchmark of `vigil serve` under wrk (results go to docs/benchmarks.md).
#
#   vigil-bench/src/main/sh/serve_wrk.sh [WORKDIR]      # default WORKDIR: /tmp/vigil-serve-wrk
#
# Builds the fat jar if needed, runs `vigil demo` once (it registers demo-nodules with a champion and
# a backup), then for the prediction log on and off starts `vigil serve`, warms up for 10 s and runs
# wrk at 10 and at 1,000 connections, printing wrk's latency distribution, the status counts, the
# load average before each run, and the server's own latency (p50/p99 of accepted requests and of
# 503s, from /metrics scraped before and after each run: the time from the server first seeing a
# request to its answer written, which excludes the time a request waits unread in the socket).
# It also prints the server's CPU time per answered request (from /proc), the figure least moved by
# other load on a shared machine. LOGGING (default "on off") picks the prediction log settings. Environment knobs:
# DURATION (default 20s), CLIENTS (default "10 1000"), SERVE_ARGS (extra `vigil serve` flags),
# VIGIL_JAVA_OPTS (JVM flags of the server), PORT (default 18081).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
work="${1:-/tmp/vigil-serve-wrk}"
port="${PORT:-18081}"
duration="${DURATION:-20s}"
clients="${CLIENTS:-10 1000}"
. "$root/vigil-bench/src/main/sh/serve_setup.sh"
url="http://127.0.0.1:$port/api/v1/models/demo-nodules/predict"
# CPU per answered request (cpu_ticks, from serve_setup.sh) is a figure that contention on a shared
# machine barely moves, unlike requests/s and latency.
# Server-side percentiles of one outcome between two /metrics scrapes: the difference of the cumulative
# buckets of vigil_http_request_duration_seconds, interpolated linearly inside the bucket (as
# Prometheus' histogram_quantile does).
server_side() {  # before-file after-file outcome
  awk -v outcome="$3" '
    function le_of(line) { sub(/.*le="/, "", line); sub(/".*/, "", line); return line }
    FNR == 1 { file++ }
    $0 ~ "^vigil_http_request_duration_seconds_bucket\\{outcome=\"" outcome "\"" {
      le = le_of($0); if (file == 1) { before[le] = $2 } else { after[le] = $2; order[++n] = le }
    }
    END {
      total = after["+Inf"] - before["+Inf"]
      if (total <= 0) { printf "%s: 0 requests\n", outcome; exit }
      split("0.5 0.99", qs, " "); out = ""
      for (k = 1; k <= 2; k++) {
        target = qs[k] * total; prev = 0; lo = 0
        for (i = 1; i <= n; i++) {
          c = after[order[i]] - before[order[i]]
          if (c >= target) {
            if (order[i] == "+Inf") { v = lo } else { hi = order[i] + 0; v = lo + (hi - lo) * (target - prev) / (c - prev) }
            break
          }
          prev = c; if (order[i] != "+Inf") lo = order[i] + 0
        }
        out = out sprintf(" p%s %.2f ms", qs[k] * 100, v * 1000)
      }
      printf "server side, %s: %d requests,%s\n", outcome, total, out
    }' "$1" "$2"
}
for logging in ${LOGGING:-on off}; do
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
    curl -s "http://127.0.0.1:$port/metrics" > metrics-before
    cpu0=$(cpu_ticks "$server")
    wrk -t2 -c"$c" -d"$duration" -s post.lua --latency --timeout 5s "$url"
    cpu1=$(cpu_ticks "$server")
    curl -s "http://127.0.0.1:$port/metrics" > metrics-after
    answered=$(awk '/^vigil_http_request_duration_seconds_count/ { if (FNR == NR) b += $2; else a += $2 } END { print a - b }' \
        metrics-before metrics-after)
    awk -v t=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" -v n="$answered" 'BEGIN {
      if (n > 0) printf "server CPU: %.1f us per answered request (%d requests, %.1f CPU s)\n", 1e6 * t / hz / n, n, t / hz }' 
    grep -E '^vigil_(http_rejected|prediction_log_dropped)' metrics-after || true
    server_side metrics-before metrics-after accepted
    server_side metrics-before metrics-after rejected
  done
  kill -TERM "$server"
  wait "$server" || true
done
