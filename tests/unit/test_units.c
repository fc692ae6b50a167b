/*
 * Tests for the unit tree and its levels (src/domain/units.c): materialised
 * paths and subtree ranges, the tree rules (parent exists and is in scope,
 * no cycles, unique codes, child levels rank below their parent's, no
 * deleting units in use), moves that carry their subtree, scope (a commune
 * user sees its own cells and nothing of its siblings), accent-insensitive
 * search, and one audit row per write.
 *
 * The demo province is built once for the group and copied for each test;
 * tests that need exact ids build small trees in an empty database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdb.h"

#include "domain/auth.h"

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

/* Each test: a private copy of the demo province. */
static int setup_demo(void **state)
{
	static struct tdb t;
	char name[32];

	snprintf(name, sizeof(name), "units%d.db", ++seq);
	tdb_open_copy(&t, dir, demo_path, name);
	*state = &t;
	return 0;
}

/* Each test: an empty database. */
static int setup_empty(void **state)
{
	static struct tdb t;
	char p[128];

	snprintf(p, sizeof(p), "%s/empty%d.db", dir, ++seq);
	tdb_open(&t, p);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	tdb_drop(*state);
	return 0;
}

/* --- helpers ------------------------------------------------------------ */

static int64_t jint(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	assert_true(json_is_integer(v));
	return json_integer_value(v);
}

static const char *jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	assert_true(json_is_string(v));
	return json_string_value(v);
}

/* The path of unit `id`, read from the file. */
static void unit_path(struct tdb *t, int64_t id, char *out, size_t size)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "SELECT path FROM units WHERE id = %" PRId64,
		 id);
	tdb_sql_text(t->path, sql, out, size);
}

static int64_t sql_intf(struct tdb *t, const char *fmt, int64_t arg)
{
	char sql[512];

	snprintf(sql, sizeof(sql), fmt, arg);
	return tdb_sql_int(t->path, sql);
}

/* A specialist whose subtree is unit `code`. */
static void scoped_actor(struct tdb *t, const char *code, struct actor *a)
{
	struct actor sys;
	struct err e = ERR_INIT;

	demo_system_actor(&sys);
	memset(a, 0, sizeof(*a));
	a->user_id = 0;
	a->role = ROLE_SPECIALIST;
	a->unit_id = tdb_unit_id(t->c, code);
	TDB_OK(units_check_scope(t->c, &sys, a->unit_id, a->unit_path, &e), e);
	snprintf(a->username, sizeof(a->username), "test.%s", code);
	snprintf(a->unit_code, sizeof(a->unit_code), "%s", code);
	strcpy(a->ip, "127.0.0.1");
}

/* Create a unit under `parent_id`; returns its id. */
static int64_t create_unit(struct tdb *t, const struct actor *a,
			   const char *code, const char *name,
			   const char *level, int64_t parent_id, int members)
{
	struct err e = ERR_INIT;
	json_t *body, *out = NULL;
	int64_t id;

	body = json_pack("{s:s, s:s, s:s, s:I, s:i}", "code", code, "name",
			 name, "level", level, "parent_id",
			 (json_int_t)parent_id, "members", members);
	TDB_OK(units_create(t->c, a, body, &out, &e), e);
	json_decref(body);
	id = jint(out, "id");
	json_decref(out);
	return id;
}

static void create_level(struct tdb *t, const char *code, int rank)
{
	struct actor sys;
	struct err e = ERR_INIT;
	json_t *body, *out = NULL;

	demo_system_actor(&sys);
	body = json_pack("{s:s, s:s, s:i}", "code", code, "name", code, "rank",
			 rank);
	TDB_OK(levels_create(t->c, &sys, body, &out, &e), e);
	json_decref(body);
	json_decref(out);
}

/* The root "R" with levels tinh(1) > huyen(2) > coso(3) > chibo(4). */
static int64_t small_tree_root(struct tdb *t)
{
	struct actor sys;
	struct err e = ERR_INIT;
	json_t *body, *out = NULL;
	int64_t id;

	demo_system_actor(&sys);
	create_level(t, "tinh", 1);
	create_level(t, "huyen", 2);
	create_level(t, "coso", 3);
	create_level(t, "chibo", 4);
	body = json_pack("{s:s, s:s, s:s}", "code", "r", "name", "Tỉnh ủy thử",
			 "level", "tinh");
	TDB_OK(units_create_root(t->c, &sys, body, &out, &e), e);
	json_decref(body);
	id = jint(out, "id");
	assert_string_equal(jstr(out, "code"), "R");
	assert_true(json_is_null(json_object_get(out, "parent_id")));
	assert_int_equal(jint(out, "depth"), 0);
	json_decref(out);
	return id;
}

/* Does the JSON list hold a unit with `code`? */
static bool has_code(json_t *list, const char *code)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(list, "items"), i, v)
		if (!strcmp(jstr(v, "code"), code))
			return true;
	return false;
}

/* A whole-tree fingerprint: every id, parent, path and depth. */
static void tree_fingerprint(struct tdb *t, char *out, size_t size)
{
	tdb_sql_text(t->path,
		     "SELECT group_concat(id || ':' || ifnull(parent_id, '-') ||"
		     " ':' || path || ':' || depth, ',') FROM (SELECT * FROM"
		     " units ORDER BY id)",
		     out, size);
}

/* --- tests -------------------------------------------------------------- */

static void test_create_root_and_children_sets_paths_depths_and_totals(
	void **state)
{
	struct tdb *t = *state;
	struct actor sys;
	struct err e = ERR_INIT;
	int64_t root, ward, cell1, cell2;
	char p[UNIT_PATH_SIZE], want[UNIT_PATH_SIZE];
	json_t *out = NULL;

	demo_system_actor(&sys);
	root = small_tree_root(t);
	ward = create_unit(t, &sys, "W", "Đảng ủy phường Một", "coso", root, 0);
	cell1 = create_unit(t, &sys, "W-1", "Chi bộ khóm 1", "chibo", ward, 30);
	cell2 = create_unit(t, &sys, "w-2", "Chi bộ khóm 2", "chibo", ward, 12);

	unit_path(t, root, p, sizeof(p));
	snprintf(want, sizeof(want), "/%" PRId64 "/", root);
	assert_string_equal(p, want);
	unit_path(t, cell2, p, sizeof(p));
	snprintf(want, sizeof(want), "/%" PRId64 "/%" PRId64 "/%" PRId64 "/",
		 root, ward, cell2);
	assert_string_equal(p, want);

	TDB_OK(units_get(t->c, &sys, cell1, &out, &e), e);
	assert_int_equal(jint(out, "parent_id"), ward);
	assert_int_equal(jint(out, "depth"), 2);
	assert_int_equal(jint(out, "members"), 30);
	assert_string_equal(jstr(out, "level"), "chibo");
	assert_int_equal(json_array_size(json_object_get(out, "ancestors")), 2);
	json_decref(out);

	TDB_OK(units_get(t->c, &sys, ward, &out, &e), e);
	assert_int_equal(jint(out, "child_count"), 2);
	assert_int_equal(jint(out, "own_members"), 0);
	assert_int_equal(jint(out, "members"), 42);
	json_decref(out);

	/* Codes are stored upper-case. */
	TDB_OK(units_get(t->c, &sys, cell2, &out, &e), e);
	assert_string_equal(jstr(out, "code"), "W-2");
	json_decref(out);

	TDB_OK(units_get(t->c, &sys, root, &out, &e), e);
	assert_int_equal(jint(out, "members"), 42);
	json_decref(out);
}

static void test_subtree_range_bumps_the_final_slash(void **state)
{
	char lo[UNIT_PATH_SIZE], hi[UNIT_PATH_SIZE];

	(void)state;
	units_subtree_range("/1/2/", lo, hi);
	assert_string_equal(lo, "/1/2/");
	assert_string_equal(hi, "/1/20");
	/* Descendants fall inside [lo, hi) ... */
	assert_true(strcmp("/1/2/", lo) >= 0 && strcmp("/1/2/", hi) < 0);
	assert_true(strcmp("/1/2/5/", lo) >= 0 && strcmp("/1/2/5/", hi) < 0);
	assert_true(strcmp("/1/2/999/7/", lo) >= 0 &&
		    strcmp("/1/2/999/7/", hi) < 0);
	/* ... siblings whose id starts with the same digits do not. */
	assert_false(strcmp("/1/23/", lo) >= 0 && strcmp("/1/23/", hi) < 0);
	assert_false(strcmp("/1/20/", lo) >= 0 && strcmp("/1/20/", hi) < 0);
	assert_false(strcmp("/1/", lo) >= 0 && strcmp("/1/", hi) < 0);
	assert_false(strcmp("/1/3/", lo) >= 0 && strcmp("/1/3/", hi) < 0);

	units_subtree_range("/", lo, hi);
	assert_string_equal(lo, "/");
	assert_string_equal(hi, "0");
}

static void test_subtree_search_excludes_siblings_sharing_an_id_prefix(
	void **state)
{
	struct tdb *t = *state;
	struct actor sys, a;
	struct err e = ERR_INIT;
	struct units_filter f = { 0, "don vi", NULL, 100, 0 };
	int64_t root, id = 0, two = 0, child;
	char code[16], name[64], sib_path[UNIT_PATH_SIZE];
	json_t *out = NULL;
	size_t i;
	json_t *v;

	demo_system_actor(&sys);
	root = small_tree_root(t);
	/* Children of the root until one has id 23 (and one has id 2). */
	while (id < 23) {
		snprintf(code, sizeof(code), "C%d", seq * 100 + (int)id);
		snprintf(name, sizeof(name), "Đơn vị %d", (int)id);
		id = create_unit(t, &sys, code, name, "coso", root, 1);
		if (id == 2)
			two = id;
	}
	assert_int_equal(two, 2);
	child = create_unit(t, &sys, "C2-1", "Đơn vị con", "chibo", two, 1);
	unit_path(t, 23, sib_path, sizeof(sib_path));
	assert_string_equal(sib_path, "/1/23/");

	memset(&a, 0, sizeof(a));
	a.role = ROLE_SPECIALIST;
	a.unit_id = two;
	strcpy(a.unit_path, "/1/2/");
	TDB_OK(units_list(t->c, &a, &f, &out, &e), e);
	assert_int_equal(jint(out, "total"), 2);
	json_array_foreach(json_object_get(out, "items"), i, v)
		assert_true(jint(v, "id") == two || jint(v, "id") == child);
	json_decref(out);

	TDB_FAILS(units_get(t->c, &a, 23, &out, &e), e, 404, "out_of_scope",
		  NULL);
	TDB_FAILS(units_get(t->c, &a, 20, &out, &e), e, 404, "out_of_scope",
		  NULL);
	TDB_OK(units_get(t->c, &a, child, &out, &e), e);
	json_decref(out);
}

static void test_path_within_is_a_prefix_test_on_whole_segments(
	void **state)
{
	(void)state;
	assert_true(units_path_within("/1/2/", "/1/2/"));
	assert_true(units_path_within("/1/2/", "/1/2/5/"));
	assert_true(units_path_within("/1/2/", "/1/2/23/7/"));
	assert_false(units_path_within("/1/2/", "/1/23/"));
	assert_false(units_path_within("/1/2/", "/1/"));
	assert_false(units_path_within("/1/2/", "/3/2/"));
	assert_true(units_path_within("/", "/1/23/"));
	/* No scope at all sees nothing. */
	assert_false(units_path_within("", "/1/"));
}

static void test_move_under_own_descendant_is_refused_and_tree_unchanged(
	void **state)
{
	struct tdb *t = *state;
	struct actor sys;
	struct err e = ERR_INIT;
	int64_t lg = tdb_unit_id(t->c, "SH-LG");
	int64_t mp = tdb_unit_id(t->c, "SH-LG-MP");
	int64_t cell = tdb_unit_id(t->c, "SH-LG-MP-CB01");
	char before[16384], after[16384];
	json_t *body, *out = NULL;
	int64_t audits = tdb_sql_int(t->path, "SELECT COUNT(*) FROM audit");

	demo_system_actor(&sys);
	tree_fingerprint(t, before, sizeof(before));

	/* A plain move under a child or a grandchild, or under itself. A
	 * descendant always ranks lower, so the level rule would refuse too:
	 * the user must be told about the cycle, on parent_id. */
	body = json_pack("{s:I}", "parent_id", (json_int_t)mp);
	TDB_FAILS(units_update(t->c, &sys, lg, body, &out, &e), e, 400,
		  "invalid", "parent_id");
	TDB_FAILS(units_update(t->c, &sys, mp, body, &out, &e), e, 400,
		  "invalid", "parent_id");
	json_decref(body);
	assert_null(out);
	body = json_pack("{s:I}", "parent_id", (json_int_t)cell);
	TDB_FAILS(units_update(t->c, &sys, lg, body, &out, &e), e, 400,
		  "invalid", "parent_id");
	json_decref(body);

	/* With a level low enough to pass the rank rule, still refused. */
	create_level(t, "to", 9);
	audits++;
	body = json_pack("{s:I, s:s}", "parent_id", (json_int_t)cell, "level",
			 "to");
	TDB_FAILS(units_update(t->c, &sys, mp, body, &out, &e), e, 400,
		  "invalid", "parent_id");
	TDB_FAILS(units_update(t->c, &sys, lg, body, &out, &e), e, 400,
		  "invalid", "parent_id");
	json_decref(body);
	body = json_pack("{s:I, s:s}", "parent_id", (json_int_t)mp, "level",
			 "to");
	TDB_FAILS(units_update(t->c, &sys, mp, body, &out, &e), e, 400,
		  "invalid", "parent_id");
	json_decref(body);
	assert_false(store_in_txn(t->c));

	tree_fingerprint(t, after, sizeof(after));
	assert_string_equal(before, after);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM audit"),
			 audits);
}

static void test_unknown_parent_is_refused_on_parent_id(void **state)
{
	struct tdb *t = *state;
	struct actor sys;
	struct err e = ERR_INIT;
	json_t *body, *out = NULL;
	int64_t kh = tdb_unit_id(t->c, "SH-KH");
	int64_t units = tdb_sql_int(t->path, "SELECT COUNT(*) FROM units");

	demo_system_actor(&sys);
	body = json_pack("{s:s, s:s, s:s, s:i}", "code", "NEW", "name", "Mới",
			 "level", "chibo", "parent_id", 999999);
	TDB_FAILS(units_create(t->c, &sys, body, &out, &e), e, 400, "invalid",
		  "parent_id");
	json_decref(body);
	assert_null(out);

	body = json_pack("{s:i}", "parent_id", 999999);
	TDB_FAILS(units_update(t->c, &sys, kh, body, &out, &e), e, 400,
		  "invalid", "parent_id");
	json_decref(body);

	/* A unit that has a parent cannot lose it. */
	body = json_pack("{s:n}", "parent_id");
	TDB_FAILS(units_update(t->c, &sys, kh, body, &out, &e), e, 400,
		  "invalid", "parent_id");
	json_decref(body);

	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM units"),
			 units);
	assert_false(store_in_txn(t->c));
}

static void test_duplicate_code_is_conflict_on_code(void **state)
{
	struct tdb *t = *state;
	struct actor sys;
	struct err e = ERR_INIT;
	json_t *body, *out = NULL;
	int64_t sh = tdb_unit_id(t->c, "SH");
	int64_t kn = tdb_unit_id(t->c, "SH-KN");
	int64_t audits = tdb_sql_int(t->path, "SELECT COUNT(*) FROM audit");

	demo_system_actor(&sys);
	body = json_pack("{s:s, s:s, s:s, s:I}", "code", "SH-KH", "name",
			 "Trùng", "level", "coso", "parent_id", (json_int_t)sh);
	TDB_FAILS(units_create(t->c, &sys, body, &out, &e), e, 409, "conflict",
		  "code");
	json_decref(body);
	/* Codes compare after upper-casing. */
	body = json_pack("{s:s, s:s, s:s, s:I}", "code", "sh-kh", "name",
			 "Trùng", "level", "coso", "parent_id", (json_int_t)sh);
	TDB_FAILS(units_create(t->c, &sys, body, &out, &e), e, 409, "conflict",
		  "code");
	json_decref(body);
	body = json_pack("{s:s}", "code", "SH-KH");
	TDB_FAILS(units_update(t->c, &sys, kn, body, &out, &e), e, 409,
		  "conflict", "code");
	json_decref(body);

	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM units"
					      " WHERE code = 'SH-KH'"),
			 1);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM audit"),
			 audits);
	assert_false(store_in_txn(t->c));
}

static void test_child_level_must_rank_below_parent(void **state)
{
	struct tdb *t = *state;
	struct actor sys;
	struct err e = ERR_INIT;
	json_t *body, *out = NULL;
	int64_t kh = tdb_unit_id(t->c, "SH-KH");
	int64_t cell = tdb_unit_id(t->c, "SH-KH-CB01");
	int64_t units = tdb_sql_int(t->path, "SELECT COUNT(*) FROM units");

	demo_system_actor(&sys);
	/* Above the parent. */
	body = json_pack("{s:s, s:s, s:s, s:I}", "code", "X1", "name", "X",
			 "level", "coso", "parent_id", (json_int_t)cell);
	TDB_FAILS(units_create(t->c, &sys, body, &out, &e), e, 400, "invalid",
		  "level");
	json_decref(body);
	/* Level with the parent. */
	body = json_pack("{s:s, s:s, s:s, s:I}", "code", "X1", "name", "X",
			 "level", "chibo", "parent_id", (json_int_t)cell);
	TDB_FAILS(units_create(t->c, &sys, body, &out, &e), e, 400, "invalid",
		  "level");
	json_decref(body);
	/* An unknown level. */
	body = json_pack("{s:s, s:s, s:s, s:I}", "code", "X1", "name", "X",
			 "level", "khong-co", "parent_id", (json_int_t)kh);
	TDB_FAILS(units_create(t->c, &sys, body, &out, &e), e, 400, "invalid",
		  "level");
	json_decref(body);
	/* An update may not raise a cell to its parent's level. */
	body = json_pack("{s:s}", "level", "coso");
	TDB_FAILS(units_update(t->c, &sys, cell, body, &out, &e), e, 400,
		  "invalid", "level");
	json_decref(body);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM units"),
			 units);
	/* Below the parent is fine. */
	create_unit(t, &sys, "X1", "X", "chibo", kh, 0);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM units"),
			 units + 1);
}

static void test_move_repaths_subtree_and_members_totals_follow(void **state)
{
	struct tdb *t = *state;
	struct actor sys;
	struct err e = ERR_INIT;
	json_t *body, *out = NULL;
	int64_t sh = tdb_unit_id(t->c, "SH"), lg = tdb_unit_id(t->c, "SH-LG");
	int64_t kh = tdb_unit_id(t->c, "SH-KH");
	int64_t kh_size, kh_total, lg_total, sh_total;
	char new_prefix[UNIT_PATH_SIZE], p[UNIT_PATH_SIZE];
	char sql[512];

	demo_system_actor(&sys);
	kh_size = sql_intf(t, "SELECT COUNT(*) FROM units WHERE parent_id = %"
			      PRId64, kh) + 1;
	assert_true(kh_size > 1);
	TDB_OK(units_get(t->c, &sys, kh, &out, &e), e);
	kh_total = jint(out, "members");
	assert_int_equal(jint(out, "depth"), 1);
	json_decref(out);
	TDB_OK(units_get(t->c, &sys, lg, &out, &e), e);
	lg_total = jint(out, "members");
	json_decref(out);
	TDB_OK(units_get(t->c, &sys, sh, &out, &e), e);
	sh_total = jint(out, "members");
	json_decref(out);
	assert_true(kh_total > 0 && lg_total > 0);

	body = json_pack("{s:I}", "parent_id", (json_int_t)lg);
	TDB_OK(units_update(t->c, &sys, kh, body, &out, &e), e);
	json_decref(body);
	assert_int_equal(jint(out, "parent_id"), lg);
	assert_int_equal(jint(out, "depth"), 2);
	assert_int_equal(jint(out, "members"), kh_total);
	json_decref(out);

	/* Every unit of the subtree now lies under the new parent, one level
	 * deeper; none is left at the old place. */
	snprintf(new_prefix, sizeof(new_prefix), "/%" PRId64 "/%" PRId64
		 "/%" PRId64 "/", sh, lg, kh);
	unit_path(t, kh, p, sizeof(p));
	assert_string_equal(p, new_prefix);
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*) FROM units WHERE substr(path, 1, %zu) = '%s'",
		 strlen(new_prefix), new_prefix);
	assert_int_equal(tdb_sql_int(t->path, sql), kh_size);
	assert_int_equal(sql_intf(t, "SELECT COUNT(*) FROM units WHERE"
				     " parent_id = %" PRId64 " AND depth = 3"
				     " AND path LIKE '%%/' || parent_id || '/'"
				     " || id || '/'",
				  kh),
			 kh_size - 1);
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*) FROM units WHERE path LIKE '/%" PRId64
		 "/%" PRId64 "/%%'",
		 sh, kh);
	assert_int_equal(tdb_sql_int(t->path, sql), 0);

	TDB_OK(units_get(t->c, &sys, lg, &out, &e), e);
	assert_int_equal(jint(out, "members"), lg_total + kh_total);
	json_decref(out);
	TDB_OK(units_get(t->c, &sys, sh, &out, &e), e);
	assert_int_equal(jint(out, "members"), sh_total);
	json_decref(out);

	/* A cell's own count flows up to every ancestor. */
	body = json_pack("{s:i}", "members",
			 1000); /* was a few dozen */
	TDB_OK(units_update(t->c, &sys, tdb_unit_id(t->c, "SH-KH-CB01"), body,
			    &out, &e),
	       e);
	json_decref(body);
	json_decref(out);
	TDB_OK(units_get(t->c, &sys, sh, &out, &e), e);
	assert_true(jint(out, "members") > sh_total);
	json_decref(out);
}

static void test_commune_actor_cannot_see_or_touch_a_sibling(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	struct units_filter f = { 0, "ky", NULL, 500, 0 };
	json_t *body, *out = NULL;
	int64_t kn = tdb_unit_id(t->c, "SH-KN");
	int64_t kn_cell = tdb_unit_id(t->c, "SH-KN-CB01");
	int64_t sh = tdb_unit_id(t->c, "SH");
	char before[16384], after[16384];
	size_t i;
	json_t *v;

	scoped_actor(t, "SH-KH", &a);
	tree_fingerprint(t, before, sizeof(before));
	TDB_FAILS(units_get(t->c, &a, kn, &out, &e), e, 404, "out_of_scope",
		  "");
	assert_null(out);
	TDB_FAILS(units_get(t->c, &a, sh, &out, &e), e, 404, "out_of_scope",
		  "");
	TDB_FAILS(units_check_scope(t->c, &a, kn_cell, NULL, &e), e, 404,
		  "out_of_scope", NULL);
	/* A missing unit looks the same to the user, with its own code. */
	TDB_FAILS(units_get(t->c, &a, 999999, &out, &e), e, 404, "not_found",
		  NULL);

	body = json_pack("{s:s}", "name", "Đổi tên");
	TDB_FAILS(units_update(t->c, &a, kn, body, &out, &e), e, 404,
		  "out_of_scope", NULL);
	json_decref(body);
	TDB_FAILS(units_delete(t->c, &a, kn_cell, &e), e, 404, "out_of_scope",
		  NULL);

	f.parent_id = kn;
	TDB_FAILS(units_list(t->c, &a, &f, &out, &e), e, 404, "out_of_scope",
		  NULL);
	f.parent_id = 0;
	/* "ky" matches Kỳ Nam and Kỳ Phong too, but only Kỳ Hoa is seen. */
	TDB_OK(units_list(t->c, &a, &f, &out, &e), e);
	assert_true(jint(out, "total") > 0);
	json_array_foreach(json_object_get(out, "items"), i, v)
		assert_true(!strncmp(jstr(v, "code"), "SH-KH", 5));
	assert_true(has_code(out, "SH-KH"));
	json_decref(out);

	/* Nor can it create under a sibling or move its cells there. */
	body = json_pack("{s:s, s:s, s:s, s:I}", "code", "X", "name", "X",
			 "level", "chibo", "parent_id", (json_int_t)kn);
	TDB_FAILS(units_create(t->c, &a, body, &out, &e), e, 400, "invalid",
		  "parent_id");
	json_decref(body);
	body = json_pack("{s:I}", "parent_id", (json_int_t)kn);
	TDB_FAILS(units_update(t->c, &a, tdb_unit_id(t->c, "SH-KH-CB01"), body,
			       &out, &e),
		  e, 400, "invalid", "parent_id");
	json_decref(body);

	tree_fingerprint(t, after, sizeof(after));
	assert_string_equal(before, after);
}

static void test_commune_actor_sees_its_own_cells(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	struct units_filter f = { 0, NULL, NULL, 500, 0 };
	int64_t kh = tdb_unit_id(t->c, "SH-KH");
	int64_t cells = sql_intf(t, "SELECT COUNT(*) FROM units WHERE"
				    " parent_id = %" PRId64, kh);
	json_t *out = NULL, *anc;
	size_t i;
	json_t *v;

	scoped_actor(t, "SH-KH", &a);
	/* With no filter: the user's own unit. */
	TDB_OK(units_list(t->c, &a, &f, &out, &e), e);
	assert_int_equal(jint(out, "total"), 1);
	assert_true(has_code(out, "SH-KH"));
	json_decref(out);

	f.parent_id = kh;
	TDB_OK(units_list(t->c, &a, &f, &out, &e), e);
	assert_int_equal(jint(out, "total"), cells);
	assert_int_equal(json_array_size(json_object_get(out, "items")),
			 (size_t)cells);
	json_array_foreach(json_object_get(out, "items"), i, v)
		assert_int_equal(jint(v, "parent_id"), kh);
	json_decref(out);

	/* Paging. */
	f.limit = 2;
	f.offset = 1;
	TDB_OK(units_list(t->c, &a, &f, &out, &e), e);
	assert_int_equal(jint(out, "total"), cells);
	assert_int_equal(json_array_size(json_object_get(out, "items")), 2);
	json_decref(out);

	TDB_OK(units_get(t->c, &a, tdb_unit_id(t->c, "SH-KH-CB03"), &out, &e),
	       e);
	/* Ancestors above the user's unit are not shown. */
	anc = json_object_get(out, "ancestors");
	assert_int_equal(json_array_size(anc), 1);
	assert_string_equal(jstr(json_array_get(anc, 0), "code"), "SH-KH");
	json_decref(out);
}

static void test_search_is_accent_and_case_insensitive(void **state)
{
	struct tdb *t = *state;
	struct actor sys;
	struct err e = ERR_INIT;
	struct units_filter f = { 0, "ky hoa", NULL, 500, 0 };
	json_t *out = NULL;
	size_t i;
	json_t *v;

	demo_system_actor(&sys);
	TDB_OK(units_list(t->c, &sys, &f, &out, &e), e);
	assert_true(has_code(out, "SH-KH"));
	assert_false(has_code(out, "SH-KN"));
	json_array_foreach(json_object_get(out, "items"), i, v)
		if (!strcmp(jstr(v, "code"), "SH-KH"))
			assert_string_equal(jstr(v, "name"),
					    "Đảng ủy xã Kỳ Hoa");
	json_decref(out);

	f.q = "KỲ HOA";
	TDB_OK(units_list(t->c, &sys, &f, &out, &e), e);
	assert_true(has_code(out, "SH-KH"));
	json_decref(out);

	/* By code, and restricted to a level. */
	f.q = "sh-kh-cb0";
	f.level = "chibo";
	TDB_OK(units_list(t->c, &sys, &f, &out, &e), e);
	assert_true(jint(out, "total") >= 8);
	assert_false(has_code(out, "SH-KH"));
	json_decref(out);

	/* LIKE wildcards in the query are taken literally. */
	f.q = "%";
	f.level = NULL;
	TDB_OK(units_list(t->c, &sys, &f, &out, &e), e);
	assert_int_equal(jint(out, "total"), 0);
	json_decref(out);
	f.q = "_";
	TDB_OK(units_list(t->c, &sys, &f, &out, &e), e);
	assert_int_equal(jint(out, "total"), 0);
	json_decref(out);
}

static void test_delete_refuses_units_in_use(void **state)
{
	struct tdb *t = *state;
	struct actor sys, a;
	struct err e = ERR_INIT;
	json_t *out = NULL;
	int64_t kh = tdb_unit_id(t->c, "SH-KH");
	int64_t with_user = tdb_unit_id(t->c, "SH-LG-MP-CB01");
	int64_t leaf = tdb_unit_id(t->c, "SH-KH-CB02");
	int64_t units = tdb_sql_int(t->path, "SELECT COUNT(*) FROM units");

	demo_system_actor(&sys);
	/* Children. */
	TDB_FAILS(units_delete(t->c, &sys, kh, &e), e, 409, "in_use", NULL);
	/* A user account (chibo.01). */
	TDB_FAILS(units_delete(t->c, &sys, with_user, &e), e, 409, "in_use",
		  NULL);
	/* One's own unit. */
	scoped_actor(t, "SH-KH-CB02", &a);
	TDB_FAILS(units_delete(t->c, &a, leaf, &e), e, 403, "forbidden", NULL);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM units"),
			 units);
	assert_false(store_in_txn(t->c));

	TDB_OK(units_delete(t->c, &sys, leaf, &e), e);
	TDB_FAILS(units_get(t->c, &sys, leaf, &out, &e), e, 404, "not_found",
		  NULL);
	TDB_FAILS(units_delete(t->c, &sys, leaf, &e), e, 404, "not_found",
		  NULL);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM units"),
			 units - 1);
}

static void test_every_write_adds_one_audit_row_with_before_and_after(
	void **state)
{
	struct tdb *t = *state;
	struct actor sys;
	struct err e = ERR_INIT;
	json_t *body, *out = NULL, *j;
	int64_t kh = tdb_unit_id(t->c, "SH-KH"), id;
	int64_t n = tdb_sql_int(t->path, "SELECT COUNT(*) FROM audit");
	char text[4096];

	demo_system_actor(&sys);

	id = create_unit(t, &sys, "AUD", "Chi bộ kiểm tra", "chibo", kh, 5);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM audit"),
			 n + 1);
	tdb_sql_text(t->path, "SELECT action || ' ' || entity || ' ' ||"
			      " entity_id || ' ' || username || ' ' ||"
			      " (before_json IS NULL) FROM audit ORDER BY id"
			      " DESC LIMIT 1",
		     text, sizeof(text));
	{
		char want[128];

		snprintf(want, sizeof(want), "create unit %" PRId64 " system 1",
			 id);
		assert_string_equal(text, want);
	}
	tdb_sql_text(t->path, "SELECT after_json FROM audit ORDER BY id DESC"
			      " LIMIT 1",
		     text, sizeof(text));
	j = json_loads(text, 0, NULL);
	assert_non_null(j);
	assert_string_equal(jstr(j, "code"), "AUD");
	json_decref(j);

	body = json_pack("{s:s}", "name", "Chi bộ đã đổi tên");
	TDB_OK(units_update(t->c, &sys, id, body, &out, &e), e);
	json_decref(body);
	json_decref(out);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM audit"),
			 n + 2);
	tdb_sql_text(t->path, "SELECT action FROM audit ORDER BY id DESC"
			      " LIMIT 1",
		     text, sizeof(text));
	assert_string_equal(text, "update");
	tdb_sql_text(t->path, "SELECT before_json FROM audit ORDER BY id DESC"
			      " LIMIT 1",
		     text, sizeof(text));
	j = json_loads(text, 0, NULL);
	assert_non_null(j);
	assert_string_equal(jstr(j, "name"), "Chi bộ kiểm tra");
	json_decref(j);
	tdb_sql_text(t->path, "SELECT after_json FROM audit ORDER BY id DESC"
			      " LIMIT 1",
		     text, sizeof(text));
	j = json_loads(text, 0, NULL);
	assert_non_null(j);
	assert_string_equal(jstr(j, "name"), "Chi bộ đã đổi tên");
	json_decref(j);

	TDB_OK(units_delete(t->c, &sys, id, &e), e);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM audit"),
			 n + 3);
	tdb_sql_text(t->path, "SELECT action || ' ' || (before_json IS NOT"
			      " NULL) || ' ' || (after_json IS NULL) FROM audit"
			      " ORDER BY id DESC LIMIT 1",
		     text, sizeof(text));
	assert_string_equal(text, "delete 1 1");

	/* A refused write leaves no row. */
	TDB_FAILS(units_delete(t->c, &sys, kh, &e), e, 409, NULL, NULL);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM audit"),
			 n + 3);
}

static void test_levels_are_listed_by_rank_and_only_root_admins_edit_them(
	void **state)
{
	struct tdb *t = *state;
	struct actor sys, a;
	struct err e = ERR_INIT;
	json_t *out = NULL, *items, *body;
	size_t i;

	demo_system_actor(&sys);
	TDB_OK(levels_list(t->c, &out, &e), e);
	items = json_object_get(out, "items");
	assert_int_equal(jint(out, "total"), 5);
	for (i = 1; i < json_array_size(items); i++)
		assert_true(jint(json_array_get(items, i - 1), "rank") <=
			    jint(json_array_get(items, i), "rank"));
	assert_string_equal(jstr(json_array_get(items, 0), "code"), "tinh");
	json_decref(out);

	body = json_pack("{s:s, s:s, s:i}", "code", "tinh", "name", "X", "rank",
			 7);
	TDB_FAILS(levels_create(t->c, &sys, body, &out, &e), e, 409, "conflict",
		  "code");
	json_decref(body);

	scoped_actor(t, "SH-KH", &a);
	a.role = ROLE_ADMIN;
	body = json_pack("{s:s, s:s, s:i}", "code", "to", "name", "Tổ", "rank",
			 5);
	TDB_FAILS(levels_create(t->c, &a, body, &out, &e), e, 403, "forbidden",
		  NULL);
	TDB_OK(levels_create(t->c, &sys, body, &out, &e), e);
	json_decref(body);
	assert_int_equal(jint(out, "rank"), 5);
	json_decref(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define D(f) cmocka_unit_test_setup_teardown(f, setup_demo, teardown)
#define E(f) cmocka_unit_test_setup_teardown(f, setup_empty, teardown)
		E(test_create_root_and_children_sets_paths_depths_and_totals),
		cmocka_unit_test(test_subtree_range_bumps_the_final_slash),
		E(test_subtree_search_excludes_siblings_sharing_an_id_prefix),
		cmocka_unit_test(
			test_path_within_is_a_prefix_test_on_whole_segments),
		D(test_move_under_own_descendant_is_refused_and_tree_unchanged),
		D(test_unknown_parent_is_refused_on_parent_id),
		D(test_duplicate_code_is_conflict_on_code),
		D(test_child_level_must_rank_below_parent),
		D(test_move_repaths_subtree_and_members_totals_follow),
		D(test_commune_actor_cannot_see_or_touch_a_sibling),
		D(test_commune_actor_sees_its_own_cells),
		D(test_search_is_accent_and_case_insensitive),
		D(test_delete_refuses_units_in_use),
		D(test_every_write_adds_one_audit_row_with_before_and_after),
		D(test_levels_are_listed_by_rank_and_only_root_admins_edit_them),
#undef D
#undef E
	};

	return cmocka_run_group_tests_name("units", tests, group_setup,
					   group_teardown);
}
