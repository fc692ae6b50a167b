#!/bin/bash
# Run test suites and end with one summary line "N passed, N failed".
#
#   run-tests.sh unit BIN...        the cmocka binaries only
#   run-tests.sh all BUILD BIN...   cmocka, web unit, API and browser tests
#                                   against BUILD/tuyengiao
#
# Every suite runs even when an earlier one failed; the exit status is
# non-zero if any test failed or any suite could not run.
set -u
mode=$1; shift
build=build
if [ "$mode" = all ]; then build=$1; shift; fi
logs="$build/test-logs"
mkdir -p "$logs"

passed=0 failed=0 broken=0

count_cmocka() { # log
	local p f
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$1" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$1" | tail -1)
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

count_node() { # log
	local p f
	p=$(sed -n 's/^[#ℹ] pass \([0-9]*\)$/\1/p' "$1" | tail -1)
	f=$(sed -n 's/^[#ℹ] fail \([0-9]*\)$/\1/p' "$1" | tail -1)
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

for bin in "$@"; do
	name=$(basename "$bin")
	echo "== $name"
	log="$logs/$name.log"
	"$bin" >"$log" 2>&1
	rc=$?
	cat "$log"
	count_cmocka "$log"
	# A failed group setup prints "[  FAILED  ] GROUP SETUP" and runs
	# nothing: only a count of failed tests accounts for the exit status.
	if [ $rc -ne 0 ] && ! grep -q '^\[  FAILED  \] [0-9]* test' "$log"; then
		echo "!! $name exited with $rc"; broken=$((broken + 1))
	fi
done

# node --test over FILES with a TAP log, counted like the other suites.
# Usage: node_files LABEL LOG [node options --] FILE...
node_files() {
	local label=$1 log=$2 rc opts=()
	shift 2
	while [ $# -gt 0 ] && [ "$1" != -- ] && [ "${1#--}" != "$1" ]; do
		opts+=("$1"); shift
	done
	[ "${1:-}" = -- ] && shift
	echo "== node $label"
	node --test --test-reporter=tap "${opts[@]}" "$@" >"$log" 2>&1
	rc=$?
	grep -aE '^(not ok|ok|# (pass|fail|skip))|^ +(not ok|ok) ' "$log" | grep -v '^ *ok ' | head -200
	grep -ac '^ *ok ' "$log" | sed 's/^/   ok: /'
	if grep -aq '^ *not ok' "$log"; then
		echo "-- failures in $label (full log: $log):"
		grep -aA30 '^ *not ok' "$log" | head -150
	fi
	count_node "$log"
	if [ $rc -ne 0 ] && ! grep -aq '^# fail [1-9]' "$log"; then
		echo "!! node $label exited with $rc"; tail -30 "$log"
		broken=$((broken + 1))
	fi
}

# The API suite again, on PostgreSQL: a throwaway cluster (tests/pg/
# pgcluster.sh, as root), a fresh database per server (tests/api/harness.js
# with TG_PG_ADMIN_URL). TG_SKIP_PG=1 skips it. Files that do not test
# the backend are skipped below, each with its reason.
# tests/api/replica.test.js makes a streaming replica of this cluster
# itself (pgcluster.sh replica DIR, DIR taken from the URL) and removes it;
# in the SQLite pass it is skipped with that reason.
run_api_on_postgresql() {
	local out dir url rc files=() f
	[ "${TG_SKIP_PG:-}" = 1 ] && { echo "== PostgreSQL run skipped (TG_SKIP_PG=1)"; return; }
	ls tests/api/*.test.js >/dev/null 2>&1 || return
	echo "== PostgreSQL: starting a throwaway cluster"
	out=$(tests/pg/pgcluster.sh start 2>"$logs/pgcluster.log")
	rc=$?
	if [ $rc -eq 2 ]; then
		echo "-- PostgreSQL run skipped: $(cat "$logs/pgcluster.log")"
		return
	elif [ $rc -ne 0 ]; then
		echo "!! could not start PostgreSQL:"; cat "$logs/pgcluster.log"
		broken=$((broken + 1)); return
	fi
	dir=$(echo "$out" | sed -n 1p); url=$(echo "$out" | sed -n 2p)
	trap 'tests/pg/pgcluster.sh stop "'"$dir"'"' EXIT
	trap 'exit 130' INT TERM
	# Every statement prepares on PostgreSQL (the unit test skips that
	# part without a cluster).
	if [ -x "$build/tests/test_store_pg" ]; then
		echo "== test_store_pg on PostgreSQL"
		TG_PG_ADMIN_URL=$url "$build/tests/test_store_pg" >"$logs/test_store_pg-pg.log" 2>&1
		rc=$?
		cat "$logs/test_store_pg-pg.log"
		count_cmocka "$logs/test_store_pg-pg.log"
		if [ $rc -ne 0 ] && ! grep -q '^\[  FAILED  \]' "$logs/test_store_pg-pg.log"; then
			echo "!! test_store_pg exited with $rc"; broken=$((broken + 1))
		fi
	fi
	for f in tests/api/*.test.js; do
		case "$f" in
		tests/api/privacy_schema.test.js)
			echo "-- on PostgreSQL, skipped: $f: it makes its own SQLite file"
			echo "   and reads it with the sqlite3 CLI (it ran in the SQLite"
			echo "   pass; it does not depend on the backend under test)" ;;
		*) files+=("$f") ;;
		esac
	done
	TG_PG_ADMIN_URL=$url node_files "tests/api on PostgreSQL" \
		"$logs/node-api-pg.log" -- "${files[@]}"
	tests/pg/pgcluster.sh stop "$dir"
	trap - EXIT INT TERM
}

if [ "$mode" = all ]; then
	export TG_BIN="$build/tuyengiao"
	for suite in web api e2e; do
		[ -d "tests/$suite" ] || continue
		ls tests/$suite/*.test.js >/dev/null 2>&1 || continue
		echo "== node tests/$suite"
		log="$logs/node-$suite.log"
		node --test --test-reporter=tap tests/$suite/ >"$log" 2>&1
		rc=$?
		grep -aE '^(not ok|ok|# (pass|fail))|^ +(not ok|ok) ' "$log" | grep -v '^ *ok ' | head -200
		grep -ac '^ *ok ' "$log" | sed 's/^/   ok: /'
		if grep -aq '^ *not ok' "$log"; then
			echo "-- failures in tests/$suite (full log: $log):"
			grep -aA30 '^ *not ok' "$log" | head -150
		fi
		count_node "$log"
		if [ $rc -ne 0 ] && ! grep -aq '^# fail [1-9]' "$log"; then
			echo "!! node tests/$suite exited with $rc"; tail -30 "$log"
			broken=$((broken + 1))
		fi
	done
	run_api_on_postgresql
fi

echo
[ $broken -eq 0 ] || echo "($broken suite(s) could not run)"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ] && [ $broken -eq 0 ]
