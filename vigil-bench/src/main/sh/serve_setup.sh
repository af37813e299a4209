# Sourced by serve_wrk.sh and serve_ab.sh (needs $root and $work): checks for wrk, makes the working
# folder, registers the demo model there once (`vigil demo`), writes wrk's request (post.lua, one demo
# record) and defines cpu_ticks PID (the CPU time, user + system in clock ticks, a process has used).
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
cpu_ticks() { cut -d')' -f2 "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
