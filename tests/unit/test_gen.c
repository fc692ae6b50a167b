/*
 * Tests for domain/gen.c: the small scale builds the promised tree with a
 * consistent materialised path and unit history, the same seed gives the
 * same rows (and another seed other rows), the live roll-up over the
 * generated data equals a recount by hand, so do the maintained
 * aggregates, and a database that already
 * has units is refused without a change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdb.h"

#include "domain/auth.h"
#include "domain/gen.h"
#include "domain/demo.h"
#include "domain/rollup.h"
#include "domain/rollup_agg.h"

static char dir[64];
static char gen_path[128];
static struct gen_counts gen_n;

static void generate(const char *path, uint64_t seed, struct gen_counts *n)
{
	struct gen_options o = { GEN_SMALL, seed, NULL, NULL };
	struct err e = ERR_INIT;
	struct tdb t;

	tdb_unlink(path);
	tdb_open(&t, path);
	if (gen_run(t.c, &o, n, &e) < 0)
		fail_msg("gen_run: %d %s %s %s", e.status, e.code, e.field,
			 e.message);
	tdb_close(&t);
}

static int group_setup(void **state)
{
	(void)state;
	tdb_mkdtemp(dir);
	snprintf(gen_path, sizeof(gen_path), "%s/gen.db", dir);
	generate(gen_path, 1, &gen_n);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	tdb_rmdir(dir);
	return 0;
}

static void test_gen_small_builds_the_promised_tree(void **state)
{
	(void)state;
	assert_int_equal(gen_n.units, 1 + 3 + 18 + 250);
	assert_int_equal(gen_n.cells, 250);
	assert_int_equal(tdb_sql_int(gen_path, "SELECT COUNT(*) FROM units"),
			 272);
	/* Every path is the parent's path followed by the unit's id. */
	assert_int_equal(tdb_sql_int(gen_path,
				     "SELECT COUNT(*) FROM units u JOIN units p"
				     " ON p.id = u.parent_id WHERE u.path <>"
				     " p.path || u.id || '/' OR u.depth <>"
				     " p.depth + 1"),
			 0);
	/* A cell has itself, its commune, province and the root as
	 * ancestors, and one open link to its parent. */
	assert_int_equal(tdb_sql_int(gen_path,
				     "SELECT COUNT(*) FROM unit_ancestry a JOIN"
				     " units u ON u.id = a.unit_id WHERE"
				     " u.depth = 3"),
			 4 * 250);
	assert_int_equal(tdb_sql_int(gen_path,
				     "SELECT COUNT(*) FROM unit_links l JOIN"
				     " units u ON u.id = l.unit_id WHERE"
				     " l.parent_id = u.parent_id"),
			 271);
	assert_int_equal(tdb_sql_int(gen_path,
				     "SELECT SUM(members) FROM units"),
			 gen_n.members);
	assert_int_equal(tdb_sql_int(gen_path, "SELECT COUNT(*) FROM activities"),
			 gen_n.activities);
	assert_true(gen_n.activities > 250 * 60);
	assert_int_equal(tdb_sql_int(gen_path,
				     "SELECT COUNT(*) FROM opinion_reports"),
			 gen_n.opinion_reports);
	assert_int_equal(tdb_sql_int(gen_path, "SELECT COUNT(*) FROM hotspots"),
			 gen_n.hotspots);
	assert_int_equal(tdb_sql_int(gen_path, "SELECT COUNT(*) FROM users"),
			 3);
	/* Records lie in the five years. */
	assert_int_equal(tdb_sql_int(gen_path,
				     "SELECT COUNT(*) FROM activities WHERE"
				     " date < '2021-01-01' OR date > '2025-12-31'"),
			 0);
}

/* A fingerprint of the generated rows, ids included. */
#define FINGERPRINT                                                           \
	"SELECT (SELECT SUM(id * members_present + length(title) +"            \
	" unit_id * members_expected) FROM activities) + (SELECT SUM(id *"     \
	" numerator + denominator) FROM indicator_values) + (SELECT SUM(id *"  \
	" share_agree + topic_id) FROM opinion_reports) + (SELECT SUM(id *"    \
	" enrolled) FROM classes) + (SELECT SUM(members * id) FROM units)"

static void test_gen_same_seed_gives_same_rows(void **state)
{
	char again[160], other[160];
	struct gen_counts n2, n3;

	(void)state;
	snprintf(again, sizeof(again), "%s/again.db", dir);
	snprintf(other, sizeof(other), "%s/other.db", dir);
	generate(again, 1, &n2);
	generate(other, 2, &n3);
	assert_int_equal(n2.total, gen_n.total);
	assert_int_equal(tdb_sql_int(again, FINGERPRINT),
			 tdb_sql_int(gen_path, FINGERPRINT));
	assert_int_not_equal(tdb_sql_int(other, FINGERPRINT),
			     tdb_sql_int(gen_path, FINGERPRINT));
	tdb_unlink(again);
	tdb_unlink(other);
}

/* A figure of the roll-up's totals: totals.a.b[.c]. */
static int64_t figure(json_t *j, const char *a, const char *b,
		      const char *c)
{
	j = json_object_get(json_object_get(json_object_get(j, "totals"), a),
			    b);
	if (c)
		j = json_object_get(j, c);
	return json_integer_value(j);
}

/* SUM(expr) (or COUNT) over the rows of `table` in the subtree of `code`
 * by path, dated by `col` in [from, to]. */
static int64_t recount(const char *path, const char *expr, const char *table,
		       const char *col, const char *code, const char *from,
		       const char *to)
{
	char sql[1024];

	snprintf(sql, sizeof(sql),
		 "SELECT %s FROM %s x JOIN units u ON u.id = x.unit_id"
		 " JOIN units r ON r.code = '%s' WHERE u.path >= r.path"
		 " AND u.path < substr(r.path, 1, length(r.path) - 1) || '0'"
		 " AND x.%s BETWEEN '%s' AND '%s'",
		 expr, table, code, col, from, to);
	return tdb_sql_int(path, sql);
}

/* The roll-up of a unit equals the sums over its subtree by path. */
static void check_rollup(struct tdb *t, const char *code, const char *from,
			 const char *to)
{
	struct actor a;
	struct err e = ERR_INIT;
	json_t *out = NULL, *members;

	demo_system_actor(&a);
	TDB_OK(rollup_get(t->c, &a, tdb_unit_id(t->c, code), from, to, &out,
			  &e),
	       e);
	assert_true(figure(out, "activities", "all", "count") > 0);
	assert_int_equal(figure(out, "activities", "all", "count"),
			 recount(t->path, "COUNT(*)", "activities", "date",
				 code, from, to));
	members = json_object_get(json_object_get(json_object_get(
				json_object_get(out, "totals"), "activities"),
				"all"), "members");
	assert_int_equal(json_integer_value(json_object_get(members,
							    "numerator")),
			 recount(t->path, "SUM(members_present)", "activities",
				 "date", code, from, to));
	assert_int_equal(json_integer_value(json_object_get(members,
							    "denominator")),
			 recount(t->path, "SUM(members_expected)",
				 "activities", "date", code, from, to));
	assert_int_equal(figure(out, "classes", "all", "enrolled"),
			 recount(t->path, "SUM(enrolled)", "classes",
				 "start_date", code, from, to));
	assert_int_equal(figure(out, "reporter_conferences", "audience", NULL),
			 recount(t->path, "SUM(audience)",
				 "reporter_conferences", "date", code, from,
				 to));
	json_decref(out);
}

static void test_gen_rollup_equals_recount(void **state)
{
	struct tdb t;

	(void)state;
	tdb_open(&t, gen_path);
	check_rollup(&t, "TW", "2021-01-01", "2025-12-31");
	check_rollup(&t, "QNI", "2024-01-01", "2024-12-31");
	check_rollup(&t, "TNG-X002", "2023-05-01", "2023-05-31");
	tdb_close(&t);
}

/* The maintained aggregates the roll-up reads agree with a recount from
 * the generated records. */
static void test_gen_leaves_the_aggregates_consistent(void **state)
{
	struct err e = ERR_INIT;
	struct actor a;
	int64_t rows = -1, rollups = -1;
	struct tdb t;

	(void)state;
	tdb_open(&t, gen_path);
	demo_system_actor(&a);
	assert_int_equal(rollup_agg_check(t.c, &a, NULL, &rows, &rollups,
					  stderr, &e),
			 0);
	assert_int_equal(rows, 0);
	assert_int_equal(rollups, 0);
	tdb_close(&t);
}

static void test_gen_refuses_a_database_with_units(void **state)
{
	struct gen_options o = { GEN_SMALL, 1, NULL, NULL };
	struct gen_counts n;
	struct err e = ERR_INIT;
	int64_t before = tdb_sql_int(gen_path, "SELECT COUNT(*) FROM activities");
	struct tdb t;

	(void)state;
	tdb_open(&t, gen_path);
	assert_int_equal(gen_run(t.c, &o, &n, &e), -1);
	assert_int_equal(e.status, ERR_CONFLICT);
	tdb_close(&t);
	assert_int_equal(tdb_sql_int(gen_path, "SELECT COUNT(*) FROM activities"),
			 before);
}

static void test_gen_scale_names(void **state)
{
	enum gen_scale s;

	(void)state;
	assert_int_equal(gen_scale_parse("national", &s), 0);
	assert_int_equal(s, GEN_NATIONAL);
	assert_int_equal(gen_scale_parse("province", &s), 0);
	assert_int_equal(s, GEN_PROVINCE);
	assert_int_equal(gen_scale_parse("small", &s), 0);
	assert_int_equal(s, GEN_SMALL);
	assert_int_equal(gen_scale_parse("huge", &s), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gen_small_builds_the_promised_tree),
		cmocka_unit_test(test_gen_same_seed_gives_same_rows),
		cmocka_unit_test(test_gen_rollup_equals_recount),
		cmocka_unit_test(test_gen_leaves_the_aggregates_consistent),
		cmocka_unit_test(test_gen_refuses_a_database_with_units),
		cmocka_unit_test(test_gen_scale_names),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
