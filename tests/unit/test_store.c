/*
 * Tests for the storage layer (src/store/): migrations applied once and
 * recorded, the SQLite connection settings (WAL, foreign keys), transactions
 * (commit, rollback, rollback on release, SQLite's group commit), the
 * mapping of constraint violations to user errors, and statement reuse.
 * Each test gets a fresh, empty, migrated database file; what the store
 * wrote is checked by opening the file with sqlite3 directly.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdb.h"

#include "domain/auth.h"
#include "store/schema.h"

static char dir[64];
static int seq;

static int group_setup(void **state)
{
	(void)state;
	tdb_mkdtemp(dir);
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
	char p[128];

	snprintf(p, sizeof(p), "%s/store%d.db", dir, ++seq);
	tdb_open(&t, p);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	tdb_drop(*state);
	return 0;
}

/* The number of levels whose code is `code`, read through the store; -1
 * on an error (no cmocka assertion: other threads call it). */
static int levels_named_quiet(struct store_conn *c, const char *code)
{
	struct store_rows *r;
	struct err e = ERR_INIT;
	int n = 0, st;

	if (store_query(c, Q_LEVEL_LIST, NULL, 0, &r, &e) < 0)
		return -1;
	while ((st = store_next(r)) == 1)
		if (!strcmp(store_col_text(r, 1), code))
			n++;
	store_rows_free(r);
	return st == 0 ? n : -1;
}

static int levels_named(struct store_conn *c, const char *code)
{
	int n = levels_named_quiet(c, code);

	assert_true(n >= 0);
	return n;
}

static int insert_level(struct store_conn *c, const char *code, int rank,
			int64_t *id, struct err *e)
{
	return store_int(c, Q_LEVEL_INSERT,
			 (struct sval[]){ SV_T(code), SV_T("Cấp thử"),
					  SV_I(rank) },
			 3, id, e);
}

static void test_migrations_are_recorded_once_with_version_and_name(
	void **state)
{
	struct tdb *t = *state;
	struct store *again = NULL;
	struct err e = ERR_INIT;
	const struct migration *m;
	char sql[256], name[128];
	int64_t count = 0;

	for (m = schema_sqlite; m->version; m++)
		count++;
	assert_true(count >= 1);
	/* A second open of the same file finds nothing to do. */
	TDB_OK(store_open(&again, t->path, 1, &e), e);
	store_close(again);
	TDB_OK(store_open(&again, t->path, 1, &e), e);
	store_close(again);
	assert_int_equal(tdb_sql_int(t->path,
				     "SELECT COUNT(*) FROM schema_migrations"),
			 count);
	assert_int_equal(
		tdb_sql_int(t->path, "SELECT COUNT(DISTINCT version) FROM"
				     " schema_migrations"),
		count);
	for (m = schema_sqlite; m->version; m++) {
		snprintf(sql, sizeof(sql),
			 "SELECT name FROM schema_migrations WHERE version = %d",
			 m->version);
		tdb_sql_text(t->path, sql, name, sizeof(name));
		assert_string_equal(name, m->name);
		snprintf(sql, sizeof(sql),
			 "SELECT length(applied_at) FROM schema_migrations"
			 " WHERE version = %d",
			 m->version);
		assert_int_equal(tdb_sql_int(t->path, sql), 20);
	}
	/* The tables of the first migration exist, once. */
	assert_int_equal(tdb_sql_int(t->path,
				     "SELECT COUNT(*) FROM sqlite_master WHERE"
				     " type = 'table' AND name IN ('levels',"
				     " 'units', 'users', 'sessions', 'audit')"),
			 5);
}

static void test_database_is_in_wal_mode(void **state)
{
	struct tdb *t = *state;
	char mode[32];

	tdb_sql_text(t->path, "PRAGMA journal_mode", mode, sizeof(mode));
	assert_string_equal(mode, "wal");
}

static void test_open_reports_unreachable_postgres_and_empty_path(void **state)
{
	struct store *s = (struct store *)1;
	struct err e = ERR_INIT;

	(void)state;
	/* Nothing listens on port 1: the PostgreSQL backend answers 503. */
	TDB_FAILS(store_open(&s, "postgresql://127.0.0.1:1/x?connect_timeout=2",
			     1, &e),
		  e, 503, "db_open", "db");
	assert_null(s);
	TDB_FAILS(store_open(&s, "sqlite:", 1, &e), e, 400, "invalid", "db");
	assert_null(s);
}

static void test_foreign_key_violation_is_refused_and_writes_nothing(
	void **state)
{
	struct tdb *t = *state;
	struct err e = ERR_INIT;
	int64_t id = 0;

	/* Straight to the statement: level 999 does not exist. */
	err_clear(&e);
	assert_int_equal(
		store_int(t->c, Q_UNIT_INSERT,
			  (struct sval[]){ SV_T("X1"), SV_T("Đơn vị"), SV_T(""),
					   SV_I(999), SV_NUL, SV_NUL, SV_NUL,
					   SV_I(0), SV_T("x1"),
					   SV_T("2026-01-01T00:00:00Z") },
			  10, &id, &e),
		-1);
	/* store.h promises 400 for foreign keys; store_sqlite.c answers
	 * 409 "in_use". Either way it is a user error, not a crash. */
	assert_true(e.status == ERR_BAD_INPUT || e.status == ERR_CONFLICT);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM units"), 0);
	assert_false(store_in_txn(t->c));
}

static void test_unit_with_unknown_level_is_refused_and_writes_nothing(
	void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	json_t *body, *out = NULL;

	demo_system_actor(&a);
	body = json_pack("{s:s, s:s, s:s}", "code", "R", "name", "Gốc",
			 "level", "khongco");
	TDB_FAILS(units_create_root(t->c, &a, body, &out, &e), e, 400, NULL,
		  "level");
	assert_null(out);
	json_decref(body);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM units"), 0);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM audit"), 0);
	assert_false(store_in_txn(t->c));
}

static void test_commit_persists_a_write(void **state)
{
	struct tdb *t = *state;
	struct err e = ERR_INIT;
	int64_t id = 0;

	TDB_OK(store_begin(t->c, &e), e);
	assert_true(store_in_txn(t->c));
	assert_int_equal(insert_level(t->c, "ok", 1, &id, &e), 1);
	assert_true(id > 0);
	TDB_OK(store_commit(t->c, &e), e);
	assert_false(store_in_txn(t->c));
	assert_int_equal(levels_named(t->c, "ok"), 1);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM levels"
					      " WHERE code = 'ok'"),
			 1);
}

static void test_rollback_discards_a_write(void **state)
{
	struct tdb *t = *state;
	struct err e = ERR_INIT;
	int64_t id = 0;

	TDB_OK(store_begin(t->c, &e), e);
	assert_int_equal(insert_level(t->c, "gone", 1, &id, &e), 1);
	/* Visible inside the transaction ... */
	assert_int_equal(levels_named(t->c, "gone"), 1);
	store_rollback(t->c);
	assert_false(store_in_txn(t->c));
	/* ... and nowhere after the rollback. */
	assert_int_equal(levels_named(t->c, "gone"), 0);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM levels"), 0);
	/* A rollback with no transaction open does nothing. */
	store_rollback(t->c);
	assert_false(store_in_txn(t->c));
}

static void test_unique_violation_is_conflict_409(void **state)
{
	struct tdb *t = *state;
	struct err e = ERR_INIT;
	int64_t id = 0;

	assert_int_equal(insert_level(t->c, "dup", 1, &id, &e), 1);
	err_clear(&e);
	assert_int_equal(insert_level(t->c, "dup", 2, &id, &e), -1);
	tdb_expect_err(&e, ERR_CONFLICT, "conflict", NULL);
	assert_int_equal(levels_named(t->c, "dup"), 1);
	/* The statement was reset: it runs again. */
	assert_int_equal(insert_level(t->c, "dup2", 2, &id, &e), 1);
}

static void test_release_rolls_back_an_open_transaction(void **state)
{
	struct tdb *t = *state;
	struct err e = ERR_INIT;
	int64_t id = 0;

	TDB_OK(store_begin(t->c, &e), e);
	assert_int_equal(insert_level(t->c, "left", 1, &id, &e), 1);
	store_release(t->c);
	/* The write lock is free again: another writer gets through. */
	tdb_sql_exec(t->path, "INSERT INTO levels (code, name, rank)"
			      " VALUES ('raw', 'raw', 1)");
	t->c = store_acquire(t->s, &e);
	assert_non_null(t->c);
	assert_false(store_in_txn(t->c));
	assert_int_equal(levels_named(t->c, "left"), 0);
	assert_int_equal(levels_named(t->c, "raw"), 1);
}

static void test_pool_hands_out_distinct_connections(void **state)
{
	struct tdb *t = *state;
	struct err e = ERR_INIT;
	struct store_conn *c2;
	int64_t id = 0;

	c2 = store_acquire(t->s, &e);
	assert_non_null(c2);
	assert_ptr_not_equal(c2, t->c);
	/* A write committed on one connection is seen by the other. */
	TDB_OK(store_begin(c2, &e), e);
	assert_int_equal(insert_level(c2, "c2", 1, &id, &e), 1);
	TDB_OK(store_commit(c2, &e), e);
	assert_int_equal(levels_named(t->c, "c2"), 1);
	store_release(c2);
	/* The released connection comes back. */
	assert_ptr_equal(store_acquire(t->s, &e), c2);
	store_release(c2);
}

static void test_store_int_without_a_row_returns_zero(void **state)
{
	struct tdb *t = *state;
	struct err e = ERR_INIT;
	int64_t v = 42;

	assert_int_equal(store_int(t->c, Q_LEVEL_GET, (struct sval[]){ SV_I(7) },
				   1, &v, &e),
			 0);
	assert_int_equal(v, 42);
	assert_int_equal(e.status, 0);
}

static void test_prepared_statements_are_reused_without_leaks(void **state)
{
	struct tdb *t = *state;
	struct err e = ERR_INIT;
	struct store_rows *r;
	int64_t id = 0, v;
	int i;

	assert_int_equal(insert_level(t->c, "lv", 3, &id, &e), 1);
	for (i = 0; i < 1000; i++) {
		TDB_OK(store_query(t->c, Q_LEVEL_GET_BY_CODE,
				   (struct sval[]){ SV_T("lv") }, 1, &r, &e),
		       e);
		assert_int_equal(store_next(r), 1);
		assert_int_equal(store_col_int(r, 0), id);
		assert_string_equal(store_col_text(r, 1), "lv");
		assert_false(store_col_null(r, 2));
		assert_int_equal(store_col_int(r, 3), 3);
		assert_int_equal(store_next(r), 0);
		store_rows_free(r);
		assert_int_equal(store_int(t->c, Q_LEVEL_GET,
					   (struct sval[]){ SV_I(id) }, 1, &v,
					   &e),
				 1);
		assert_int_equal(v, id);
		/* Rows left unread are reset by store_rows_free too. */
		TDB_OK(store_query(t->c, Q_LEVEL_LIST, NULL, 0, &r, &e), e);
		store_rows_free(r);
	}
	/* Updates report the rows they changed. */
	TDB_OK(store_exec(t->c, Q_LEVEL_UPDATE,
			  (struct sval[]){ SV_I(id), SV_T("lv"), SV_T("Mới"),
					   SV_I(4) },
			  4, &e),
	       e);
	assert_int_equal(store_changes(t->c), 1);
	assert_string_equal(query_name(Q_LEVEL_GET), "level_get");
	assert_non_null(query_sql(Q_LEVEL_GET));
	assert_null(query_sql(Q__COUNT));
}

/* Group commit on SQLite: a transaction that ends while another waits for
 * its turn leaves its changes to be committed with the other's. */
static atomic_int order;

struct second_writer {
	struct store_conn *c;
	atomic_bool beginning;
	int saw_first, began, rolled_back;
	struct err e;
};

static void *second_writer(void *arg)
{
	struct second_writer *w = arg;
	int64_t id;

	atomic_store(&w->beginning, true);
	w->began = store_begin(w->c, &w->e) == 0;
	if (!w->began)
		return NULL;
	w->saw_first = levels_named_quiet(w->c, "first");
	insert_level(w->c, "second", 2, &id, &w->e);
	store_rollback(w->c);
	w->rolled_back = atomic_fetch_add(&order, 1) + 1;
	return NULL;
}

static void test_a_rollback_in_a_commit_group_undoes_only_its_own(
	void **state)
{
	struct tdb *t = *state;
	struct second_writer w = { .e = ERR_INIT };
	struct timespec wait = { 0, 100 * 1000000L };
	struct err e = ERR_INIT;
	pthread_t th;
	int64_t id;
	int committed;

	w.c = store_acquire(t->s, &e);
	assert_non_null(w.c);
	TDB_OK(store_begin(t->c, &e), e);
	assert_int_equal(insert_level(t->c, "first", 1, &id, &e), 1);
	assert_int_equal(pthread_create(&th, NULL, second_writer, &w), 0);
	while (!atomic_load(&w.beginning))
		nanosleep(&wait, NULL);
	/* the second writer is now waiting for its turn */
	nanosleep(&wait, NULL);
	TDB_OK(store_commit(t->c, &e), e);
	committed = atomic_fetch_add(&order, 1) + 1;
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_true(w.began);
	/* The second ran inside the group: it saw the first's change before
	 * the first's commit returned, which waited for the group's end. */
	assert_int_equal(w.saw_first, 1);
	assert_true(committed > w.rolled_back);
	assert_false(store_in_txn(t->c));
	assert_false(store_in_txn(w.c));
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM levels"
					      " WHERE code = 'first'"),
			 1);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM levels"
					      " WHERE code = 'second'"),
			 0);
	store_release(w.c);
}

#define WRITERS 8
#define ROUNDS 40

struct writer {
	struct store *s;
	int no, acked, refused;
};

/* ROUNDS transactions of one level each; every fifth rolled back. */
static void *writer(void *arg)
{
	struct writer *w = arg;
	struct err e = ERR_INIT;
	struct store_conn *c = store_acquire(w->s, &e);
	char code[32];
	int64_t id;
	int i;

	for (i = 0; c && i < ROUNDS; i++) {
		snprintf(code, sizeof(code), "w%d-%d", w->no, i);
		if (store_begin(c, &e) < 0 ||
		    insert_level(c, code, 1, &id, &e) != 1) {
			w->refused++;
			store_rollback(c);
		} else if (i % 5 == 4) {
			store_rollback(c);
		} else if (store_commit(c, &e) == 0) {
			w->acked++;
		} else {
			w->refused++;
		}
	}
	store_release(c);
	return NULL;
}

static void test_concurrent_transactions_are_each_committed_or_undone(
	void **state)
{
	struct tdb *t = *state;
	struct writer w[WRITERS];
	pthread_t th[WRITERS];
	struct store *s;
	struct err e = ERR_INIT;
	int i, acked = 0;

	TDB_OK(store_open(&s, t->path, WRITERS, &e), e);
	for (i = 0; i < WRITERS; i++) {
		w[i] = (struct writer){ .s = s, .no = i };
		assert_int_equal(pthread_create(&th[i], NULL, writer, &w[i]),
				 0);
	}
	for (i = 0; i < WRITERS; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(w[i].refused, 0);
		acked += w[i].acked;
	}
	store_close(s);
	assert_int_equal(acked, WRITERS * ROUNDS * 4 / 5);
	/* every acknowledged level is in the file, no rolled-back one */
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM levels"
					      " WHERE code LIKE 'w%'"),
			 acked);
	assert_int_equal(tdb_sql_int(t->path,
				     "SELECT COUNT(*) FROM levels WHERE"
				     " CAST(substr(code, instr(code, '-') + 1)"
				     " AS INTEGER) % 5 = 4"),
			 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_migrations_are_recorded_once_with_version_and_name),
		T(test_database_is_in_wal_mode),
		T(test_open_reports_unreachable_postgres_and_empty_path),
		T(test_foreign_key_violation_is_refused_and_writes_nothing),
		T(test_unit_with_unknown_level_is_refused_and_writes_nothing),
		T(test_commit_persists_a_write),
		T(test_rollback_discards_a_write),
		T(test_unique_violation_is_conflict_409),
		T(test_release_rolls_back_an_open_transaction),
		T(test_pool_hands_out_distinct_connections),
		T(test_store_int_without_a_row_returns_zero),
		T(test_prepared_statements_are_reused_without_leaks),
		T(test_a_rollback_in_a_commit_group_undoes_only_its_own),
		T(test_concurrent_transactions_are_each_committed_or_undone),
#undef T
	};

	return cmocka_run_group_tests_name("store", tests, group_setup,
					   group_teardown);
}
