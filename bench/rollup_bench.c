/*
 * rollup_bench: time the live roll-up (domain/rollup.c, the function
 * behind GET /api/v1/rollup) of one unit and date range, called again and
 * again on one connection, as `make bench` (scripts/bench.sh) needs it.
 *
 *   rollup_bench --db URL --unit CODE --from YYYY-MM-DD --to YYYY-MM-DD
 *                [--reps N] [--budget SECONDS]
 *
 * One warm-up call, then up to N timed calls (default 50), stopping early
 * once `budget` seconds (default 20) are spent. Prints one tab-separated
 * line: calls, median ms, p99 ms, then the totals the bench compares with
 * its hand-written SQL: activities, members present, members expected,
 * classes' trainees enrolled, reporter conferences' audience.
 */
#include "base/err.h"
#include "domain/auth.h"
#include "domain/demo.h"
#include "domain/rollup.h"
#include "domain/units.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static json_t *at(json_t *j, const char *a, const char *b, const char *c,
		  const char *d)
{
	j = json_object_get(json_object_get(j, "totals"), a);
	if (b)
		j = json_object_get(j, b);
	if (c)
		j = json_object_get(j, c);
	if (d)
		j = json_object_get(j, d);
	return j;
}

int main(int argc, char **argv)
{
	const char *db = NULL, *code = NULL, *from = NULL, *to = NULL;
	int reps = 50, i, n = 0;
	double budget = 20, t0, t, *ms;
	struct err e = ERR_INIT;
	struct store *s;
	struct store_conn *c;
	struct actor a;
	int64_t unit;
	json_t *out = NULL;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--db"))
			db = argv[i + 1];
		else if (!strcmp(argv[i], "--unit"))
			code = argv[i + 1];
		else if (!strcmp(argv[i], "--from"))
			from = argv[i + 1];
		else if (!strcmp(argv[i], "--to"))
			to = argv[i + 1];
		else if (!strcmp(argv[i], "--reps"))
			reps = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--budget"))
			budget = atof(argv[i + 1]);
		else
			break;
	}
	if (i != argc || !db || !code || !from || !to || reps < 1) {
		fputs("usage: rollup_bench --db URL --unit CODE --from DATE"
		      " --to DATE [--reps N] [--budget SECONDS]\n",
		      stderr);
		return 2;
	}
	auth_init();
	/* a pool of 1 + STORE_AHEAD_MAX, as an idle server's (--threads + 1):
	 * the statements started ahead run beside the call */
	if (store_open(&s, db, 1 + STORE_AHEAD_MAX, &e) < 0 ||
	    !(c = store_acquire(s, &e))) {
		fprintf(stderr, "rollup_bench: %s\n", e.message);
		return 1;
	}
	demo_system_actor(&a);
	if (units_id_by_code(c, code, &unit, &e) != 1) {
		fprintf(stderr, "rollup_bench: no unit %s\n", code);
		return 1;
	}
	ms = calloc((size_t)reps, sizeof(double));
	if (!ms)
		return 1;
	for (i = -1; i < reps; i++) {
		json_decref(out);
		out = NULL;
		t = now_ms();
		if (rollup_get(c, &a, unit, from, to, &out, &e) < 0) {
			fprintf(stderr, "rollup_bench: %s\n", e.message);
			return 1;
		}
		if (i < 0) {
			t0 = now_ms();
			continue;
		}
		ms[n++] = now_ms() - t;
		if (now_ms() - t0 > budget * 1e3)
			break;
	}
	qsort(ms, (size_t)n, sizeof(double), cmp_double);
	printf("%d\t%.2f\t%.2f\t%lld\t%lld\t%lld\t%lld\t%lld\n", n,
	       ms[(n - 1) / 2], ms[(int)((n - 1) * 0.99 + 0.5)],
	       (long long)json_integer_value(at(out, "activities", "all",
						 "count", NULL)),
	       (long long)json_integer_value(at(out, "activities", "all",
						 "members", "numerator")),
	       (long long)json_integer_value(at(out, "activities", "all",
						 "members", "denominator")),
	       (long long)json_integer_value(at(out, "classes", "all",
						 "enrolled", NULL)),
	       (long long)json_integer_value(at(out, "reporter_conferences",
						 "audience", NULL, NULL)));
	json_decref(out);
	free(ms);
	store_release(c);
	store_close(s);
	return 0;
}
