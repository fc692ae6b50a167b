#!/bin/bash
# Build and run the libFuzzer targets of tests/fuzz/.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   (default 10 s, every target)
#
# Each tests/fuzz/<target>.c names the library sources it needs on
# "FUZZ_SRC:" lines (and pkg-config libraries on "FUZZ_LIBS:"); they are
# compiled into the target with clang's fuzzer, address and undefined
# sanitizers (the system libraries are not instrumented, ours are). Each
# target first replays its committed corpus tests/fuzz/corpus/<target>/
# (seeds and every crash found so far: a regression fails the run), then
# fuzzes for SECONDS on a copy of it. A crash leaves crash-* files under
# build/fuzz/<target>/ and makes the script exit 1. The last line says
# how many targets ran and how many failed.
set -u
cd "$(dirname "$0")/.."
secs=${1:-10}; [ $# -gt 0 ] && shift
out=build/fuzz
mkdir -p "$out"
CLANG=${CLANG:-clang}
FLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	for f in tests/fuzz/*.c; do targets+=("$(basename "$f" .c)"); done
fi

ran=0 failed=0
for t in "${targets[@]}"; do
	src=tests/fuzz/$t.c
	srcs=$(sed -n 's/^.*FUZZ_SRC:\(.*\)$/\1/p' "$src")
	libs=$(sed -n 's/^.*FUZZ_LIBS:\(.*\)$/\1/p' "$src")
	cflags="" ldlibs=""
	if [ -n "$libs" ]; then
		cflags=$(pkg-config --cflags $libs); ldlibs=$(pkg-config --libs $libs)
	fi
	dir=$out/$t
	rm -rf "$dir"; mkdir -p "$dir/corpus"
	echo "== $t: build"
	# shellcheck disable=SC2086
	if ! $CLANG $FLAGS $cflags -o "$dir/$t" "$src" $srcs $ldlibs; then
		echo "!! $t: build failed"; failed=$((failed + 1)); continue
	fi
	ran=$((ran + 1))
	seeds=tests/fuzz/corpus/$t
	[ -d "$seeds" ] && cp -r "$seeds/." "$dir/corpus/"
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	# Replay the committed corpus (seeds and past crashes) first.
	if [ -d "$seeds" ] && ls "$seeds" | grep -q .; then
		if ! (cd "$dir" && ./"$t" -rss_limit_mb=1024 ../../../"$seeds"/* >replay.log 2>&1); then
			echo "!! $t: the committed corpus fails (see $dir/replay.log)"
			tail -30 "$dir/replay.log"; failed=$((failed + 1)); continue
		fi
	fi
	echo "== $t: fuzz ${secs}s"
	(cd "$dir" && ./"$t" -max_total_time="$secs" -rss_limit_mb=1024 \
		-timeout=10 -print_final_stats=1 corpus >fuzz.log 2>&1)
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/fuzz.log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/fuzz.log")
	echo "   $t: ${execs:-?} executions (${rate:-?}/s), corpus $(ls "$dir/corpus" | wc -l) inputs"
	if [ $rc -ne 0 ]; then
		echo "!! $t: exit $rc, crash inputs: $(ls "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-* 2>/dev/null | tr '\n' ' ')"
		grep -A25 -m1 'ERROR\|runtime error\|deadly signal' "$dir/fuzz.log" | head -40
		failed=$((failed + 1))
	fi
done
echo
echo "$ran fuzz target(s) ran, $failed failed"
[ $failed -eq 0 ]
