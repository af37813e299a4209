#!/usr/bin/env bash
# Prediction log on versus off, measured side by side (results go to docs/benchmarks.md).
#
#   vigil-bench/src/main/sh/serve_ab.sh [WORKDIR]      # default WORKDIR: /tmp/vigil-serve-wrk
#
# On a shared 2-core VM, requests/s of one `vigil serve` run moves by +-25 % from one run to the next,
# more than the 10 % the goal allows, so two runs made minutes apart cannot show it. This script starts
# both servers at once (the log on at PORT, off at PORT+1; an idle server costs nothing), warms both up,
# then alternates wrk runs between them for ROUNDS rounds, so that each pair of runs sees the same
# machine, and prints every run, the median of each side and the median of the per-round ratios.
# Environment: ROUNDS (default 5), DURATION (default 15s), CLIENTS (default 10), SERVE_ARGS (extra
# `vigil serve` flags for both), VIGIL_JAVA_OPTS, PORT (default 18091).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
work="${1:-/tmp/vigil-serve-wrk}"
port="${PORT:-18091}"
rounds="${ROUNDS:-5}"
duration="${DURATION:-15s}"
clients="${CLIENTS:-10}"
. "$root/vigil-bench/src/main/sh/serve_setup.sh"
"$root/vigil" --version > /dev/null   # builds the jar once, before two servers would race to build it
rm -rf predictions-ab ready-on ready-off
"$root/vigil" serve --model demo-nodules --home vigil-demo-output/.vigil --port "$port" --log predictions-ab \
    --ready-file ready-on ${SERVE_ARGS:-} > serve-ab-on.out 2>&1 &
on=$!
"$root/vigil" serve --model demo-nodules --home vigil-demo-output/.vigil --port "$((port + 1))" --no-log \
    --ready-file ready-off ${SERVE_ARGS:-} > serve-ab-off.out 2>&1 &
off=$!
trap 'kill -TERM $on $off 2>/dev/null || true; wait $on $off 2>/dev/null || true' EXIT
for _ in $(seq 600); do [ -f ready-on ] && [ -f ready-off ] && break; sleep 0.1; done
[ -f ready-on ] && [ -f ready-off ] || { echo "servers did not start; see $work/serve-ab-*.out" >&2; exit 1; }
url() { echo "http://127.0.0.1:$1/api/v1/models/demo-nodules/predict"; }
for p in "$port" "$((port + 1))"; do wrk -t2 -c10 -d10s -s post.lua "$(url "$p")" > /dev/null; done   # JIT warm-up
echo "=== prediction log on (port $port) vs off (port $((port + 1))), $clients connections, $rounds rounds of $duration," \
    "$(date -u '+%Y-%m-%d %H:%M UTC'), load:$(uptime | sed 's/.*load average://')"
results="$work/ab-results.txt"
: > "$results"
for r in $(seq "$rounds"); do
  for side in on off; do
    if [ "$side" = on ]; then p=$port; pid=$on; else p=$((port + 1)); pid=$off; fi
    c0=$(cpu_ticks "$pid")
    out=$(wrk -t2 -c"$clients" -d"$duration" -s post.lua --latency --timeout 5s "$(url "$p")")
    c1=$(cpu_ticks "$pid")
    n=$(echo "$out" | awk '/requests in/ { print $1 }')
    line=$(echo "$out" | awk -v side="$side" -v r="$r" -v t=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v n="$n" '
      /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 } /Non-2xx/ { bad = $5 }
      END { printf "round %d log %-3s req/s %9.0f  p50 %8s  p99 %8s  server CPU %6.1f us/request  non-2xx %d\n",
            r, side, rps, p50, p99, 1e6 * t / hz / n, bad }')
    echo "$line" | tee -a "$results"
  done
done
awk '
  $4 == "on" { on[++a] = $6 } $4 == "off" { off[++b] = $6 }
  function median(x, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
    return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
  }
  END {
    for (i = 1; i <= a; i++) { ratio[i] = on[i] / off[i]; list = list sprintf("%s%.3f", (i > 1 ? " " : ""), ratio[i]) }
    mo = median(on, a); mf = median(off, b); mr = median(ratio, a)
    printf "median req/s: log on %.0f, log off %.0f; median per-round ratio on/off %.3f (%s)\n", mo, mf, mr, list
  }' "$results"
