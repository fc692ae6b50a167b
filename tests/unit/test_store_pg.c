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
 *     on PostgreSQL, also those the API suite never runs. Skipped without.
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

static void test_every_statement_prepares_on_postgresql(void **state)
{
	const char *admin = getenv("TG_PG_ADMIN_URL");
	const char *auth, *path, *query;
	char name[40], sql[120], url[1024];
	struct store *s = NULL;
	struct store_conn *c;
	struct err e = ERR_INIT;
	int failed;

	(void)state;
	if (!admin || !*admin)
		skip();
	/* The admin URL with its database replaced by a fresh one. */
	auth = strstr(admin, "://");
	assert_non_null(auth);
	path = strchr(auth + 3, '/');
	query = strchr(auth + 3, '?');
	if (!path || (query && path > query))
		path = query ? query : admin + strlen(admin);
	query = query ? query : "";
	snprintf(name, sizeof(name), "tg_unit_%ld", (long)getpid());
	snprintf(url, sizeof(url), "%.*s/%s%s", (int)(path - admin), admin,
		 name, query);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
	assert_int_equal(admin_exec(admin, sql), 0);
	if (store_open(&s, url, 1, &e) < 0) {
		snprintf(sql, sizeof(sql), "DROP DATABASE %s", name);
		admin_exec(admin, sql);
		fail_msg("store_open(%s): %s", url, e.message);
	}
	c = store_acquire(s, &e);
	assert_non_null(c);
	failed = store_pg_prepare_all(c);
	store_release(c);
	store_close(s);
	snprintf(sql, sizeof(sql), "DROP DATABASE %s WITH (FORCE)", name);
	admin_exec(admin, sql);
	if (failed)
		fail_msg("%d statement(s) do not prepare on PostgreSQL (see"
			 " above)",
			 failed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pg_migrations_mirror_sqlite),
		cmocka_unit_test(test_pg_migrations_have_no_sqlite_ddl),
		cmocka_unit_test(test_sqlite_only_statements_have_pg_overrides),
		cmocka_unit_test(test_every_statement_prepares_on_postgresql),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
