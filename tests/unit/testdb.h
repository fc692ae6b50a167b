/*
 * Helpers shared by the unit tests that need a database: a temporary
 * directory per test group, fresh SQLite files inside it, a demo province
 * built once per group and copied for each test, and direct sqlite3 access
 * to check what the store really wrote (the store has no raw-SQL API, on
 * purpose). Each test binary links alone, so everything here is static
 * inline; include it after <cmocka.h>.
 */
#ifndef TG_TESTDB_H
#define TG_TESTDB_H

#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "domain/demo.h"
#include "domain/units.h"
#include "store/store.h"

/* One test database: its file, the store opened on it and a connection. */
struct tdb {
	char path[256];
	struct store *s;
	struct store_conn *c;
};

/* Make a fresh directory under /tmp; `dir` must hold 64 bytes. */
static inline void tdb_mkdtemp(char *dir)
{
	strcpy(dir, "/tmp/tg-unit-XXXXXX");
	assert_non_null(mkdtemp(dir));
}

/* Remove the files of directory `dir` (no subdirectories) and `dir`. */
static inline void tdb_rmdir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char p[512];

	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

/* Remove a database file with its -wal and -shm companions. */
static inline void tdb_unlink(const char *path)
{
	char p[512];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

static inline void tdb_copy_file(const char *from, const char *to)
{
	char buf[65536];
	ssize_t n;
	int in = open(from, O_RDONLY), out;

	assert_true(in >= 0);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(out >= 0);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		assert_int_equal(write(out, buf, (size_t)n), n);
	assert_int_equal(n, 0);
	close(in);
	close(out);
}

/* Open the store on `path` (creating and migrating it) and take one
 * connection. */
static inline void tdb_open(struct tdb *t, const char *path)
{
	struct err e = ERR_INIT;

	snprintf(t->path, sizeof(t->path), "%s", path);
	if (store_open(&t->s, t->path, 2, &e) < 0)
		fail_msg("store_open %s: %d %s %s", t->path, e.status, e.code,
			 e.message);
	t->c = store_acquire(t->s, &e);
	assert_non_null(t->c);
}

static inline void tdb_close(struct tdb *t)
{
	store_release(t->c);
	store_close(t->s);
	t->c = NULL;
	t->s = NULL;
}

/* Build the demo province into `path` (once per group: Argon2 is slow).
 * When the last connection closes SQLite checkpoints the WAL into the
 * main file, so the file alone can then be copied. */
static inline void tdb_build_demo(const char *path)
{
	struct tdb t;
	struct demo_counts n;
	struct err e = ERR_INIT;

	tdb_open(&t, path);
	if (demo_load(t.c, &n, &e) < 0)
		fail_msg("demo_load: %d %s %s %s", e.status, e.code, e.field,
			 e.message);
	assert_int_equal(n.levels, 5);
	assert_int_equal(n.units, 115);
	assert_int_equal(n.users, 8);
	tdb_close(&t);
}

/* Copy the group's template database to a fresh file `name` in `dir` and
 * open it. */
static inline void tdb_open_copy(struct tdb *t, const char *dir,
				 const char *template_path, const char *name)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	tdb_unlink(p);
	tdb_copy_file(template_path, p);
	tdb_open(t, p);
}

/* Close and delete a test database. */
static inline void tdb_drop(struct tdb *t)
{
	char p[256];

	snprintf(p, sizeof(p), "%s", t->path);
	tdb_close(t);
	tdb_unlink(p);
}

/* --- direct SQL on the file, outside the store ---------------------- */

static inline sqlite3 *tdb_raw_open(const char *path)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE,
					 NULL),
			 SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	return db;
}

/* The first column of the first row of `sql` as an integer (0 when there
 * is no row). */
static inline int64_t tdb_sql_int(const char *path, const char *sql)
{
	sqlite3 *db = tdb_raw_open(path);
	sqlite3_stmt *st = NULL;
	int64_t v = 0;
	int rc;

	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* The first column of the first row of `sql` as text into `out` ("" when
 * there is no row; "(null)" for SQL NULL). */
static inline void tdb_sql_text(const char *path, const char *sql, char *out,
				size_t size)
{
	sqlite3 *db = tdb_raw_open(path);
	sqlite3_stmt *st = NULL;
	const unsigned char *t;
	int rc;

	out[0] = '\0';
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW) {
		t = sqlite3_column_text(st, 0);
		snprintf(out, size, "%s", t ? (const char *)t : "(null)");
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static inline void tdb_sql_exec(const char *path, const char *sql)
{
	sqlite3 *db = tdb_raw_open(path);
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("exec %s: %s", sql, msg ? msg : "?");
	sqlite3_close(db);
}

/* --- domain shortcuts ----------------------------------------------- */

/* The id of the unit with `code`; fails the test if there is none. */
static inline int64_t tdb_unit_id(struct store_conn *c, const char *code)
{
	struct err e = ERR_INIT;
	int64_t id = 0;

	if (units_id_by_code(c, code, &id, &e) != 1)
		fail_msg("no unit %s", code);
	return id;
}

/* Print an unexpected error and fail. */
#define TDB_OK(call, e)                                                      \
	do {                                                                 \
		if ((call) < 0)                                              \
			fail_msg("%s: %d %s [%s] %s", #call, (e).status,     \
				 (e).code, (e).field, (e).message);          \
	} while (0)

/* Check that an error is `status`, `code` and `field` (NULL skips the
 * check; "" is no field). */
static inline void tdb_expect_err(const struct err *e, int status,
				  const char *code, const char *field)
{
	if (e->status != status)
		fail_msg("want status %d, got %d %s [%s] %s", status,
			 e->status, e->code, e->field, e->message);
	if (code)
		assert_string_equal(e->code, code);
	if (field)
		assert_string_equal(e->field, field);
}

/* Check that `call` fails (-1) with the given status, code and field. */
#define TDB_FAILS(call, e, st, cd, fld)                                      \
	do {                                                                 \
		err_clear(&(e));                                             \
		assert_int_equal((call), -1);                                \
		tdb_expect_err(&(e), (st), (cd), (fld));                     \
	} while (0)

#endif
