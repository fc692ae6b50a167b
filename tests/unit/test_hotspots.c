/*
 * Tests for domain/hotspots.c and the aggregates of domain/opinion.c: the
 * status machine (detected -> handling -> resolved -> closed, reopen to
 * handling), the counts (open at the end of a range, opened and resolved
 * in it, average and longest days to resolve) alone and over the demo
 * province, and opinion shares weighted by number of reports.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdb.h"

#include "domain/auth.h"
#include "domain/demo.h"
#include "domain/hotspots.h"
#include "domain/opinion.h"

static void test_hotspots_allows_only_the_chain_and_reopen(void **state)
{
	bool reopen = true;
	int from, to, allowed = 0;

	(void)state;
	assert_true(hotspots_transition_allowed(HS_DETECTED, HS_HANDLING,
						&reopen));
	assert_false(reopen);
	assert_true(hotspots_transition_allowed(HS_HANDLING, HS_RESOLVED, NULL));
	assert_true(hotspots_transition_allowed(HS_RESOLVED, HS_CLOSED, NULL));
	assert_true(hotspots_transition_allowed(HS_RESOLVED, HS_HANDLING,
						&reopen));
	assert_true(reopen);
	assert_true(hotspots_transition_allowed(HS_CLOSED, HS_HANDLING,
						&reopen));
	assert_true(reopen);
	/* skipping a step, going back other than by reopening, staying */
	assert_false(hotspots_transition_allowed(HS_DETECTED, HS_RESOLVED, NULL));
	assert_false(hotspots_transition_allowed(HS_DETECTED, HS_CLOSED, NULL));
	assert_false(hotspots_transition_allowed(HS_HANDLING, HS_CLOSED, NULL));
	assert_false(hotspots_transition_allowed(HS_HANDLING, HS_DETECTED, NULL));
	assert_false(hotspots_transition_allowed(HS_CLOSED, HS_RESOLVED, NULL));
	assert_false(hotspots_transition_allowed(HS_CLOSED, HS_DETECTED, NULL));
	for (from = 0; from < HS__COUNT; from++)
		for (to = 0; to < HS__COUNT; to++)
			allowed += hotspots_transition_allowed(from, to, NULL);
	assert_int_equal(allowed, 5);
}

static void test_hotspots_status_names_round_trip(void **state)
{
	int s;

	(void)state;
	for (s = 0; s < HS__COUNT; s++)
		assert_int_equal(hotspots_status_parse(hotspots_status_name(s)), s);
	assert_int_equal(hotspots_status_parse("open"), -1);
	assert_int_equal(hotspots_status_parse(NULL), -1);
}

static void test_hotspots_counts_open_opened_resolved_days(void **state)
{
	struct hotspots_counts s = { 0 };
	const char *from = "2026-01-01", *to = "2026-12-31";

	(void)state;
	/* opened last year, resolved this year after 78 days */
	hotspots_count(&s, from, to, "2025-12-10", "closed", "2026-02-26", 78);
	/* opened and resolved this year */
	hotspots_count(&s, from, to, "2026-03-08", "resolved", "2026-03-18", 10);
	/* still open */
	hotspots_count(&s, from, to, "2026-10-19", "handling", NULL, 0);
	/* resolved after the range: open at its end */
	hotspots_count(&s, from, "2026-06-30", "2026-06-01", "resolved",
		       "2026-07-15", 44);
	/* opened after the range: not counted at all */
	hotspots_count(&s, from, "2026-06-30", "2026-11-20", "detected", NULL, 0);
	assert_int_equal(s.opened, 3);
	assert_int_equal(s.resolved, 2);
	assert_int_equal(s.open, 2);
	assert_int_equal(s.days, 88);
	assert_int_equal(s.longest, 78);
	assert_int_equal(s.by_status[HS_CLOSED], 1);
	assert_int_equal(s.by_status[HS_RESOLVED], 2);
	assert_int_equal(s.by_status[HS_HANDLING], 1);
	assert_int_equal(s.by_status[HS_DETECTED], 0);
}

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

	snprintf(name, sizeof(name), "hs%d.db", ++seq);
	tdb_open_copy(&t, dir, demo_path, name);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	tdb_drop(*state);
	return 0;
}

static json_int_t jint(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static void test_hotspots_stats_of_the_demo_year(void **state)
{
	struct tdb *t = *state;
	struct err e = ERR_INIT;
	struct actor a;
	json_t *out, *v;
	json_int_t resolved = 0;
	size_t i;

	demo_system_actor(&a);
	TDB_OK(hotspots_stats(t->c, &a, tdb_unit_id(t->c, "SH"), "2026-01-01",
			      "2026-12-31", &out, &e),
	       e);
	assert_int_equal(jint(out, "resolved"), 10);
	assert_int_equal(jint(out, "open"), 5);
	assert_int_equal(jint(out, "opened"), 14);
	assert_int_equal(jint(out, "longest_days_to_resolve"), 78);
	assert_string_equal(json_string_value(json_object_get(out, "text")),
			    "đã phối hợp giải quyết 10 vụ việc");
	json_array_foreach(json_object_get(out, "by_topic"), i, v)
		resolved += jint(v, "resolved");
	assert_int_equal(resolved, 10);
	json_decref(out);
	/* the first half-year only: resolved by 2026-06-30 */
	TDB_OK(hotspots_stats(t->c, &a, tdb_unit_id(t->c, "SH"), "2026-01-01",
			      "2026-06-30", &out, &e),
	       e);
	assert_int_equal(jint(out, "resolved"), 5);
	json_decref(out);
}

static void add_report(struct store_conn *c, const struct actor *a,
		       int64_t unit, int64_t topic, const char *day, int agree,
		       const char *intensity)
{
	struct err e = ERR_INIT;
	json_t *b = json_pack("{s:I, s:I, s:s, s:s, s:s, s:i, s:s}", "unit_id",
			      (json_int_t)unit, "topic_id", (json_int_t)topic,
			      "period_type", "day", "period", day, "summary",
			      "Ý kiến chung", "share_agree", agree, "intensity",
			      intensity),
	       *out = NULL;

	TDB_OK(opinion_create(c, a, b, &out, &e), e);
	json_decref(b);
	json_decref(out);
}

static void test_opinion_shares_are_weighted_by_reports(void **state)
{
	struct tdb *t = *state;
	struct err e = ERR_INIT;
	struct actor a;
	json_t *out, *topic, *shares;
	int64_t kh = tdb_unit_id(t->c, "SH-KH"),
		kp = tdb_unit_id(t->c, "SH-KP");
	int64_t cs = tdb_sql_int(t->path,
				 "SELECT id FROM opinion_topics WHERE code = 'CS'");

	demo_system_actor(&a);
	/* before the demo year: nothing else in June 2025 */
	add_report(t->c, &a, kh, cs, "2025-06-10", 100, "high");
	add_report(t->c, &a, kp, cs, "2025-06-11", 0, "low");
	add_report(t->c, &a, kp, cs, "2025-06-12", 20, "low");
	TDB_OK(opinion_stats(t->c, &a, tdb_unit_id(t->c, "SH"), "2025-06-01",
			     "2025-06-30", &out, &e),
	       e);
	assert_int_equal(jint(out, "reports"), 3);
	assert_int_equal(jint(json_object_get(out, "intensity"), "high"), 1);
	assert_int_equal(jint(json_object_get(out, "intensity"), "low"), 2);
	topic = json_array_get(json_object_get(out, "topics"), 0);
	assert_string_equal(json_string_value(json_object_get(topic, "code")),
			    "CS");
	assert_int_equal(jint(topic, "previous_reports"), 0);
	assert_string_equal(json_string_value(json_object_get(topic, "trend")),
			    "up");
	/* (100 + 0 + 20) / 3 reports, not weighted by anything else */
	shares = json_object_get(topic, "shares");
	assert_true(json_real_value(json_object_get(shares, "agree")) == 40.0);
	assert_true(json_real_value(json_object_get(shares, "not_expressed")) ==
		    60.0);
	assert_string_equal(json_string_value(json_object_get(shares,
							      "weighting")),
			    "reports");
	/* top localities: Kỳ Phong with two reports first */
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(topic,
								   "localities"),
						   0),
				    "code")),
			    "SH-KP");
	json_decref(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hotspots_allows_only_the_chain_and_reopen),
		cmocka_unit_test(test_hotspots_status_names_round_trip),
		cmocka_unit_test(test_hotspots_counts_open_opened_resolved_days),
	};
	const struct CMUnitTest db_tests[] = {
		cmocka_unit_test_setup_teardown(test_hotspots_stats_of_the_demo_year,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_opinion_shares_are_weighted_by_reports, setup,
			teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL) |
	       cmocka_run_group_tests(db_tests, group_setup, group_teardown);
}
