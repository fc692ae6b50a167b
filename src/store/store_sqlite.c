/*
 * The SQLite backend: WAL journal, synchronous=FULL (an acknowledged commit
 * survives kill -9 and power loss), foreign keys on, a busy handler, group
 * commit of the transactions (sq_begin), and every statement of queries.h
 * prepared once per handle on first use and reset after each run. A
 * result is the prepared statement itself, so running a query allocates
 * nothing.
 */
#include "store/store.h"
#include "store/schema.h"
#include "base/mem.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct sqlite_rows {
	struct store_rows base;
	sqlite3_stmt *st;
	int first; /* result of the first step, taken in query() */
	bool first_pending;
};

/* A database handle with its statements, prepared on first use. */
struct sq_db {
	sqlite3 *db;
	sqlite3_stmt *stmts[Q__COUNT];
	struct sqlite_rows rows[Q__COUNT];
};

/* A transaction released into the writer's open one, waiting for the
 * outcome of its COMMIT (on the waiter's stack). */
struct sq_member {
	bool done, ok;
	struct sq_member *next;
};

/* Group commit: every transaction runs on this one handle; see sq_begin. */
struct sq_writer {
	pthread_mutex_t turn;   /* held from a transaction's begin to its end */
	atomic_int queued;      /* transactions waiting for `turn` */
	struct sq_db h;         /* opened on first use; a group is open
				 * while h is inside a transaction */
	int members;            /* transactions released into it */
	struct sq_member *acks; /* of them, those waiting for its COMMIT */
	pthread_mutex_t mu;     /* done/ok of `acks` */
	pthread_cond_t cv;
};

struct sqlite_store {
	char *path;
	struct sq_writer w;
	/* store_data_version(): a connection that never writes, so that its
	 * data_version counts every commit, under `ver_lock`. */
	pthread_mutex_t ver_lock;
	sqlite3 *ver_db;
	sqlite3_stmt *ver_st;
};

struct sqlite_conn {
	struct store_conn base;
	struct sq_db own;
	struct sq_db *cur; /* own, or the writer's while holding its turn */
};

static int map_error(sqlite3 *db, int rc, const char *what, struct err *e)
{
	int ext = sqlite3_extended_errcode(db);

	switch (ext) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return err_set(e, ERR_CONFLICT, "conflict", NULL,
			       "Dữ liệu đã tồn tại (trùng mã hoặc số).");
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return err_set(e, ERR_CONFLICT, "in_use", NULL,
			       "Dữ liệu đang được dữ liệu khác tham chiếu.");
	case SQLITE_CONSTRAINT_CHECK:
	case SQLITE_CONSTRAINT_NOTNULL:
		return err_invalid(e, NULL, "Dữ liệu không hợp lệ.");
	default:
		break;
	}
	if ((rc & 0xff) == SQLITE_READONLY)
		return err_set(e, ERR_UNAVAILABLE, "read_only", NULL,
			       "Cơ sở dữ liệu đang ở chế độ chỉ đọc: không"
			       " ghi được.");
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return err_set(e, ERR_UNAVAILABLE, "busy", NULL,
			       "Cơ sở dữ liệu đang bận, vui lòng thử lại.");
	fprintf(stderr, "tuyengiao: sqlite %s: %s\n", what,
		sqlite3_errmsg(db));
	return err_internal(e, what);
}

static int exec_sql(sqlite3 *db, const char *sql, struct err *e)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		fprintf(stderr, "tuyengiao: sqlite: %s\n", msg ? msg : "?");
		sqlite3_free(msg);
		return map_error(db, rc, "exec", e);
	}
	return 0;
}

static int sq_open(struct store *s, const char *url, struct err *e)
{
	struct sqlite_store *ss = xcalloc(1, sizeof(*ss));
	pthread_condattr_t ca;

	ss->path = xstrdup(url);
	pthread_mutex_init(&ss->ver_lock, NULL);
	atomic_init(&ss->w.queued, 0);
	pthread_mutex_init(&ss->w.turn, NULL);
	pthread_mutex_init(&ss->w.mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&ss->w.cv, &ca);
	pthread_condattr_destroy(&ca);
	s->impl = ss;
	(void)e;
	return 0;
}

static void db_close(struct sq_db *d)
{
	int i;

	for (i = 0; i < Q__COUNT; i++)
		sqlite3_finalize(d->stmts[i]);
	sqlite3_close(d->db);
	memset(d, 0, sizeof(*d));
}

static void sq_close(struct store *s)
{
	struct sqlite_store *ss = s->impl;

	db_close(&ss->w.h);
	pthread_cond_destroy(&ss->w.cv);
	pthread_mutex_destroy(&ss->w.mu);
	pthread_mutex_destroy(&ss->w.turn);
	sqlite3_finalize(ss->ver_st);
	sqlite3_close(ss->ver_db);
	pthread_mutex_destroy(&ss->ver_lock);
	free(ss->path);
	free(ss);
	s->impl = NULL;
}

/* A connection that finds the database locked tries again every
 * BUSY_STEP_US, up to 10 s (then SQLITE_BUSY: 503). SQLite's own
 * busy_timeout backs off to 100 ms between tries, so a writer that came
 * first could sleep while later ones took the lock again and again:
 * 16 writers at once had a p99 of 1,05–1,6 s. Every 2 ms: p99 ~50 ms,
 * for about 9 % of the rate (A/B run: 2.082 against 2.289 writes/s;
 * tries every 0,2 ms spent the CPU polling: 1.320/s; a mutex handing
 * the lock to the waiting writer: 1.890/s; a back-off to 10 ms:
 * 2.140/s with a p99 of ~180 ms). Since group commit (sq_begin), only
 * writes outside a transaction and other processes wait here. */
#define BUSY_STEP_US 2000
static int busy_wait(void *arg, int tries)
{
	struct timespec step = { 0, BUSY_STEP_US * 1000 };

	(void)arg;
	if ((long long)tries * BUSY_STEP_US >= 10000000LL)
		return 0;
	nanosleep(&step, NULL);
	return 1;
}

static int db_open(const struct sqlite_store *ss, bool read_only,
		   struct sq_db *d, struct err *e)
{
	int rc;

	rc = sqlite3_open_v2(ss->path, &d->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				     SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_UNAVAILABLE, "db_open", "db",
			"Không mở được cơ sở dữ liệu %s: %s", ss->path,
			d->db ? sqlite3_errmsg(d->db) : "?");
		db_close(d);
		return -1;
	}
	sqlite3_busy_handler(d->db, busy_wait, NULL);
	sqlite3_extended_result_codes(d->db, 1);
	if (exec_sql(d->db,
		     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
		     " PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;",
		     e) < 0 ||
	    (read_only && exec_sql(d->db, "PRAGMA query_only=1", e) < 0)) {
		db_close(d);
		return -1;
	}
	return 0;
}

static struct store_conn *sq_conn_open(struct store *s, struct err *e)
{
	struct sqlite_conn *c = xcalloc(1, sizeof(*c));

	if (db_open(s->impl, s->read_only, &c->own, e) < 0) {
		free(c);
		return NULL;
	}
	c->cur = &c->own;
	return &c->base;
}

static void sq_conn_close(struct store_conn *base)
{
	struct sqlite_conn *c = (struct sqlite_conn *)base;

	db_close(&c->own);
	free(c);
}

/*
 * Group commit. SQLite lets one transaction write at a time, and its
 * COMMIT (writing the WAL, the fsync of synchronous=FULL, now and then a
 * checkpoint) was most of a transaction's time holding the lock (0,33 of
 * ~0,45 ms for a new activity on the national dataset), so writers went
 * one fsync after another. Here every transaction of the process runs on
 * one handle, the writer's, in turns (`turn`, held from sq_begin to the
 * end), each inside a savepoint of one outer transaction. A transaction
 * that ends while others wait for their turn releases its savepoint and
 * leaves the outer transaction open for them; the last of a group (no
 * one waiting, or GROUP_MAX members) commits it, and the members waiting
 * learn the outcome and only then answer: an acknowledged write is
 * committed and durable, and a failed COMMIT fails every member. Each
 * member still sees the ones before it, as if they ran one after another.
 * A rollback undoes its savepoint only; if SQLite abandoned the outer
 * transaction (I/O error, full disk) the group fails. Connections keep
 * their own handles for reading and for writes outside a transaction.
 */
#define GROUP_MAX 16
#define TURN_WAIT_S 10
#define ACK_POLL_MS 20

static int writer_fail(struct err *e)
{
	return err_set(e, ERR_UNAVAILABLE, "commit", NULL,
		       "Không ghi được vào cơ sở dữ liệu, vui lòng thử"
		       " lại.");
}

/* Ends the writer's outer transaction, committed when `commit`, and tells
 * the members waiting how it went. Called holding `turn`. */
static bool writer_finish(struct sq_writer *w, bool commit)
{
	struct sq_member *m, *next;
	bool ok = false;

	if (commit && !sqlite3_get_autocommit(w->h.db))
		ok = exec_sql(w->h.db, "COMMIT", NULL) == 0;
	if (!ok && !sqlite3_get_autocommit(w->h.db))
		sqlite3_exec(w->h.db, "ROLLBACK", NULL, NULL, NULL);
	w->members = 0;
	pthread_mutex_lock(&w->mu);
	for (m = w->acks; m; m = next) {
		next = m->next;
		m->ok = ok;
		m->done = true;
	}
	w->acks = NULL;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	return ok;
}

/* Waits for the outcome of the group `me` was released into. Should the
 * turn stay free meanwhile (a writer queued for it gave up), commits the
 * group itself. */
static int writer_await(struct sq_writer *w, struct sq_member *me,
			struct err *e)
{
	struct timespec until;
	bool ok;

	pthread_mutex_lock(&w->mu);
	while (!me->done) {
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += ACK_POLL_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		if (pthread_cond_timedwait(&w->cv, &w->mu, &until) !=
			    ETIMEDOUT ||
		    me->done)
			continue;
		pthread_mutex_unlock(&w->mu);
		if (pthread_mutex_trylock(&w->turn) == 0) {
			/* done changes only under `turn` */
			if (!me->done)
				writer_finish(w, true);
			pthread_mutex_unlock(&w->turn);
		}
		pthread_mutex_lock(&w->mu);
	}
	ok = me->ok;
	pthread_mutex_unlock(&w->mu);
	return ok ? 0 : writer_fail(e);
}

/* The end of c's turn, `released` when its savepoint was released into
 * the group: commit the group, or leave it open to the writers queued
 * and wait for its outcome. */
static int writer_leave(struct sqlite_conn *c, bool released,
			struct err *e)
{
	struct sq_writer *w = &((struct sqlite_store *)c->base.store->impl)->w;
	struct sq_member me = { 0 };
	bool wait = false, ok = true;

	c->cur = &c->own;
	if (sqlite3_get_autocommit(w->h.db))
		ok = writer_finish(w, false); /* SQLite abandoned the group */
	else if (!w->members)
		writer_finish(w, false);
	else if (atomic_load(&w->queued) == 0 || w->members >= GROUP_MAX)
		ok = writer_finish(w, true);
	else if (released)
		wait = true;
	if (wait) {
		me.next = w->acks;
		w->acks = &me;
	}
	pthread_mutex_unlock(&w->turn);
	if (wait)
		return writer_await(w, &me, e);
	return ok || !released ? 0 : writer_fail(e);
}

static int sq_begin(struct store_conn *base, bool shared, struct err *e)
{
	struct sqlite_conn *c = (struct sqlite_conn *)base;
	struct sqlite_store *ss = base->store->impl;
	struct sq_writer *w = &ss->w;
	struct timespec until;
	int rc;

	(void)shared; /* one writer at a time */
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += TURN_WAIT_S;
	atomic_fetch_add(&w->queued, 1);
	rc = pthread_mutex_timedlock(&w->turn, &until);
	atomic_fetch_sub(&w->queued, 1);
	if (rc != 0)
		return err_set(e, ERR_UNAVAILABLE, "busy", NULL,
			       "Cơ sở dữ liệu đang bận, vui lòng thử lại.");
	if ((!w->h.db && db_open(ss, false, &w->h, e) < 0) ||
	    (sqlite3_get_autocommit(w->h.db) &&
	     exec_sql(w->h.db, "BEGIN IMMEDIATE", e) < 0)) {
		pthread_mutex_unlock(&w->turn);
		return -1;
	}
	c->cur = &w->h;
	if (exec_sql(w->h.db, "SAVEPOINT tg", e) < 0) {
		writer_leave(c, false, NULL);
		return -1;
	}
	return 0;
}

/* Undo c's savepoint and end its turn. */
static void sq_rollback(struct store_conn *base)
{
	struct sqlite_conn *c = (struct sqlite_conn *)base;

	if (c->cur == &c->own) /* not in a transaction */
		return;
	if (!sqlite3_get_autocommit(c->cur->db))
		sqlite3_exec(c->cur->db, "ROLLBACK TO tg; RELEASE tg", NULL,
			     NULL, NULL);
	writer_leave(c, false, NULL);
}

static int sq_commit(struct store_conn *base, struct err *e)
{
	struct sqlite_conn *c = (struct sqlite_conn *)base;
	struct sq_writer *w = &((struct sqlite_store *)base->store->impl)->w;

	if (exec_sql(w->h.db, "RELEASE tg", e) < 0) {
		sq_rollback(base);
		return -1;
	}
	w->members++;
	return writer_leave(c, true, e);
}

extern const struct store_backend store_sqlite_backend;

static int sq_query(struct store_conn *base, enum query q,
		    const struct sval *args, size_t n,
		    struct store_rows **out, struct err *e)
{
	struct sq_db *d = ((struct sqlite_conn *)base)->cur;
	struct sqlite_rows *r;
	sqlite3_stmt *st;
	size_t i;
	int rc;

	*out = NULL;
	if ((unsigned)q >= Q__COUNT)
		return err_internal(e, "query");
	st = d->stmts[q];
	if (!st) {
		rc = sqlite3_prepare_v3(d->db, query_sql(q), -1,
					SQLITE_PREPARE_PERSISTENT, &st, NULL);
		if (rc != SQLITE_OK)
			return map_error(d->db, rc, query_name(q), e);
		d->stmts[q] = st;
	}
	for (i = 0; i < n; i++) {
		switch (args[i].type) {
		case SV_NULL:
			rc = sqlite3_bind_null(st, (int)i + 1);
			break;
		case SV_INT:
			rc = sqlite3_bind_int64(st, (int)i + 1, args[i].i);
			break;
		default:
			rc = sqlite3_bind_text(st, (int)i + 1, args[i].s, -1,
					       SQLITE_STATIC);
			break;
		}
		if (rc != SQLITE_OK) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return map_error(d->db, rc, query_name(q), e);
		}
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		map_error(d->db, rc, query_name(q), e);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return -1;
	}
	r = &d->rows[q];
	r->base.be = &store_sqlite_backend;
	r->st = st;
	r->first = rc;
	r->first_pending = true;
	*out = &r->base;
	return 0;
}

static int sq_next(struct store_rows *base)
{
	struct sqlite_rows *r = (struct sqlite_rows *)base;
	int rc;

	if (r->first_pending) {
		r->first_pending = false;
		return r->first == SQLITE_ROW;
	}
	if (r->first == SQLITE_DONE)
		return 0;
	rc = sqlite3_step(r->st);
	if (rc == SQLITE_ROW)
		return 1;
	r->first = SQLITE_DONE;
	return rc == SQLITE_DONE ? 0 : -1;
}

static bool sq_is_null(struct store_rows *base, int col)
{
	return sqlite3_column_type(((struct sqlite_rows *)base)->st, col) ==
	       SQLITE_NULL;
}

static int64_t sq_col_int(struct store_rows *base, int col)
{
	return sqlite3_column_int64(((struct sqlite_rows *)base)->st, col);
}

static const char *sq_col_text(struct store_rows *base, int col)
{
	const unsigned char *t =
		sqlite3_column_text(((struct sqlite_rows *)base)->st, col);
	return t ? (const char *)t : "";
}

static void sq_rows_free(struct store_rows *base)
{
	struct sqlite_rows *r = (struct sqlite_rows *)base;

	sqlite3_reset(r->st);
	sqlite3_clear_bindings(r->st);
}

static int64_t sq_changes(struct store_conn *base)
{
	return sqlite3_changes64(((struct sqlite_conn *)base)->cur->db);
}

/*
 * Apply every migration of schema.h not yet recorded in schema_migrations,
 * each in its own transaction together with its record, so a crash leaves
 * the schema at a recorded version.
 */
static int sq_migrate(struct store_conn *base, struct err *e)
{
	sqlite3 *db = ((struct sqlite_conn *)base)->own.db;
	const struct migration *m;
	sqlite3_stmt *st = NULL;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	int rc, applied;

	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (exec_sql(db,
		     "CREATE TABLE IF NOT EXISTS schema_migrations ("
		     " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
		     " applied_at TEXT NOT NULL)",
		     e) < 0)
		return -1;
	for (m = schema_sqlite; m->version; m++) {
		if (exec_sql(db, "BEGIN IMMEDIATE", e) < 0)
			return -1;
		rc = sqlite3_prepare_v2(db,
					"SELECT 1 FROM schema_migrations"
					" WHERE version = ?1",
					-1, &st, NULL);
		if (rc != SQLITE_OK)
			goto fail;
		sqlite3_bind_int(st, 1, m->version);
		applied = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		st = NULL;
		if (!applied) {
			if (exec_sql(db, m->sql, e) < 0)
				goto fail_set;
			rc = sqlite3_prepare_v2(db,
						"INSERT INTO schema_migrations"
						" VALUES (?1, ?2, ?3)",
						-1, &st, NULL);
			if (rc != SQLITE_OK)
				goto fail;
			sqlite3_bind_int(st, 1, m->version);
			sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
			rc = sqlite3_step(st);
			sqlite3_finalize(st);
			st = NULL;
			if (rc != SQLITE_DONE)
				goto fail;
		}
		if (exec_sql(db, "COMMIT", e) < 0)
			goto fail_set;
	}
	return 0;
fail:
	map_error(db, rc, "migrate", e);
fail_set:
	sqlite3_finalize(st);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/*
 * The online backup API in one step: the copy runs inside one read
 * transaction, so it is a consistent snapshot, and WAL lets writers go on
 * meanwhile (a step-by-step copy would restart on every write and might
 * never finish under load).
 */
static int sq_backup(struct store_conn *base, const char *path,
		     struct err *e)
{
	struct sqlite_conn *c = (struct sqlite_conn *)base;
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc;

	rc = sqlite3_open_v2(path, &dst,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(dst, 10000);
		b = sqlite3_backup_init(dst, "main", c->own.db, "main");
		if (!b) {
			rc = sqlite3_errcode(dst);
		} else {
			do {
				rc = sqlite3_backup_step(b, -1);
				if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
					sqlite3_sleep(50);
			} while (rc == SQLITE_OK || rc == SQLITE_BUSY ||
				 rc == SQLITE_LOCKED);
			rc = sqlite3_backup_finish(b);
		}
	}
	if (rc != SQLITE_OK) {
		err_set(e, ERR_INTERNAL, "backup", NULL,
			"Không sao lưu được vào %s: %s", path,
			dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		sqlite3_close(dst);
		return -1;
	}
	if (sqlite3_close(dst) != SQLITE_OK)
		return err_set(e, ERR_INTERNAL, "backup", NULL,
			       "Không đóng được bản sao lưu %s.", path);
	return 0;
}

static int sq_data_version(struct store_conn *base, char *out, size_t n,
			   struct err *e)
{
	struct sqlite_store *ss = base->store->impl;
	int rc = SQLITE_OK;

	pthread_mutex_lock(&ss->ver_lock);
	if (!ss->ver_db) {
		rc = sqlite3_open_v2(ss->path, &ss->ver_db,
				     SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
				     NULL);
		if (rc == SQLITE_OK) {
			sqlite3_busy_timeout(ss->ver_db, 10000);
			rc = sqlite3_prepare_v3(ss->ver_db,
						query_sql(Q_DATA_VERSION), -1,
						SQLITE_PREPARE_PERSISTENT,
						&ss->ver_st, NULL);
		}
	}
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(ss->ver_st);
		if (rc == SQLITE_ROW)
			snprintf(out, n, "%lld",
				 (long long)sqlite3_column_int64(ss->ver_st,
								 0));
		sqlite3_reset(ss->ver_st);
	}
	if (rc != SQLITE_ROW) {
		map_error(ss->ver_db, rc, "data_version", e);
		sqlite3_finalize(ss->ver_st);
		sqlite3_close(ss->ver_db);
		ss->ver_st = NULL;
		ss->ver_db = NULL;
	}
	pthread_mutex_unlock(&ss->ver_lock);
	return rc == SQLITE_ROW ? 0 : -1;
}

const struct store_backend store_sqlite_backend = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.conn_open = sq_conn_open,
	.conn_close = sq_conn_close,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.query = sq_query,
	.next = sq_next,
	.is_null = sq_is_null,
	.col_int = sq_col_int,
	.col_text = sq_col_text,
	.rows_free = sq_rows_free,
	.changes = sq_changes,
	.migrate = sq_migrate,
	.backup = sq_backup,
	.data_version = sq_data_version,
};
