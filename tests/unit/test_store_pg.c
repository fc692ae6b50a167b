/*
 * Static checks of the PostgreSQL backend's tables (no server needed; the
 * API suite runs on a live cluster in scripts/run-tests.sh):
 *   - schema_pg lists the migrations of schema_sqlite, same versions and
 *     names, in the same order, with no SQLite-only DDL;
 *   - every statement named "*_sqlite" has a PostgreSQL override, and each
 *     override reads the same parameter numbers as the statement it
 *     replaces;
 *   - with $TG_PG_ADMIN_URL (a throwaway cluster's maintenance URL, as
 *     scripts/run-tests.sh sets it): on a fresh database, the migrations
 *     apply and every statement of queries.h prepares (parses and types)
 *     on PostgreSQL, also those the API suite never runs; and queries
 *     started ahead on another connection (store_query_ahead()) give the
 *     answers of the same queries run in place. Skipped without.
 * When a migration is added to schema_sqlite.c, add its PostgreSQL form to
 * schema_pg.c (see docs/internals/postgres.md).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/queries.h"
#include "store/store_pg.h"
#include "store/schema.h"
#include "store/sql_pg_overrides.h"
#include "store/store.h"

static void test_pg_migrations_mirror_sqlite(void **state)
{
	const struct migration *s = schema_sqlite, *p = schema_pg;

	(void)state;
	for (; s->version; s++, p++) {
		if (p->version != s->version)
			fail_msg("schema_pg lacks migration %d (%s): add it to"
				 " src/store/schema_pg.c",
				 s->version, s->name);
		assert_string_equal(p->name, s->name);
	}
	if (p->version)
		fail_msg("schema_pg has migration %d (%s) that schema_sqlite"
			 " has not",
			 p->version, p->name);
}

static void test_pg_migrations_have_no_sqlite_ddl(void **state)
{
	static const char *const bad[] = { "AUTOINCREMENT", "VIRTUAL TABLE",
					   "PRAGMA", "fts5", "WITHOUT ROWID",
					   "INSERT OR ", "strftime(" };
	const struct migration *p;
	size_t i;

	(void)state;
	for (p = schema_pg; p->version; p++)
		for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
			if (strstr(p->sql, bad[i]))
				fail_msg("schema_pg migration %d uses %s",
					 p->version, bad[i]);
}

/* The set of ?N a statement reads, as bits. */
static uint64_t params_of(const char *sql)
{
	uint64_t set = 0;
	const char *q;

	for (q = sql; (q = strchr(q, '?')); q++) {
		int n = 0;

		while (q[1] >= '0' && q[1] <= '9')
			n = n * 10 + (*++q - '0');
		if (n > 0 && n < 64)
			set |= (uint64_t)1 << n;
	}
	return set;
}

static void test_sqlite_only_statements_have_pg_overrides(void **state)
{
	int q;

	(void)state;
	for (q = 0; q < Q__COUNT; q++) {
		const char *name = query_name((enum query)q);
		const char *pg = pg_override_sql((enum query)q);
		size_t n = strlen(name);

		if (n > 7 && !strcmp(name + n - 7, "_sqlite") && !pg)
			fail_msg("%s is SQLite-only and has no PostgreSQL"
				 " override (src/store/sql_pg_overrides.c)",
				 name);
		if (pg && params_of(pg) != params_of(query_sql((enum query)q)))
			fail_msg("the PostgreSQL override of %s reads other"
				 " parameters than the statement",
				 name);
	}
}

static int admin_exec(const char *admin, const char *sql)
{
	PGconn *db = PQconnectdb(admin);
	PGresult *res = PQstatus(db) == CONNECTION_OK ? PQexec(db, sql) : NULL;
	int ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;

	if (!ok)
		print_error("%s: %s\n", sql, PQerrorMessage(db));
	PQclear(res);
	PQfinish(db);
	return ok ? 0 : -1;
}

/* A fresh database of the cluster at $TG_PG_ADMIN_URL named after this
 * process and `tag`, opened with a pool of `pool` connections (migrated);
 * skips the test without a cluster. */
struct fresh {
	const char *admin;
	char name[40];
	struct store *s;
};

static void fresh_open(struct fresh *f, const char *tag, unsigned pool)
{
	const char *auth, *path, *query;
	char sql[120], url[1024];
	struct err e = ERR_INIT;

	f->admin = getenv("TG_PG_ADMIN_URL");
	f->s = NULL;
	if (!f->admin || !*f->admin)
		skip();
	/* The admin URL with its database replaced by a fresh one. */
	auth = strstr(f->admin, "://");
	assert_non_null(auth);
	path = strchr(auth + 3, '/');
	query = strchr(auth + 3, '?');
	if (!path || (query && path > query))
		path = query ? query : f->admin + strlen(f->admin);
	query = query ? query : "";
	snprintf(f->name, sizeof(f->name), "tg_%s_%ld", tag, (long)getpid());
	snprintf(url, sizeof(url), "%.*s/%s%s", (int)(path - f->admin),
		 f->admin, f->name, query);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", f->name);
	assert_int_equal(admin_exec(f->admin, sql), 0);
	if (store_open(&f->s, url, pool, &e) < 0) {
		snprintf(sql, sizeof(sql), "DROP DATABASE %s", f->name);
		admin_exec(f->admin, sql);
		fail_msg("store_open(%s): %s", url, e.message);
	}
}

static void fresh_close(struct fresh *f)
{
	char sql[120];

	store_close(f->s);
	snprintf(sql, sizeof(sql), "DROP DATABASE %s WITH (FORCE)", f->name);
	admin_exec(f->admin, sql);
}

static void test_every_statement_prepares_on_postgresql(void **state)
{
	struct fresh f;
	struct store_conn *c;
	struct err e = ERR_INIT;
	int failed;

	(void)state;
	fresh_open(&f, "unit", 1);
	c = store_acquire(f.s, &e);
	assert_non_null(c);
	failed = store_pg_prepare_all(c);
	store_release(c);
	fresh_close(&f);
	if (failed)
		fail_msg("%d statement(s) do not prepare on PostgreSQL (see"
			 " above)",
			 failed);
}

/* The code of level `id` read on c (by Q_LEVEL_GET), or "" if none. */
static const char *level_code(struct store_conn *c, int64_t id, char *out,
			      size_t n)
{
	struct store_rows *r;
	struct err e = ERR_INIT;

	assert_int_equal(store_query(c, Q_LEVEL_GET,
				     (struct sval[]){ SV_I(id) }, 1, &r, &e),
			 0);
	snprintf(out, n, "%s", store_next(r) == 1 ? store_col_text(r, 1) : "");
	store_rows_free(r);
	return out;
}

/* A new level `code` on c (by Q_LEVEL_INSERT): its id. */
static int64_t level_add(struct store_conn *c, const char *code, int rank)
{
	struct err e = ERR_INIT;
	int64_t id = 0;

	assert_int_equal(store_int(c, Q_LEVEL_INSERT,
				   (struct sval[]){ SV_T(code), SV_T(code),
						    SV_I(rank) },
				   3, &id, &e),
			 1);
	return id;
}

/*
 * store_query_ahead(): the answer of a query started on another connection
 * is taken by the same query with the same arguments; other arguments run
 * their own; an answer never taken leaves its connection idle in the pool;
 * nothing starts ahead inside a transaction (it would not see the
 * transaction's writes) or when no connection is free.
 */
static void test_query_ahead_runs_beside_and_matches_arguments(void **state)
{
	struct fresh f;
	struct store_conn *c, *others[2];
	struct err e = ERR_INIT;
	int64_t a, b, t;
	char code[32];
	int i;

	(void)state;
	fresh_open(&f, "ahead", 3);
	c = store_acquire(f.s, &e);
	assert_non_null(c);
	a = level_add(c, "xa", 91);
	b = level_add(c, "xb", 92);

	store_query_ahead(c, Q_LEVEL_GET, (struct sval[]){ SV_I(a) }, 1);
	assert_int_equal(c->n_ahead, 1);
	assert_string_equal(level_code(c, a, code, sizeof(code)), "xa");
	assert_int_equal(c->n_ahead, 0);

	store_query_ahead(c, Q_LEVEL_GET, (struct sval[]){ SV_I(a) }, 1);
	assert_string_equal(level_code(c, b, code, sizeof(code)), "xb");
	assert_int_equal(c->n_ahead, 0);

	/* never taken: dropped on release, every connection usable after */
	store_query_ahead(c, Q_LEVEL_GET, (struct sval[]){ SV_I(a) }, 1);
	store_query_ahead(c, Q_LEVEL_GET, (struct sval[]){ SV_I(b) }, 1);
	assert_int_equal(c->n_ahead, 1); /* one per statement */
	store_query_ahead(c, Q_LEVEL_LIST, NULL, 0);
	assert_int_equal(c->n_ahead, 2);
	store_release(c);
	c = store_acquire(f.s, &e);
	for (i = 0; i < 2; i++) {
		others[i] = store_acquire(f.s, &e);
		assert_non_null(others[i]);
		assert_string_equal(level_code(others[i], b, code,
					       sizeof(code)),
				    "xb");
	}
	assert_string_equal(level_code(c, a, code, sizeof(code)), "xa");

	/* no free connection: nothing starts ahead */
	store_query_ahead(c, Q_LEVEL_GET, (struct sval[]){ SV_I(a) }, 1);
	assert_int_equal(c->n_ahead, 0);
	for (i = 0; i < 2; i++)
		store_release(others[i]);

	/* in a transaction: its own write is seen, so it ran on c */
	assert_int_equal(store_begin(c, &e), 0);
	t = level_add(c, "xt", 93);
	store_query_ahead(c, Q_LEVEL_GET, (struct sval[]){ SV_I(t) }, 1);
	assert_int_equal(c->n_ahead, 0);
	assert_string_equal(level_code(c, t, code, sizeof(code)), "xt");
	store_rollback(c);
	store_release(c);
	fresh_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pg_migrations_mirror_sqlite),
		cmocka_unit_test(test_pg_migrations_have_no_sqlite_ddl),
		cmocka_unit_test(test_sqlite_only_statements_have_pg_overrides),
		cmocka_unit_test(test_every_statement_prepares_on_postgresql),
		cmocka_unit_test(
			test_query_ahead_runs_beside_and_matches_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
