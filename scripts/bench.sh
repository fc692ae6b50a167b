#!/bin/bash
# make bench: generate a dataset with `tuyengiao gen`, then measure on this
# machine, each figure next to its floor measured in the same run:
#   - the roll-up (domain function, build/bench/rollup_bench) of the nation,
#     a province and a commune for a month, a year and five years: median
#     and p99, against one hand-written SQL aggregate of the same totals in
#     sqlite3 / psql (the totals must match);
#   - GET /api/v1/rollup and /api/v1/health under wrk (64 keep-alive
#     connections), against wrk on a small static file of the same server;
#   - POST /api/v1/activities from 16 concurrent connections: writes/s, and
#     the roll-up still equal to a recount afterwards;
#   - the DOCX report of a province-year (tuyengiao report): time;
#   - the server's peak RSS (VmHWM) after all of it.
# Results go to bench/results/<date>-<backend>.md and to stdout.
#
# Usage: scripts/bench.sh [BUILD_DIR]      (make bench does it)
# Environment:
#   BENCH_SCALE=national|province|small   dataset (default national)
#   BENCH_BACKENDS="sqlite pg"            which backends (default both)
#   BENCH_SEED=1                          generator seed
#   BENCH_DIR=/tmp/tg-bench               where the SQLite data goes
#   BENCH_REUSE=1                         reuse an SQLite dataset made by
#                                         an earlier run (same scale, seed)
#   BENCH_REPS=50 BENCH_BUDGET=20         roll-up calls per case, and the
#                                         seconds after which a case stops
#   BENCH_FLOOR_REPS=3                    SQL floor runs per case (median)
#   BENCH_WRK_SECONDS=20 BENCH_WRITE_SECONDS=10
#   BENCH_THREADS=4                       server threads (serve --threads)
#   BENCH_NICE=10                         niceness of everything started
# The benchmark never fails on speed; it fails only when something does
# not run or a total does not match its recount.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SCALE=${BENCH_SCALE:-national}
SEED=${BENCH_SEED:-1}
BACKENDS=${BENCH_BACKENDS:-sqlite pg}
WORK=${BENCH_DIR:-/tmp/tg-bench}
REPS=${BENCH_REPS:-50}
BUDGET=${BENCH_BUDGET:-20}
FLOOR_REPS=${BENCH_FLOOR_REPS:-3}
WRK_SECONDS=${BENCH_WRK_SECONDS:-20}
WRITE_SECONDS=${BENCH_WRITE_SECONDS:-10}
THREADS=${BENCH_THREADS:-4}
NICE="nice -n ${BENCH_NICE:-10}"
TG=$BUILD/tuyengiao
RB=$BUILD/bench/rollup_bench
DATE=$(date +%F)
PASSWORD='sinh du lieu 2026' # GEN_PASSWORD in src/domain/gen.h

# The units measured: the root, a province and a commune present at every
# scale; the periods: a month, a year, the five generated years.
UNITS="TW TNG TNG-X001"
PERIODS="month:2025-06-01:2025-06-30 year:2025-01-01:2025-12-31 5years:2021-01-01:2025-12-31"

MEM_MB=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)
PG_SETTINGS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on
 -c shared_buffers=$((MEM_MB / 4))MB -c effective_cache_size=$((MEM_MB / 2))MB
 -c max_wal_size=4GB"
PG_SETTINGS=$(echo $PG_SETTINGS)

mkdir -p "$WORK" bench/results
SERVER_PID=""
PG_DIR=""
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
	[ -n "$PG_DIR" ] && tests/pg/pgcluster.sh stop "$PG_DIR"
	return 0
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# --- SQL through the command-line clients -----------------------------------

# sql QUERY: run one statement, rows as a|b|c.
sql() {
	if [ "$BACKEND" = sqlite ]; then
		sqlite3 "$DB" "$1"
	else
		psql "$URL" -XAtq -c "$1"
	fi
}

# The hand-written aggregate: the totals the roll-up reports for the
# subtree of CODE between FROM and TO, found by the materialised path.
floor_sql() {
	local code=$1 from=$2 to=$3
	cat <<EOF
WITH r AS (SELECT path AS lo, substr(path, 1, length(path) - 1) || '0' AS hi
 FROM units WHERE code = '$code'),
s AS (SELECT u.id FROM units u, r WHERE u.path >= r.lo AND u.path < r.hi)
SELECT a.n, a.p, a.e, c.en, k.au FROM
 (SELECT COUNT(*) AS n, COALESCE(SUM(members_present), 0) AS p,
  COALESCE(SUM(members_expected), 0) AS e FROM activities
  WHERE unit_id IN (SELECT id FROM s) AND date BETWEEN '$from' AND '$to') a,
 (SELECT COALESCE(SUM(enrolled), 0) AS en FROM classes
  WHERE unit_id IN (SELECT id FROM s)
  AND start_date BETWEEN '$from' AND '$to') c,
 (SELECT COALESCE(SUM(audience), 0) AS au FROM reporter_conferences
  WHERE unit_id IN (SELECT id FROM s) AND date BETWEEN '$from' AND '$to') k
EOF
}

# floor CODE FROM TO: "median_ms totals" of FLOOR_REPS timed runs after
# one warm-up, timed by the client itself (.timer / \timing).
floor() {
	local q i
	q=$(floor_sql "$@" | tr '\n' ' ')
	if [ "$BACKEND" = sqlite ]; then
		{ echo ".timer on"; for i in $(seq 0 "$FLOOR_REPS"); do echo "$q;"; done; } |
			$NICE sqlite3 "$DB" >"$WORK/floor.out"
		times=$(grep '^Run Time' "$WORK/floor.out" | tail -n +2 |
			awk '{printf "%.1f\n", $4 * 1000}')
		totals=$(grep -v '^Run Time' "$WORK/floor.out" | head -1)
	else
		{ echo '\timing on'; for i in $(seq 0 "$FLOOR_REPS"); do echo "$q;"; done; } |
			$NICE psql "$URL" -XAtq >"$WORK/floor.out"
		times=$(grep '^Time:' "$WORK/floor.out" | tail -n +2 | awk '{print $2}')
		totals=$(grep -v '^Time:' "$WORK/floor.out" | head -1)
	fi
	echo "$(echo "$times" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}') $totals"
}

# --- wrk ------------------------------------------------------------------------

# wrk_run NAME CONNS SECONDS URL [wrk options...]: "req/s p50 p99 errors",
# latencies in ms.
wrk_run() {
	local name=$1 conns=$2 secs=$3 url=$4
	shift 4
	# Let requests queued by the previous run finish first.
	sleep 3
	$NICE wrk -t2 -c"$conns" -d"${secs}s" --latency --timeout 30s "$url" "$@" \
		>"$WORK/wrk-$name.out" 2>&1 || true
	awk '
	function ms(v) {
		if (v ~ /us$/) return v / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /m$/) return v * 60000
		if (v ~ /s$/) return v * 1000
		return v
	}
	/Requests\/sec:/ { rps = $2 }
	$1 == "50%" { p50 = ms($2) }
	$1 == "99%" { p99 = ms($2) }
	/Non-2xx/ { err += $NF }
	/Socket errors/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
	END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, err }
	' "$WORK/wrk-$name.out"
}

# --- one backend ----------------------------------------------------------------

machine() {
	echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
	echo "- CPU: $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
	echo "- RAM: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo); kernel $(uname -sr)"
	echo "- Load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: other jobs may run)"
	echo "- $(cc --version | head -1); SQLite $(pkg-config --modversion sqlite3); $(psql --version); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
	echo "- Scale $SCALE, seed $SEED; server threads $THREADS; roll-up calls per case ≤ $REPS (≤ ${BUDGET} s), floor runs $FLOOR_REPS"
	if [ "$BACKEND" = sqlite ]; then
		echo "- SQLite: WAL, synchronous=FULL (every commit on disk)"
	else
		echo "- PostgreSQL 15 cluster made for the run (tests/pg/pgcluster.sh), Unix socket, settings: $PG_SETTINGS"
	fi
}

bench_backend() {
	BACKEND=$1
	local res="bench/results/$DATE-$BACKEND.md" gen_line="" mismatch=0
	local t0 t1 port cookie csrf id url out cells before after added

	echo "== $BACKEND, scale $SCALE ==" >&2
	if [ "$BACKEND" = sqlite ]; then
		DB="$WORK/$SCALE-$SEED.db"
		URL=$DB
		if [ "${BENCH_REUSE:-0}" = 1 ] && [ -f "$DB" ]; then
			gen_line="(dataset reused from an earlier run: $DB)"
		else
			rm -f "$DB" "$DB-wal" "$DB-shm"
		fi
	else
		# A production configuration, not the test suite's: durable
		# commits (fsync on, as SQLite's synchronous=FULL), a quarter
		# of the memory as shared buffers (PostgreSQL's own advice).
		out=$(PGCLUSTER_SETTINGS="$PG_SETTINGS" tests/pg/pgcluster.sh start)
		PG_DIR=$(echo "$out" | sed -n 1p)
		local admin
		admin=$(echo "$out" | sed -n 2p)
		psql "$admin" -XAtqc "CREATE DATABASE tgbench" >/dev/null
		URL=${admin/\/postgres\?/\/tgbench?}
	fi
	if [ -z "$gen_line" ]; then
		t0=$(now_ms)
		$NICE "$TG" gen --scale "$SCALE" --seed "$SEED" --db "$URL" >"$WORK/gen.out"
		t1=$(now_ms)
		gen_line="$(head -1 "$WORK/gen.out") Wall time $(((t1 - t0) / 1000)) s."
		cat "$WORK/gen.out" >&2
	fi
	if [ "$BACKEND" = pg ]; then
		psql "$URL" -XAtqc "VACUUM ANALYZE" >/dev/null
		local dbsize
		dbsize=$(psql "$URL" -XAtqc "SELECT pg_size_pretty(pg_database_size(current_database()))")
	else
		local dbsize
		dbsize="$(du -h "$DB" | cut -f1)"
	fi

	{
		echo "# Benchmark: $BACKEND, $SCALE scale"
		echo
		machine
		echo
		echo "## Dataset"
		echo
		echo "$gen_line Database size: $dbsize."
		echo
		echo '```'
		tail -n +2 "$WORK/gen.out" 2>/dev/null | grep -v '^Tài khoản' || true
		echo "rows by table: $(sql "SELECT (SELECT COUNT(*) FROM units) || ' units, ' || (SELECT COUNT(*) FROM activities) || ' activities, ' || (SELECT COUNT(*) FROM reporter_conferences) || ' reporter conferences, ' || (SELECT COUNT(*) FROM classes) || ' classes, ' || (SELECT COUNT(*) FROM indicator_values) || ' indicator values, ' || (SELECT COUNT(*) FROM documents) || ' documents, ' || (SELECT COUNT(*) FROM task_assignments) || ' task assignments, ' || (SELECT COUNT(*) FROM opinion_reports) || ' opinion reports, ' || (SELECT COUNT(*) FROM hotspots) || ' hot spots'")"
		echo '```'
		echo
		echo "## Roll-up (domain function, one connection)"
		echo
		echo "Target: p50 ≤ 20 ms and p99 ≤ 100 ms for every case. Floor: one hand-written SQL aggregate of the same totals (activities, members present/expected, trainees enrolled, reporter-conference audience) over the subtree by path, in \`$([ "$BACKEND" = sqlite ] && echo sqlite3 || echo psql)\` (median of $FLOOR_REPS runs after a warm-up). The roll-up computes more than the floor (per child, per kind, indicators, opinion, hot spots)."
		echo
		echo "| unit | period | calls | p50 ms | p99 ms | floor ms | totals = floor |"
		echo "| --- | --- | ---: | ---: | ---: | ---: | --- |"
	} >"$res"
	for u in $UNITS; do
		for p in $PERIODS; do
			IFS=: read -r pname from to <<<"$p"
			echo "  roll-up $u $pname" >&2
			out=$($NICE "$RB" --db "$URL" --unit "$u" --from "$from" --to "$to" \
				--reps "$REPS" --budget "$BUDGET")
			read -r calls p50 p99 t_act t_pres t_exp t_enr t_aud <<<"$out"
			read -r fms ftot <<<"$(floor "$u" "$from" "$to")"
			if [ "$ftot" = "$t_act|$t_pres|$t_exp|$t_enr|$t_aud" ]; then
				ok="yes ($t_act activities)"
			else
				ok="**NO**: $t_act|$t_pres|$t_exp|$t_enr|$t_aud vs $ftot"
				mismatch=1
			fi
			echo "| $u | $pname | $calls | $p50 | $p99 | $fms | $ok |" >>"$res"
		done
	done

	# --- HTTP -----------------------------------------------------------------
	port=$(free_port)
	$NICE "$TG" serve --db "$URL" --listen "127.0.0.1:$port" --threads "$THREADS" \
		--web-root web >"$WORK/serve.log" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 100); do
		curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break
		sleep 0.1
	done
	out=$(curl -sf -c "$WORK/cookies" -H 'Content-Type: application/json' \
		-d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" \
		"http://127.0.0.1:$port/api/v1/login")
	csrf=$(echo "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
	cookie=$(awk '(!/^#/ || /^#HttpOnly_/) && NF >= 7 {c = $6 "=" $7} END {print c}' "$WORK/cookies")
	id=$(sql "SELECT id FROM units WHERE code = 'TNG'")
	url="http://127.0.0.1:$port/api/v1/rollup?unit=$id&from=2025-06-01&to=2025-06-30"
	echo "  wrk rollup / health / static" >&2
	# As a browser asks: Chromium sends this Accept-Encoding; the answer
	# goes gzipped. Also measured without it (the whole JSON text).
	ae="gzip, deflate, br, zstd"
	r_plain=$(curl -sf -H "Cookie: $cookie" "$url" | wc -c)
	r_gz=$(curl -sf -H "Cookie: $cookie" -H "Accept-Encoding: $ae" "$url" | wc -c)
	read -r r_rps r_p50 r_p99 r_err <<<"$(wrk_run rollup 64 "$WRK_SECONDS" "$url" -H "Cookie: $cookie" -H "Accept-Encoding: $ae")"
	read -r p_rps p_p50 p_p99 p_err <<<"$(wrk_run rollup-plain 64 "$WRK_SECONDS" "$url" -H "Cookie: $cookie")"
	read -r h_rps h_p50 h_p99 h_err <<<"$(wrk_run health 64 "$WRK_SECONDS" "http://127.0.0.1:$port/api/v1/health")"
	read -r s_rps s_p50 s_p99 s_err <<<"$(wrk_run static 64 "$WRK_SECONDS" "http://127.0.0.1:$port/favicon.svg")"
	[ "$r_err" = 0 ] && [ "$p_err" = 0 ] && [ "$h_err" = 0 ] || mismatch=1
	{
		echo
		echo "## HTTP under wrk (64 keep-alive connections, ${WRK_SECONDS} s, wrk on the same machine)"
		echo
		echo "Floor: wrk on a 269-byte static file (/favicon.svg) of the same server. Roll-up: province TNG, June 2025, as admin; with a browser's Accept-Encoding ($ae) the answer is $r_gz bytes gzipped, without it $r_plain bytes of JSON."
		echo
		echo "| endpoint | req/s | p50 ms | p99 ms | errors | target |"
		echo "| --- | ---: | ---: | ---: | ---: | --- |"
		echo "| GET /api/v1/rollup (gzip, as browsers ask) | $r_rps | $r_p50 | $r_p99 | $r_err | ≥ 5.000 req/s, p99 ≤ 20 ms |"
		echo "| GET /api/v1/rollup (no Accept-Encoding) | $p_rps | $p_p50 | $p_p99 | $p_err | |"
		echo "| GET /api/v1/health | $h_rps | $h_p50 | $h_p99 | $h_err | ≥ 20.000 req/s, p99 ≤ 20 ms |"
		echo "| floor: GET /favicon.svg | $s_rps | $s_p50 | $s_p99 | $s_err | |"
	} >>"$res"

	# --- writes ---------------------------------------------------------------
	echo "  wrk writes" >&2
	cells=$(sql "SELECT id FROM units WHERE code LIKE 'TNG-X001-CB%' ORDER BY id" | paste -sd, -)
	before=$(sql "$(floor_sql TNG-X001 2025-01-01 2025-12-31)")
	read -r w_rps w_p50 w_p99 w_err <<<"$(wrk_run write 16 "$WRITE_SECONDS" \
		"http://127.0.0.1:$port/api/v1/activities" -H "Cookie: $cookie" \
		-H "X-CSRF-Token: $csrf" -s bench/post_activity.lua -- "$cells")"
	# Requests still in flight when wrk stopped may commit after it: wait
	# until the count stops moving, then compare.
	after=""
	for _ in $(seq 50); do
		sleep 0.3
		out=$(sql "$(floor_sql TNG-X001 2025-01-01 2025-12-31)")
		[ "$out" = "$after" ] && break
		after=$out
	done
	added=$((${after%%|*} - ${before%%|*}))
	out=$(curl -sf -b "$WORK/cookies" "http://127.0.0.1:$port/api/v1/rollup?unit=$(sql "SELECT id FROM units WHERE code = 'TNG-X001'")&from=2025-01-01&to=2025-12-31" |
		python3 -c 'import json,sys; a=json.load(sys.stdin)["totals"]["activities"]["all"]; print("%d|%d|%d" % (a["count"], a["members"]["numerator"], a["members"]["denominator"]))')
	if [ "$w_err" != 0 ] || [ "$added" -le 0 ]; then
		w_ok="**NO**: $w_err failed requests, $added rows added"
		mismatch=1
	elif [ "$out" = "$(echo "$after" | cut -d'|' -f1-3)" ]; then
		w_ok="yes: API roll-up $out = recount"
	else
		w_ok="**NO**: API roll-up $out, recount $after"
		mismatch=1
	fi

	# --- DOCX report and RSS ----------------------------------------------------
	echo "  docx" >&2
	t0=$(now_ms)
	$NICE "$TG" report --db "$URL" --unit TNG --period 2025 --format docx \
		-o "$WORK/report.docx" >/dev/null
	t1=$(now_ms)
	local hwm
	hwm=$(awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status")
	{
		echo
		echo "## Writes: POST /api/v1/activities, 16 connections, ${WRITE_SECONDS} s"
		echo
		echo "| writes/s (wrk) | rows added | p50 ms | p99 ms | errors | roll-up correct afterwards | target |"
		echo "| ---: | ---: | ---: | ---: | ---: | --- | --- |"
		echo "| $w_rps | $added | $w_p50 | $w_p99 | $w_err | $w_ok | ≥ 2.000 writes/s |"
		echo
		echo "## Report and memory"
		echo
		echo "| measure | figure | target |"
		echo "| --- | ---: | --- |"
		echo "| DOCX report of province TNG, year 2025 (\`tuyengiao report\`, whole process) | $((t1 - t0)) ms, $(stat -c %s "$WORK/report.docx") bytes | ≤ 1 s |"
		echo "| server peak RSS (VmHWM) after all the HTTP load above | $hwm MiB | ≤ 300 MiB |"
	} >>"$res"
	kill "$SERVER_PID"
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=""
	if [ "$BACKEND" = pg ]; then
		tests/pg/pgcluster.sh stop "$PG_DIR"
		PG_DIR=""
	fi
	cat "$res"
	echo
	echo "(written to $res)"
	return $mismatch
}

status=0
for b in $BACKENDS; do
	bench_backend "$b" || status=1
done
exit $status
