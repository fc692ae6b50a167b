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
	if [ $rc -ne 0 ] && ! grep -q '^\[  FAILED  \]' "$log"; then
		echo "!! $name exited with $rc"; broken=$((broken + 1))
	fi
done

if [ "$mode" = all ]; then
	export TG_BIN="$build/tuyengiao"
	for suite in web api e2e; do
		[ -d "tests/$suite" ] || continue
		ls tests/$suite/*.test.js >/dev/null 2>&1 || continue
		echo "== node tests/$suite"
		log="$logs/node-$suite.log"
		node --test --test-reporter=tap tests/$suite/ >"$log" 2>&1
		rc=$?
		grep -E '^(not ok|ok|# (pass|fail))|^ +(not ok|ok) ' "$log" | grep -v '^ *ok ' | head -200
		grep -c '^ *ok ' "$log" | sed 's/^/   ok: /'
		if grep -q '^ *not ok' "$log"; then
			echo "-- failures in tests/$suite (full log: $log):"
			grep -A30 '^ *not ok' "$log" | head -150
		fi
		count_node "$log"
		if [ $rc -ne 0 ] && ! grep -q '^# fail [1-9]' "$log"; then
			echo "!! node tests/$suite exited with $rc"; tail -30 "$log"
			broken=$((broken + 1))
		fi
	done
fi

echo
[ $broken -eq 0 ] || echo "($broken suite(s) could not run)"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ] && [ $broken -eq 0 ]
