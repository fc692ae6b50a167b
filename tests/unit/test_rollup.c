/*
 * Tests for domain/rollup.c: the demo city's published figures, rates
 * computed from summed numerators and denominators (never an average of
 * rates), children adding up to the totals, and the formatted rate.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdb.h"

#include "domain/auth.h"
#include "domain/history.h"
#include "domain/indicators.h"
#include "domain/rollup.h"
#include "domain/study.h"
#include "base/buf.h"
#include "store/store.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static char dir[64];
static char demo_path[128];
static int seq;

static int group_setup(void **state)
{
	(void)state;
	tdb_mkdtemp(dir);
	snprintf(demo_path, sizeof(demo_path), "%s/demo.db", dir);
	tdb_build_demo(demo_path);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	tdb_rmdir(dir);
	return 0;
}

static int setup(void **state)
{
	static struct tdb t;
	char name[32];

	snprintf(name, sizeof(name), "rollup%d.db", ++seq);
	tdb_open_copy(&t, dir, demo_path, name);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	tdb_drop(*state);
	return 0;
}

static json_t *path(json_t *j, const char *a, const char *b, const char *c)
{
	j = json_object_get(j, a);
	if (b)
		j = json_object_get(j, b);
	if (c)
		j = json_object_get(j, c);
	return j;
}

/* Run a create taking `body`, then release it. */
#define CREATE(fn, c, a, body, out, e)                                      \
	do {                                                                 \
		json_t *b_ = (body);                                         \
		int rc_ = fn(c, a, b_, out, &(e));                           \
		json_decref(b_);                                             \
		TDB_OK(rc_, e);                                              \
	} while (0)

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int64_t ival(json_t *j, const char *k)
{
	return json_integer_value(json_object_get(j, k));
}

static void test_rollup_rate_is_exact_and_formatted(void **state)
{
	json_t *r = rollup_rate_json(8196, 8272);

	(void)state;
	assert_string_equal(json_string_value(json_object_get(r, "ratio_text")),
			    "8.196/8.272");
	assert_string_equal(json_string_value(json_object_get(r, "rate_text")),
			    "99,08%");
	assert_string_equal(json_string_value(json_object_get(r,
							      "rounded_text")),
			    "99%");
	assert_string_equal(json_string_value(json_object_get(r, "text")),
			    "8.196/8.272, đạt 99%");
	assert_true(json_real_value(json_object_get(r, "rate")) > 99.08);
	json_decref(r);
	r = rollup_rate_json(0, 0);
	assert_true(json_is_null(json_object_get(r, "rate")));
	json_decref(r);
}

static void test_rollup_demo_city_reproduces_the_seed_figures(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	json_t *out, *s, *p, *kids, *k;
	int64_t n = 0, num = 0;
	size_t i;

	demo_system_actor(&a);
	TDB_OK(rollup_get(t->c, &a, tdb_unit_id(t->c, "SH-LG"), "2022-01-01",
			  "2022-06-30", &out, &e),
	       e);
	s = path(out, "totals", "activities", "study");
	assert_int_equal(ival(s, "count"), 321);
	assert_int_equal(ival(s, "non_members"), 2526);
	assert_int_equal(ival(json_object_get(s, "members"), "numerator"), 8196);
	assert_int_equal(ival(json_object_get(s, "members"), "denominator"),
			 8272);
	p = path(out, "totals", "activities", "political");
	assert_int_equal(ival(p, "count"), 148);
	assert_int_equal(ival(json_object_get(p, "members"), "numerator"), 8199);
	assert_int_equal(ival(json_object_get(p, "members"), "denominator"),
			 8257);
	kids = json_object_get(out, "children");
	assert_int_equal(json_array_size(kids), 7);
	json_array_foreach(kids, i, k) {
		s = path(k, "figures", "activities", "study");
		n += ival(s, "count");
		num += ival(json_object_get(s, "members"), "numerator");
	}
	assert_int_equal(n, 321);
	assert_int_equal(num, 8196);
	json_decref(out);
}

static void test_rollup_sums_numerators_not_rates(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	json_t *def, *out, *v, *item;
	int64_t ind;
	size_t i;
	int found = 0;

	demo_system_actor(&a);
	CREATE(indicators_create, t->c, &a,
	       json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "code", "T1", "name",
			 "Thử", "numerator_label", "Đạt", "denominator_label",
			 "Tổng", "period_type", "month", "level", "chibo"),
	       &def, e);
	ind = ival(def, "id");
	json_decref(def);
	/* 1/1 = 100% and 1/99 = 1,01%: the average would be 50,51%. */
	CREATE(ivalues_create, t->c, &a,
			      json_pack("{s:I, s:I, s:s, s:i, s:i}",
					"indicator_id", (json_int_t)ind,
					"unit_id",
					(json_int_t)tdb_unit_id(t->c, "SH-KN-CB01"),
					"period", "2024-03", "numerator", 1,
					"denominator", 1),
			      &v, e);
	json_decref(v);
	CREATE(ivalues_create, t->c, &a,
			      json_pack("{s:I, s:I, s:s, s:i, s:i}",
					"indicator_id", (json_int_t)ind,
					"unit_id",
					(json_int_t)tdb_unit_id(t->c, "SH-KP-CB01"),
					"period", "2024-03", "numerator", 1,
					"denominator", 99),
			      &v, e);
	json_decref(v);
	TDB_OK(rollup_get(t->c, &a, tdb_unit_id(t->c, "SH"), "2024-03-01",
			  "2024-03-31", &out, &e),
	       e);
	json_array_foreach(path(out, "totals", "indicators", NULL), i, item) {
		if (ival(item, "id") != ind)
			continue;
		found = 1;
		v = json_object_get(item, "value");
		assert_int_equal(ival(v, "numerator"), 2);
		assert_int_equal(ival(v, "denominator"), 100);
		assert_string_equal(json_string_value(json_object_get(v,
								      "rate_text")),
				    "2,00%");
	}
	assert_true(found);
	json_decref(out);
}

static void test_rollup_refuses_units_outside_the_subtree(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	json_t *out = NULL;

	demo_system_actor(&a);
	strcpy(a.unit_path, "/999999/");
	TDB_FAILS(rollup_get(t->c, &a, tdb_unit_id(t->c, "SH-LG"), "2022-01-01",
			     "2022-06-30", &out, &e),
		  e, 404, "out_of_scope", NULL);
}

/* The rows of query q for `args`, each as "a|b|c", sorted, in one string. */
static char *rows_text(struct store_conn *c, enum query q,
		       const struct sval *args, int nargs, int ncols)
{
	struct store_rows *r;
	struct err e = ERR_INIT;
	char **lines = NULL, *out;
	size_t n = 0, i, len = 1;
	int st, k;

	TDB_OK(store_query(c, q, args, nargs, &r, &e), e);
	while ((st = store_next(r)) == 1) {
		struct buf b = BUF_INIT;

		for (k = 0; k < ncols; k++)
			buf_addf(&b, "%s%s", k ? "|" : "",
				 store_col_null(r, k) ? "-"
						      : store_col_text(r, k));
		lines = realloc(lines, (n + 1) * sizeof(*lines));
		lines[n++] = buf_detach(&b, NULL);
	}
	assert_int_equal(st, 0);
	store_rows_free(r);
	if (n) /* qsort takes no NULL array, even empty */
		qsort(lines, n, sizeof(*lines), cmp_str);
	for (i = 0; i < n; i++)
		len += strlen(lines[i]) + 1;
	out = calloc(1, len);
	for (i = 0; i < n; i++) {
		strcat(out, lines[i]);
		strcat(out, "\n");
		free(lines[i]);
	}
	free(lines);
	return out;
}

/*
 * The live groups read below the root from the unit's ancestry
 * (ROLLUP_FROM_ANC) and at the root from the records (ROLLUP_FROM_REC,
 * the _ALL statements): both orders give the same rows, for every unit of
 * the demo (not only the root) and ranges in and around its data.
 */
static void test_rollup_both_join_orders_read_the_same_rows(void **state)
{
	static const struct {
		enum query anc, rec;
		int ncols;
	} pairs[] = {
		{ Q_REP_ROLLUP, Q_REP_ROLLUP_ALL, 2 },
		{ Q_HS_ROLLUP, Q_HS_ROLLUP_ALL, 11 },
		{ Q_PUB_ROLLUP, Q_PUB_ROLLUP_ALL, 4 },
		{ Q_PUB_SERIES, Q_PUB_SERIES_ALL, 8 },
		{ Q_PUB_BOOKS, Q_PUB_BOOKS_ALL, 3 },
		{ Q_PRESS_ROLLUP, Q_PRESS_ROLLUP_ALL, 3 },
		{ Q_APR_ROLLUP, Q_APR_ROLLUP_ALL, 6 },
		{ Q_HP_ROLLUP_SHARE, Q_HP_ROLLUP_SHARE_ALL, 3 },
		{ Q_HP_ROLLUP_EVENTS, Q_HP_ROLLUP_EVENTS_ALL, 4 },
		{ Q_CM_ROLLUP, Q_CM_ROLLUP_ALL, 4 },
		{ Q_OUT_ROLLUP, Q_OUT_ROLLUP_ALL, 6 },
	};
	static const char *const ranges[] = { "0001-01-01", "9999-12-31",
					      "2022-01-01", "2022-06-30",
					      "2023-01-01", "2024-12-31" };
	struct tdb *t = *state;
	struct store_rows *r;
	struct err e = ERR_INIT;
	int64_t units[512], level;
	size_t nunits = 0, u, p, k;
	size_t nonempty[sizeof(pairs) / sizeof(pairs[0])] = { 0 };
	int st;

	TDB_OK(history_level_id(t->c, HISTORY_GRASSROOTS_LEVEL, &level, &e), e);
	assert_true(level > 0);
	TDB_OK(store_query(t->c, Q_AGG_UNITS, NULL, 0, &r, &e), e);
	while ((st = store_next(r)) == 1 && nunits < 512)
		units[nunits++] = store_col_int(r, 0);
	store_rows_free(r);
	assert_true(nunits > 50);
	for (u = 0; u < nunits; u++)
		for (p = 0; p < sizeof(pairs) / sizeof(pairs[0]); p++)
			for (k = 0; k < 6; k += 2) {
				/* the history share takes (unit, date, level) */
				bool share = pairs[p].anc == Q_HP_ROLLUP_SHARE;
				struct sval args[] = {
					SV_I(units[u]),
					SV_T(share ? ranges[k + 1] : ranges[k]),
					share ? SV_I(level)
					      : SV_T(ranges[k + 1]),
				};
				char *a = rows_text(t->c, pairs[p].anc, args, 3,
						    pairs[p].ncols),
				     *b = rows_text(t->c, pairs[p].rec, args, 3,
						    pairs[p].ncols);

				if (strcmp(a, b))
					fail_msg("%s, unit %lld, %s..%s:\n%s---\n%s",
						 query_name(pairs[p].anc),
						 (long long)units[u], ranges[k],
						 ranges[k + 1], a, b);
				nonempty[p] += *a != '\0';
				free(a);
				free(b);
			}
	/* the demo has records in every group: each comparison saw rows */
	for (p = 0; p < sizeof(pairs) / sizeof(pairs[0]); p++)
		if (!nonempty[p])
			fail_msg("%s: no rows anywhere in the demo",
				 query_name(pairs[p].anc));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rollup_rate_is_exact_and_formatted),
		T(test_rollup_demo_city_reproduces_the_seed_figures),
		T(test_rollup_sums_numerators_not_rates),
		T(test_rollup_refuses_units_outside_the_subtree),
		T(test_rollup_both_join_orders_read_the_same_rows),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
