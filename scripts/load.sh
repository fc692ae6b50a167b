#!/bin/bash
# `make load`: a bounded mixed read/write load on loopback against a fresh
# demo database, with wrk and tests/load/mixed.lua, then checks.
#
#   scripts/load.sh BIN [SECONDS]     (SECONDS: LOAD_SECONDS, default 60)
#
# 64 keep-alive connections (LOAD_CONNECTIONS), 2 wrk threads, one signed-in
# session; 8 reads for 2 writes (see mixed.lua). Fails (exit 1) unless:
#   - no answer is 5xx (nor 4xx: every request of the mix is valid), and wrk
#     saw no socket error;
#   - every write answered 2xx is read back through the API afterwards,
#     with its own note (tests/load/loadctl.js check);
#   - the server's memory is stable: VmRSS, sampled every 0.5 s from
#     /proc/PID/status, peaks in the second half of the run no more than
#     RSS_SLACK_PCT (10) % and RSS_SLACK_MIB (8) MiB, whichever is larger,
#     above its peak in the first half (warm-up is in the first half; a leak
#     grows with the request count, so it shows between the halves).
# Prints the requests, rate, latency percentiles and a summary.
set -u
bin=${1:?usage: load.sh BIN [SECONDS]}
secs=${2:-${LOAD_SECONDS:-60}}
conns=${LOAD_CONNECTIONS:-64}
threads=2
slack_pct=${RSS_SLACK_PCT:-10}
slack_mib=${RSS_SLACK_MIB:-8}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

command -v wrk >/dev/null || { echo "load: wrk is missing (make deps-test installs it)"; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/tg-load.XXXXXX")
pid=
sampler=
cleanup() {
	[ -n "$sampler" ] && kill "$sampler" 2>/dev/null
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$bin" demo --db "$dir/tuyengiao.db" >/dev/null || { echo "load: demo failed"; exit 2; }
"$bin" serve --db "$dir/tuyengiao.db" --listen "127.0.0.1:$port" \
	--web-root "$root/web" --files-dir "$dir/files" >"$dir/server.log" 2>&1 &
pid=$!
for _ in $(seq 200); do
	curl -sf "$base/api/v1/health" >/dev/null && break
	kill -0 "$pid" 2>/dev/null || { echo "load: server exited"; cat "$dir/server.log"; exit 2; }
	sleep 0.05
done

run=$(printf '%x%x' "$$" "$(date +%s)")
setup=$(node "$root/tests/load/loadctl.js" setup "$base" "$run") || exit 2
while IFS= read -r line; do export "${line?}"; done <<<"$setup"
export LOAD_RUN=$run LOAD_IDS="$dir/acked.txt" LOAD_THREADS=$threads

# RSS sampler: "seconds kB" every 0.5 s while the server lives.
(
	t0=$(date +%s%N)
	while [ -r "/proc/$pid/status" ]; do
		kb=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status")
		ms=$((($(date +%s%N) - t0) / 1000000))
		[ -n "$kb" ] && printf '%d.%03d %s\n' $((ms / 1000)) $((ms % 1000)) "$kb"
		sleep 0.5
	done
) >"$dir/rss.txt" 2>/dev/null &
sampler=$!

echo "== load: ${secs} s, $conns connections, $threads wrk threads on $base (server pid $pid)"
wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s --latency \
	-s "$root/tests/load/mixed.lua" "$base" >"$dir/wrk.txt" 2>"$dir/wrk.err"
wrc=$?
kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null; sampler=
cat "$dir/wrk.txt"
[ -s "$dir/wrk.err" ] && { echo "-- wrk stderr:"; head -20 "$dir/wrk.err"; }
[ $wrc -eq 0 ] || { echo "load: wrk exited with $wrc"; exit 1; }

val() { sed -n "s/^LOAD.* $1=\([0-9.]*\).*/\1/p" "$dir/wrk.txt" | head -1; }
fail=0
s5=$(val 5xx); s4=$(val 4xx); s3=$(val 3xx)
errs=$(( $(val connect) + $(val read) + $(val write) + $(val timeout) ))
sent=$(( $(val sent_activity) + $(val sent_indicator_value) ))
acked=$(( $(val acked_activity) + $(val acked_indicator_value) ))
reqs=$(val requests)
answered=$(( $(val 2xx) + s3 + s4 + s5 ))
# Writes wrk sent whose answer had not come when it stopped (every answer
# that came is checked to be 2xx above): each may or may not be applied.
inflight=$((sent - acked))

echo "== read-back of the acknowledged writes"
node "$root/tests/load/loadctl.js" check "$base" "$run" "$LOAD_IDS" "$inflight" | tee "$dir/check.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || fail=1
lost=$(sed -n 's/^CHECK .*lost=\([0-9]*\).*/\1/p' "$dir/check.txt")
readback=$(sed -n 's/^CHECK .*read_back=\([0-9]*\).*/\1/p' "$dir/check.txt")

# Memory: peak and mean VmRSS of each half of the run.
read -r n1 max1 avg1 n2 max2 avg2 < <(awk -v T="$secs" '
	$1 <= T { if ($1 <= T / 2) { n1++; s1 += $2; if ($2 > m1) m1 = $2 }
		  else { n2++; s2 += $2; if ($2 > m2) m2 = $2 } }
	END { printf "%d %d %d %d %d %d\n", n1, m1, n1 ? s1 / n1 : 0, n2, m2, n2 ? s2 / n2 : 0 }' "$dir/rss.txt")
growth=$((max2 - max1))
allowed=$((max1 * slack_pct / 100))
[ $allowed -lt $((slack_mib * 1024)) ] && allowed=$((slack_mib * 1024))

kill "$pid"; wait "$pid"; src=$?; pid=
[ $src -eq 0 ] || { echo "load: the server exited with $src"; tail -20 "$dir/server.log"; fail=1; }

echo
echo "== load summary (${secs} s, $conns connections)"
printf '  requests      %s answered, %s req/s\n' "$reqs" "$(val rps)"
printf '  latency (ms)  p50 %s  p90 %s  p99 %s  max %s\n' "$(val p50)" "$(val p90)" "$(val p99)" "$(val max)"
printf '  statuses      5xx %s, 4xx %s, 3xx %s, socket errors/timeouts %s\n' "$s5" "$s4" "$s3" "$errs"
printf '  writes        %s sent, %s acknowledged (2xx), %s read back, %s lost\n' "$sent" "$acked" "${readback:-?}" "${lost:-?}"
printf '  memory (RSS)  first half peak %d MiB (mean %d, %d samples), second half peak %d MiB (mean %d, %d samples), growth %d KiB, allowed %d KiB\n' \
	$((max1 / 1024)) $((avg1 / 1024)) "$n1" $((max2 / 1024)) $((avg2 / 1024)) "$n2" "$growth" "$allowed"
[ "$s5" = 0 ] || { echo "FAIL: $s5 answers 5xx"; fail=1; }
[ "$s4" = 0 ] || { echo "FAIL: $s4 answers 4xx (the mix sends only valid requests)"; fail=1; }
[ "$errs" = 0 ] || { echo "FAIL: $errs socket errors or timeouts"; fail=1; }
[ "$answered" -gt 0 ] || { echo "FAIL: no answers"; fail=1; }
[ "$acked" -gt 0 ] || { echo "FAIL: no write acknowledged"; fail=1; }
[ "$n1" -ge 2 ] && [ "$n2" -ge 2 ] || { echo "FAIL: too few RSS samples"; fail=1; }
[ $growth -le $allowed ] || { echo "FAIL: memory grew by $growth KiB between the halves (allowed $allowed KiB)"; fail=1; }
[ $fail -eq 0 ] && echo "load: OK" || echo "load: FAILED"
exit $fail
