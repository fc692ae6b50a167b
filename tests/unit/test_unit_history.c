/*
 * Tests for domain/unit_history.c: a merge in the middle of a period
 * attributes each record to the tree of its own date, keeps the totals,
 * refuses records for the merged unit after the merge, and leaves the
 * open ancestry rows equal to the current tree (units.path).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdb.h"

#include "domain/auth.h"
#include "domain/rollup.h"
#include "domain/study.h"
#include "domain/unit_history.h"

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

	snprintf(name, sizeof(name), "uh%d.db", ++seq);
	tdb_open_copy(&t, dir, demo_path, name);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	tdb_drop(*state);
	return 0;
}

static int add_activity(struct store_conn *c, const struct actor *a,
			int64_t unit, const char *date, int present,
			struct err *e)
{
	json_t *b = json_pack("{s:I, s:s, s:s, s:i, s:i}", "unit_id",
			      (json_int_t)unit, "date", date, "kind",
			      "political", "members_present", present,
			      "members_expected", present + 1),
	       *out = NULL;
	int rc = study_create(c, a, b, &out, e);

	json_decref(b);
	json_decref(out);
	return rc;
}

/* Members present in political activities of `code`'s subtree. */
static int64_t present(struct store_conn *c, const struct actor *a,
		       const char *code, const char *from, const char *to)
{
	struct err e = ERR_INIT;
	json_t *out;
	int64_t v;

	TDB_OK(rollup_get(c, a, tdb_unit_id(c, code), from, to, &out, &e), e);
	v = json_integer_value(json_object_get(
		json_object_get(json_object_get(json_object_get(
					json_object_get(out, "totals"),
					"activities"),
				"political"),
			"members"),
		"numerator"));
	json_decref(out);
	return v;
}

/* Every unit's open ancestry rows are exactly the ids on its path. */
static void assert_ancestry_matches_paths(const char *db)
{
	int64_t bad = tdb_sql_int(
		db,
		"SELECT COUNT(*) FROM unit_ancestry x JOIN units u"
		" ON u.id = x.unit_id JOIN units an ON an.id = x.ancestor_id"
		" WHERE x.valid_to = '9999-12-31' AND (x.depth > 0 OR"
		" x.ancestor_id = x.unit_id) AND NOT EXISTS (SELECT 1 FROM"
		" unit_merges m WHERE m.unit_id = u.id)"
		" AND instr(u.path, '/' || an.id || '/') = 0");
	int64_t missing = tdb_sql_int(
		db,
		"SELECT COUNT(*) FROM units u JOIN units an ON"
		" instr(u.path, '/' || an.id || '/') > 0 WHERE NOT EXISTS"
		" (SELECT 1 FROM unit_merges m WHERE m.unit_id = u.id)"
		" AND NOT EXISTS (SELECT 1 FROM unit_ancestry x WHERE"
		" x.unit_id = u.id AND x.ancestor_id = an.id AND"
		" x.valid_to = '9999-12-31')");

	assert_int_equal(bad, 0);
	assert_int_equal(missing, 0);
}

static void test_merge_attributes_records_by_their_date(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	json_t *b, *out = NULL;
	int64_t kn = tdb_unit_id(t->c, "SH-KN"), kh = tdb_unit_id(t->c, "SH-KH");
	int64_t cell = tdb_unit_id(t->c, "SH-KN-CB02"), total;

	demo_system_actor(&a);
	TDB_OK(add_activity(t->c, &a, cell, "2024-02-10", 30, &e), e);
	TDB_OK(add_activity(t->c, &a, kn, "2024-02-11", 5, &e), e);
	total = present(t->c, &a, "SH", "2024-01-01", "2024-06-30");
	b = json_pack("{s:I, s:s}", "into", (json_int_t)kh, "date",
		      "2024-04-01");
	TDB_OK(unit_history_merge(t->c, &a, kn, b, &out, &e), e);
	json_decref(b);
	json_decref(out);
	TDB_OK(add_activity(t->c, &a, cell, "2024-05-10", 20, &e), e);
	TDB_FAILS(add_activity(t->c, &a, kn, "2024-05-11", 1, &e), e, 400,
		  "invalid", "unit_id");
	/* Before the merge under Kỳ Nam, after it under Kỳ Hoa. */
	assert_int_equal(present(t->c, &a, "SH-KN", "2024-01-01", "2024-06-30"),
			 35);
	assert_int_equal(present(t->c, &a, "SH-KH", "2024-01-01", "2024-06-30"),
			 20);
	/* The province counts each record once. */
	assert_int_equal(present(t->c, &a, "SH", "2024-01-01", "2024-06-30"),
			 total + 20);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM units"),
			 115);
	assert_ancestry_matches_paths(t->path);
}

static void test_move_and_same_day_move_keep_history(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	json_t *b, *out = NULL;
	int64_t cell = tdb_unit_id(t->c, "SH-SL-CB02");

	demo_system_actor(&a);
	TDB_OK(add_activity(t->c, &a, cell, "2023-03-01", 10, &e), e);
	TDB_OK(add_activity(t->c, &a, cell, "2023-09-01", 7, &e), e);
	b = json_pack("{s:I, s:s}", "parent_id",
		      (json_int_t)tdb_unit_id(t->c, "SH-KP"), "date",
		      "2023-06-01");
	TDB_OK(unit_history_move(t->c, &a, cell, b, &out, &e), e);
	json_decref(b);
	json_decref(out);
	/* A second move on the same day replaces the first. */
	b = json_pack("{s:I, s:s}", "parent_id",
		      (json_int_t)tdb_unit_id(t->c, "SH-KN"), "date",
		      "2023-06-01");
	TDB_OK(unit_history_move(t->c, &a, cell, b, &out, &e), e);
	json_decref(b);
	json_decref(out);
	assert_int_equal(present(t->c, &a, "SH-SL", "2023-01-01", "2023-12-31"),
			 10);
	assert_int_equal(present(t->c, &a, "SH-KP", "2023-01-01", "2023-12-31"),
			 0);
	assert_int_equal(present(t->c, &a, "SH-KN", "2023-01-01", "2023-12-31"),
			 7);
	/* Before the last change is refused. */
	b = json_pack("{s:I, s:s}", "parent_id",
		      (json_int_t)tdb_unit_id(t->c, "SH-SL"), "date",
		      "2023-05-01");
	TDB_FAILS(unit_history_move(t->c, &a, cell, b, &out, &e), e, 400,
		  "invalid", "date");
	json_decref(b);
	assert_ancestry_matches_paths(t->path);
}

static void test_demo_merge_is_recorded(void **state)
{
	struct tdb *t = *state;

	assert_int_equal(tdb_sql_int(t->path,
				     "SELECT COUNT(*) FROM unit_merges m JOIN"
				     " units u ON u.id = m.unit_id WHERE"
				     " u.code = 'SH-LG-TG' AND m.merged_on ="
				     " '2025-07-01'"),
			 1);
	assert_ancestry_matches_paths(t->path);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_merge_attributes_records_by_their_date),
		T(test_move_and_same_day_move_keep_history),
		T(test_demo_merge_is_recorded),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
