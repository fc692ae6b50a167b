/*
 * The PostgreSQL backend (libpq), behind the same store.h as SQLite.
 *
 * - One PGconn per pool slot (store.c manages the slots). A connection
 *   found broken outside a transaction is reset once before a statement.
 * - Every statement of queries.h is prepared once per connection, the first
 *   time it runs, under the name "tg<id>": its text (or the PostgreSQL
 *   override from sql_pg_overrides.c) with ?N rewritten to $N. Parameters a
 *   statement does not read are declared TEXT (PostgreSQL must know every
 *   parameter's type), and arguments beyond the highest one it reads are not
 *   sent, so a caller may bind more than a statement uses, as with SQLite.
 * - Values travel as text: integers printed in decimal, NULL as NULL. Rows
 *   come back as text; store_col_int() parses them (and 't'/'f').
 * - store_begin() is BEGIN ISOLATION LEVEL READ COMMITTED followed by a
 *   transaction-scoped advisory lock taken by every writer: writers are
 *   serialised like SQLite's BEGIN IMMEDIATE (documents numbering relies
 *   on it), and read committed makes each statement after the lock see
 *   everything committed before it. store_begin_own_shared() takes the
 *   same lock shared: record creations run side by side, a store_begin()
 *   writer waits for them all (docs/internals/postgres.md).
 * - Errors map by SQLSTATE: 23505 unique → 409 "conflict", 23503 foreign
 *   key → 409 "in_use", 23514 check / 23502 not null / 22xxx bad value →
 *   400, 40001 / 40P01 / 55P03 and lost connections → 503; else 500, logged.
 * - Locks are waited for at most 10 s (lock_timeout), then 503, like
 *   SQLite's busy timeout.
 * - Connections say who they are (application_name "tuyengiao", or
 *   "tuyengiao-read" for a read replica's pool, unless the URL sets one).
 *   A read replica's connections also run with default_transaction_read_only
 *   and give up connecting after 3 s (unless the URL says otherwise);
 *   SQLSTATE 25006 (a write in a read-only transaction, or on a hot
 *   standby) comes back as the code "read_only".
 * - Migrations (schema_pg.c) run under a session advisory lock, so servers
 *   starting together apply each one once.
 */
#include "store/store_pg.h"
#include "store/schema.h"
#include "store/sql_pg_overrides.h"
#include "base/mem.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Keys of the advisory locks: (TG_LOCK_CLASS, 0) migrations, (…, 1) the
 * write lock. */
#define TG_LOCK_CLASS 7467
#define MAX_PARAMS 64
/* Wait at most this long for a lock (the write lock included), then 503,
 * like SQLite's busy timeout. Migrations wait without a limit. */
#define SET_LOCK_TIMEOUT "SET lock_timeout = '10s'"
#define SET_READ_ONLY "SET default_transaction_read_only = on"
/* No JIT compilation: our statements are interactive, and PostgreSQL
 * compiled some whose estimate passed jit_above_cost on every call (the
 * root's roster and history share, whose per-unit lookups it costs high):
 * nation over 5 years 20,2 → 15,6 ms p50 on the national dataset. */
#define SET_NO_JIT "SET jit = off"
#define TEXTOID 25

struct pg_store {
	char *url;
};

struct pg_rows {
	struct store_rows base;
	PGresult *res;
	int row;   /* the current row, -1 before the first */
	int nrows;
};

struct pg_conn {
	struct store_conn base;
	PGconn *db;
	int64_t changes;
	signed char nparams[Q__COUNT]; /* -1: not prepared on this session */
	struct pg_rows rows[Q__COUNT];
};

extern const struct store_backend store_pg_backend;

static void quiet_notices(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static int unavailable(struct err *e)
{
	return err_set(e, ERR_UNAVAILABLE, "busy", NULL,
		       "Cơ sở dữ liệu đang bận hoặc không kết nối được, vui"
		       " lòng thử lại.");
}

/* Map a failed result (or NULL: no result at all) to an error. */
static int map_error(struct pg_conn *c, const PGresult *res, const char *what,
		     struct err *e)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE)
				: NULL;

	if (state) {
		if (!strcmp(state, "25006"))
			return err_set(e, ERR_UNAVAILABLE, "read_only", NULL,
				       "Cơ sở dữ liệu đang ở chế độ chỉ đọc (bản"
				       " sao): thao tác ghi phải chạy trên máy"
				       " chủ chính.");
		if (!strcmp(state, "23505"))
			return err_set(e, ERR_CONFLICT, "conflict", NULL,
				       "Dữ liệu đã tồn tại (trùng mã hoặc số).");
		if (!strcmp(state, "23503"))
			return err_set(e, ERR_CONFLICT, "in_use", NULL,
				       "Dữ liệu đang được dữ liệu khác tham"
				       " chiếu.");
		if (!strcmp(state, "23514") || !strcmp(state, "23502") ||
		    !strncmp(state, "22", 2))
			return err_invalid(e, NULL, "Dữ liệu không hợp lệ.");
		if (!strcmp(state, "40001") || !strcmp(state, "40P01") ||
		    !strcmp(state, "55P03") || !strncmp(state, "08", 2) ||
		    !strcmp(state, "57P01"))
			return unavailable(e);
	}
	if (PQstatus(c->db) == CONNECTION_BAD)
		return unavailable(e);
	fprintf(stderr, "tuyengiao: postgresql %s: %s%s%s\n", what,
		state ? state : "", state ? " " : "",
		res ? PQresultErrorMessage(res) : PQerrorMessage(c->db));
	return err_internal(e, what);
}

/* Run SQL with no parameters, expecting no error. */
static int exec_sql(struct pg_conn *c, const char *sql, const char *what,
		    struct err *e)
{
	PGresult *res = PQexec(c->db, sql);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	int rc = 0;

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		rc = map_error(c, res, what, e);
	PQclear(res);
	return rc;
}

static int pg_open(struct store *s, const char *url, struct err *e)
{
	struct pg_store *ps = xcalloc(1, sizeof(*ps));

	ps->url = xstrdup(url);
	s->impl = ps;
	(void)e;
	return 0;
}

static void pg_close(struct store *s)
{
	struct pg_store *ps = s->impl;

	free(ps->url);
	free(ps);
	s->impl = NULL;
}

static void forget_prepared(struct pg_conn *c)
{
	memset(c->nparams, -1, sizeof(c->nparams));
}

/* The per-session settings, after every (re)connection. */
static int session_setup(struct pg_conn *c, struct err *e)
{
	PQsetClientEncoding(c->db, "UTF8");
	if (exec_sql(c, SET_LOCK_TIMEOUT, "connect", e) < 0 ||
	    exec_sql(c, SET_NO_JIT, "connect", e) < 0)
		return -1;
	if (c->base.store->read_only &&
	    exec_sql(c, SET_READ_ONLY, "connect", e) < 0)
		return -1;
	return 0;
}

static struct store_conn *pg_conn_open(struct store *s, struct err *e)
{
	struct pg_store *ps = s->impl;
	struct pg_conn *c = xcalloc(1, sizeof(*c));
	/* The URL (expanded from "dbname") overrides the keywords before it;
	 * fallback_application_name yields to an application_name in it. */
	const char *keys[] = { "connect_timeout", "dbname",
			       "fallback_application_name", NULL };
	const char *values[] = { s->read_only ? "3" : "0", ps->url,
				 s->read_only ? "tuyengiao-read" : "tuyengiao",
				 NULL };

	c->base.store = s;
	c->db = PQconnectdbParams(keys, values, 1);
	if (!c->db || PQstatus(c->db) != CONNECTION_OK) {
		char msg[300];
		size_t n;

		snprintf(msg, sizeof(msg), "%s",
			 c->db ? PQerrorMessage(c->db) : "out of memory");
		n = strlen(msg);
		while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
		err_set(e, ERR_UNAVAILABLE, "db_open", "db",
			"Không kết nối được PostgreSQL: %s", msg);
		PQfinish(c->db);
		free(c);
		return NULL;
	}
	PQsetNoticeProcessor(c->db, quiet_notices, NULL);
	forget_prepared(c);
	if (session_setup(c, e) < 0) {
		PQfinish(c->db);
		free(c);
		return NULL;
	}
	return &c->base;
}

static void pg_conn_close(struct store_conn *base)
{
	struct pg_conn *c = (struct pg_conn *)base;
	int i;

	for (i = 0; i < Q__COUNT; i++)
		PQclear(c->rows[i].res);
	PQfinish(c->db);
	free(c);
}

/* Reconnect a broken connection (outside a transaction only). */
static int ensure_connected(struct pg_conn *c, struct err *e)
{
	if (PQstatus(c->db) == CONNECTION_OK)
		return 0;
	if (c->base.in_txn)
		return unavailable(e);
	PQreset(c->db);
	forget_prepared(c);
	if (PQstatus(c->db) != CONNECTION_OK)
		return unavailable(e);
	return session_setup(c, e);
}

static int pg_begin(struct store_conn *base, bool shared, struct err *e)
{
	struct pg_conn *c = (struct pg_conn *)base;

	if (ensure_connected(c, e) < 0)
		return -1;
	if (exec_sql(c,
		     shared ? "BEGIN ISOLATION LEVEL READ COMMITTED;"
			      " SELECT pg_advisory_xact_lock_shared(7467, 1)"
			    : "BEGIN ISOLATION LEVEL READ COMMITTED;"
			      " SELECT pg_advisory_xact_lock(7467, 1)",
		     "begin", e) < 0) {
		if (PQtransactionStatus(c->db) != PQTRANS_IDLE)
			PQclear(PQexec(c->db, "ROLLBACK"));
		return -1;
	}
	return 0;
}

static int pg_commit(struct store_conn *base, struct err *e)
{
	struct pg_conn *c = (struct pg_conn *)base;
	PGresult *res;
	int rc = 0;

	if (PQtransactionStatus(c->db) == PQTRANS_INERROR) {
		/* A statement failed and the caller went on: PostgreSQL
		 * would turn this COMMIT into a ROLLBACK. */
		fprintf(stderr, "tuyengiao: postgresql commit: transaction"
				" aborted by an earlier error\n");
		return err_internal(e, "commit");
	}
	res = PQexec(c->db, "COMMIT");
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = map_error(c, res, "commit", e);
	else if (!strcmp(PQcmdStatus(res), "ROLLBACK"))
		rc = err_internal(e, "commit");
	PQclear(res);
	return rc;
}

static void pg_rollback(struct store_conn *base)
{
	struct pg_conn *c = (struct pg_conn *)base;

	if (PQtransactionStatus(c->db) != PQTRANS_IDLE &&
	    PQstatus(c->db) == CONNECTION_OK)
		PQclear(PQexec(c->db, "ROLLBACK"));
}

/*
 * The SQL of q with ?N rewritten to $N (outside quotes), the number of
 * parameters (the highest N) and which of them the statement reads.
 * Returns NULL when a parameter number is out of range.
 */
static char *rewrite(const char *sql, int *nparams, bool used[MAX_PARAMS + 1])
{
	size_t len = strlen(sql);
	char *out = xmalloc(len + 1), *o = out;
	const char *p = sql;
	char quote = 0;

	*nparams = 0;
	while (*p) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			*o++ = *p++;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			quote = *p;
			*o++ = *p++;
			continue;
		}
		if (*p == '?' && p[1] >= '0' && p[1] <= '9') {
			int n = 0;

			*o++ = '$';
			p++;
			while (*p >= '0' && *p <= '9') {
				n = n * 10 + (*p - '0');
				if (n > MAX_PARAMS) {
					free(out);
					return NULL;
				}
				*o++ = *p++;
			}
			if (n < 1) {
				free(out);
				return NULL;
			}
			used[n] = true;
			if (n > *nparams)
				*nparams = n;
			continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
	return out;
}

static int prepare(struct pg_conn *c, enum query q, struct err *e)
{
	const char *sql = pg_override_sql(q);
	bool used[MAX_PARAMS + 1] = { false };
	Oid types[MAX_PARAMS];
	char name[16], *text;
	PGresult *res;
	int n, i, rc = 0;

	if (!sql)
		sql = query_sql(q);
	text = rewrite(sql, &n, used);
	if (!text) {
		fprintf(stderr, "tuyengiao: postgresql: bad parameter in %s\n",
			query_name(q));
		return err_internal(e, query_name(q));
	}
	for (i = 0; i < n; i++)
		types[i] = used[i + 1] ? 0 : TEXTOID;
	snprintf(name, sizeof(name), "tg%d", (int)q);
	res = PQprepare(c->db, name, text, n, types);
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = map_error(c, res, query_name(q), e);
	else
		c->nparams[q] = (signed char)n;
	PQclear(res);
	free(text);
	return rc;
}

/* A statement's name and text arguments, ready for libpq. */
struct bound {
	char name[16];
	char nums[MAX_PARAMS][24];
	const char *values[MAX_PARAMS];
	int np; /* the number of parameters the statement reads */
};

/* Bind `args` to statement `q` (prepared on c first if need be). */
static int bind(struct pg_conn *c, enum query q, const struct sval *args,
		size_t n, struct bound *b, struct err *e)
{
	int i;

	if ((unsigned)q >= Q__COUNT)
		return err_internal(e, "query");
	if (ensure_connected(c, e) < 0)
		return -1;
	if (c->nparams[q] < 0 && prepare(c, q, e) < 0)
		return -1;
	b->np = c->nparams[q];
	for (i = 0; i < b->np; i++) {
		if ((size_t)i >= n || args[i].type == SV_NULL) {
			b->values[i] = NULL;
		} else if (args[i].type == SV_INT) {
			snprintf(b->nums[i], sizeof(b->nums[i]), "%lld",
				 (long long)args[i].i);
			b->values[i] = b->nums[i];
		} else {
			b->values[i] = args[i].s;
		}
	}
	snprintf(b->name, sizeof(b->name), "tg%d", (int)q);
	return 0;
}

/* Make `res`, the answer to `q` on connection `from`, c's rows of `q`
 * (c owns it from then on), or fill e from it. */
static int install(struct pg_conn *c, struct pg_conn *from, enum query q,
		   PGresult *res, struct store_rows **out, struct err *e)
{
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	struct pg_rows *r;

	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		map_error(from, res, query_name(q), e);
		PQclear(res);
		if (PQstatus(from->db) == CONNECTION_BAD)
			forget_prepared(from);
		return -1;
	}
	c->changes = atoll(PQcmdTuples(res));
	r = &c->rows[q];
	PQclear(r->res);
	r->base.be = &store_pg_backend;
	r->res = res;
	r->row = -1;
	r->nrows = st == PGRES_TUPLES_OK ? PQntuples(res) : 0;
	*out = &r->base;
	return 0;
}

static int pg_query(struct store_conn *base, enum query q,
		    const struct sval *args, size_t n, struct store_rows **out,
		    struct err *e)
{
	struct pg_conn *c = (struct pg_conn *)base;
	struct bound b;

	*out = NULL;
	if (bind(c, q, args, n, &b, e) < 0)
		return -1;
	return install(c, c, q,
		       PQexecPrepared(c->db, b.name, b.np, b.values, NULL,
				      NULL, 0),
		       out, e);
}

/* store_query_ahead(): the statement goes out on `other`, its answer is
 * read when c needs it (pg_receive) or dropped (pg_drop). */
static int pg_send(struct store_conn *other, enum query q,
		   const struct sval *args, size_t n)
{
	struct pg_conn *o = (struct pg_conn *)other;
	struct bound b;

	if (bind(o, q, args, n, &b, NULL) < 0)
		return -1;
	return PQsendQueryPrepared(o->db, b.name, b.np, b.values, NULL, NULL,
				   0)
		       ? 0
		       : -1;
}

static void pg_drop(struct store_conn *other)
{
	struct pg_conn *o = (struct pg_conn *)other;
	PGresult *res;

	while ((res = PQgetResult(o->db)))
		PQclear(res);
}

static int pg_receive(struct store_conn *base, struct store_conn *other,
		      enum query q, struct store_rows **out, struct err *e)
{
	struct pg_conn *o = (struct pg_conn *)other;
	PGresult *res = PQgetResult(o->db);

	*out = NULL;
	pg_drop(other); /* the end of the answer */
	return install((struct pg_conn *)base, o, q, res, out, e);
}

static int pg_next(struct store_rows *base)
{
	struct pg_rows *r = (struct pg_rows *)base;

	if (r->row < r->nrows)
		r->row++;
	return r->row < r->nrows;
}

static bool pg_is_null(struct store_rows *base, int col)
{
	struct pg_rows *r = (struct pg_rows *)base;

	if (r->row < 0 || r->row >= r->nrows || col >= PQnfields(r->res))
		return true;
	return PQgetisnull(r->res, r->row, col);
}

static int64_t pg_col_int(struct store_rows *base, int col)
{
	struct pg_rows *r = (struct pg_rows *)base;
	const char *v;

	if (pg_is_null(base, col))
		return 0;
	v = PQgetvalue(r->res, r->row, col);
	if (v[0] == 't' && !v[1])
		return 1;
	return strtoll(v, NULL, 10);
}

static const char *pg_col_text(struct store_rows *base, int col)
{
	struct pg_rows *r = (struct pg_rows *)base;

	if (pg_is_null(base, col))
		return "";
	return PQgetvalue(r->res, r->row, col);
}

static void pg_rows_free(struct store_rows *base)
{
	struct pg_rows *r = (struct pg_rows *)base;

	PQclear(r->res);
	r->res = NULL;
	r->nrows = 0;
	r->row = -1;
}

static int64_t pg_changes(struct store_conn *base)
{
	return ((struct pg_conn *)base)->changes;
}

/* Is migration `version` recorded? 1 yes, 0 no, -1 error. */
static int applied(struct pg_conn *c, int version, struct err *e)
{
	char v[16];
	const char *values[1] = { v };
	PGresult *res;
	int rc;

	snprintf(v, sizeof(v), "%d", version);
	res = PQexecParams(c->db,
			   "SELECT 1 FROM schema_migrations WHERE version = $1",
			   1, NULL, values, NULL, NULL, 0);
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK)
		rc = map_error(c, res, "migrate", e);
	else
		rc = PQntuples(res) > 0;
	PQclear(res);
	return rc;
}

static int record(struct pg_conn *c, const struct migration *m,
		  const char *now, struct err *e)
{
	char v[16];
	const char *values[3] = { v, m->name, now };
	PGresult *res;
	int rc = 0;

	snprintf(v, sizeof(v), "%d", m->version);
	res = PQexecParams(c->db,
			   "INSERT INTO schema_migrations (version, name,"
			   " applied_at) VALUES ($1, $2, $3)",
			   3, NULL, values, NULL, NULL, 0);
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = map_error(c, res, "migrate", e);
	PQclear(res);
	return rc;
}

/*
 * Apply every migration of schema_pg not yet recorded, each in its own
 * transaction together with its record, under a session advisory lock so
 * concurrent starts apply each migration once.
 */
static int pg_migrate(struct store_conn *base, struct err *e)
{
	struct pg_conn *c = (struct pg_conn *)base;
	const struct migration *m;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	int rc = 0, done;

	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (exec_sql(c, "SET lock_timeout = 0", "migrate", e) < 0 ||
	    exec_sql(c, "SELECT pg_advisory_lock(7467, 0)", "migrate", e) < 0)
		return -1;
	if (exec_sql(c,
		     "CREATE TABLE IF NOT EXISTS schema_migrations ("
		     " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
		     " applied_at TEXT NOT NULL)",
		     "migrate", e) < 0) {
		rc = -1;
		goto out;
	}
	for (m = schema_pg; m->version; m++) {
		if (exec_sql(c, "BEGIN", "migrate", e) < 0) {
			rc = -1;
			goto out;
		}
		done = applied(c, m->version, e);
		if (done < 0 ||
		    (!done && (exec_sql(c, m->sql, m->name, e) < 0 ||
			       record(c, m, now, e) < 0)) ||
		    exec_sql(c, "COMMIT", "migrate", e) < 0) {
			fprintf(stderr,
				"tuyengiao: postgresql: migration %d (%s)"
				" failed\n",
				m->version, m->name);
			PQclear(PQexec(c->db, "ROLLBACK"));
			rc = -1;
			goto out;
		}
	}
out:
	PQclear(PQexec(c->db, "SELECT pg_advisory_unlock(7467, 0)"));
	PQclear(PQexec(c->db, SET_LOCK_TIMEOUT));
	return rc;
}

int store_pg_prepare_all(struct store_conn *base)
{
	struct pg_conn *c = (struct pg_conn *)base;
	int q, failed = 0;

	if (base->store->be != &store_pg_backend)
		return -1;
	for (q = 0; q < Q__COUNT; q++) {
		struct err e = ERR_INIT;

		if (c->nparams[q] < 0 && prepare(c, (enum query)q, &e) < 0) {
			if (e.status != ERR_INTERNAL)
				fprintf(stderr,
					"tuyengiao: postgresql %s: %s\n",
					query_name((enum query)q), e.message);
			failed++;
		}
	}
	return failed;
}

const struct store_backend store_pg_backend = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.conn_open = pg_conn_open,
	.conn_close = pg_conn_close,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.query = pg_query,
	.next = pg_next,
	.is_null = pg_is_null,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.rows_free = pg_rows_free,
	.changes = pg_changes,
	.migrate = pg_migrate,
	.send = pg_send,
	.receive = pg_receive,
	.drop = pg_drop,
	/* No online backup API: domain/backup_pg.c runs pg_dump. */
	.backup = NULL,
};
