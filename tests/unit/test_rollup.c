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
#include "domain/indicators.h"
#include "domain/rollup.h"
#include "domain/study.h"

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

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rollup_rate_is_exact_and_formatted),
		T(test_rollup_demo_city_reproduces_the_seed_figures),
		T(test_rollup_sums_numerators_not_rates),
		T(test_rollup_refuses_units_outside_the_subtree),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
