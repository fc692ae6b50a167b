/*
 * The storage interface. Domain code talks to the database only through this
 * header: it never sees a backend's types, and it never writes SQL. Every
 * statement it may run is named in queries.h (`enum query`); the SQL text
 * lives in the store layer (queries.c, one portable dialect) and a backend
 * prepares each statement once per connection, the first time it runs.
 * Every value is bound, never formatted into SQL.
 *
 * A `struct store` is one database: a pool of connections opened from a URL
 * ("data/x.db", "sqlite:data/x.db", later "postgresql://…"). A request
 * acquires one connection for its whole life and releases it at the end, so
 * statements and transactions are per connection and need no locking.
 *
 * Transactions: store_begin() starts a write transaction that takes the
 * write lock at once (SQLite BEGIN IMMEDIATE), so two writers never deadlock
 * upgrading a read lock; every write of a request happens between begin and
 * commit, together with its audit row. Reads outside a transaction see the
 * latest committed state.
 */
#ifndef TG_STORE_H
#define TG_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/queries.h"

struct store;
struct store_conn;
struct store_rows;

/* A bound value. Text is borrowed: it must live until the statement ran. */
enum sval_type { SV_NULL, SV_INT, SV_TEXT };
struct sval {
	enum sval_type type;
	int64_t i;
	const char *s;
};

static inline struct sval sv_text(const char *s)
{
	struct sval v = { s ? SV_TEXT : SV_NULL, 0, s };
	return v;
}

#define SV_I(x) ((struct sval){ SV_INT, (int64_t)(x), NULL })
#define SV_T(x) sv_text(x)
#define SV_NUL ((struct sval){ SV_NULL, 0, NULL })
/* An optional integer: NULL when `present` is false. */
#define SV_OPT(present, x) ((present) ? SV_I(x) : SV_NUL)

/* The backend behind a store: one file each (store_sqlite.c, store_pg.c). */
struct store_backend {
	const char *name;
	int (*open)(struct store *s, const char *url, struct err *e);
	void (*close)(struct store *s);
	struct store_conn *(*conn_open)(struct store *s, struct err *e);
	void (*conn_close)(struct store_conn *c);
	int (*begin)(struct store_conn *c, bool shared, struct err *e);
	int (*commit)(struct store_conn *c, struct err *e);
	void (*rollback)(struct store_conn *c);
	int (*query)(struct store_conn *c, enum query q, const struct sval *args,
		     size_t n, struct store_rows **out, struct err *e);
	int (*next)(struct store_rows *r);
	bool (*is_null)(struct store_rows *r, int col);
	int64_t (*col_int)(struct store_rows *r, int col);
	const char *(*col_text)(struct store_rows *r, int col);
	void (*rows_free)(struct store_rows *r);
	int64_t (*changes)(struct store_conn *c);
	int (*migrate)(struct store_conn *c, struct err *e);
	/* Online backup: a consistent copy of the whole database written to
	 * the file `path` while other connections keep writing. NULL when the
	 * backend has none (PostgreSQL: domain/backup_pg.c runs pg_dump). */
	int (*backup)(struct store_conn *c, const char *path, struct err *e);
	/* store_query_ahead(): send `q` on `other` without waiting for its
	 * answer; take that answer as c's rows of `q`; or drop it, leaving
	 * `other` idle. NULL when the backend has none (SQLite). */
	int (*send)(struct store_conn *other, enum query q,
		    const struct sval *args, size_t n);
	int (*receive)(struct store_conn *c, struct store_conn *other,
		       enum query q, struct store_rows **out, struct err *e);
	void (*drop)(struct store_conn *other);
	/* store_data_version(); NULL: run Q_DATA_VERSION on `c`. */
	int (*data_version)(struct store_conn *c, char *out, size_t n,
			    struct err *e);
};

/*
 * Open the database named by `url` with a pool of `pool_size` connections
 * and apply pending schema migrations. On success *out is set; the caller
 * owns it and frees it with store_close().
 */
int store_open(struct store **out, const char *url, unsigned pool_size,
	       struct err *e);
void store_close(struct store *s);
const char *store_backend_name(const struct store *s);

/*
 * Open a read replica (PostgreSQL hot standby) as a second store, for the
 * reads that tolerate replication lag (serve --db-read). No migrations run
 * there. Every connection refuses writes on its own side:
 * store_begin() fails with the code "read_only" without reaching the
 * database, and PostgreSQL connections run with
 * default_transaction_read_only, so a stray write outside a transaction
 * fails too (SQLSTATE 25006, also mapped to "read_only"; SQLite, used by
 * the unit tests, with PRAGMA query_only). PostgreSQL connections carry
 * application_name "tuyengiao-read" (the primary's: "tuyengiao") unless
 * the URL sets one, so pg_stat_activity tells the pools apart.
 *
 * When a connection cannot be opened, or store_mark_down() is called after
 * one failed, store_acquire() on this store fails at once (code
 * "replica_down") for STORE_READ_RETRY_SECONDS, so a replica that is down
 * costs a request nothing: the caller answers from the primary.
 * The caller owns *out and frees it with store_close().
 */
#define STORE_READ_RETRY_SECONDS 5
int store_open_read(struct store **out, const char *url, unsigned pool_size,
		    struct err *e);
bool store_is_read_only(const struct store *s);
void store_mark_down(struct store *s);
/* Is `url` a PostgreSQL URL (postgresql:// or postgres://)? */
bool store_url_is_pg(const char *url);

/*
 * Take a connection from the pool, waiting while all are in use. Release it
 * with store_release(); a transaction still open then is rolled back.
 * Returns NULL (and fills e) only when the database cannot be reached.
 */
struct store_conn *store_acquire(struct store *s, struct err *e);
void store_release(struct store_conn *c);

int store_begin(struct store_conn *c, struct err *e);

/*
 * For writes that may run alone or inside a caller's transaction (the demo
 * loader, a merge): store_begin_own() starts a transaction only if none is
 * open and says so in *own; store_end_own() then commits it when `rc` is 0
 * or rolls it back, and returns the final result. A caller's transaction
 * is left for the caller to end.
 */
int store_begin_own(struct store_conn *c, bool *own, struct err *e);
/*
 * store_begin_own_shared(): the same for a write that only adds a record
 * whose checks read nothing another such write could change (its unit, the
 * unit's history, the tree): on PostgreSQL it runs alongside other shared
 * ones, the row locks of the roll-up aggregates and the constraints keeping
 * them apart, while a store_begin() transaction (a move, a merge, document
 * numbering, an update that reads the row it rewrites) still runs alone.
 * SQLite has one writer at a time: the same as store_begin_own() there.
 */
int store_begin_own_shared(struct store_conn *c, bool *own, struct err *e);
int store_end_own(struct store_conn *c, bool own, int rc, struct err *e);
int store_commit(struct store_conn *c, struct err *e);
void store_rollback(struct store_conn *c);
bool store_in_txn(const struct store_conn *c);

/*
 * Run statement `q` with `n` bound arguments (bound to ?1..?n). Rows, if
 * any, are read with store_next() and the column accessors; the caller frees
 * the result with store_rows_free() before running `q` again on the same
 * connection. Unique and foreign-key violations come back as 409 (the
 * domain names the field when it knows it), check and not-null violations
 * as 400; anything else as 500.
 */
int store_query(struct store_conn *c, enum query q, const struct sval *args,
		size_t n, struct store_rows **out, struct err *e);
/*
 * Start `q` with these arguments now on another connection of c's pool,
 * when one is free at once and c is outside a transaction (PostgreSQL;
 * SQLite: nothing happens), so that it runs while c does other work. The
 * next store_query() of `q` on c takes its answer if the arguments are the
 * same, and runs the query itself if not. Like any statement of c outside
 * a transaction, it sees what was committed when it started. An answer
 * never taken is dropped when c is released. At most STORE_AHEAD_MAX at a
 * time; more are ignored.
 */
void store_query_ahead(struct store_conn *c, enum query q,
		       const struct sval *args, size_t n);

/* Run a statement whose rows are not needed. */
int store_exec(struct store_conn *c, enum query q, const struct sval *args,
	       size_t n, struct err *e);

/*
 * Run a statement expected to return one integer (a count, a RETURNING id).
 * Returns 1 with *v set, 0 if there was no row, -1 on error.
 */
int store_int(struct store_conn *c, enum query q, const struct sval *args,
	      size_t n, int64_t *v, struct err *e);

/* 1 when a row is ready, 0 at the end, -1 on error. */
int store_next(struct store_rows *r);
bool store_col_null(struct store_rows *r, int col);
int64_t store_col_int(struct store_rows *r, int col);
/* Borrowed text, valid until the next store_next()/store_rows_free();
 * "" for NULL. */
const char *store_col_text(struct store_rows *r, int col);
void store_rows_free(struct store_rows *r);

/* Rows changed by the last statement on this connection. */
int64_t store_changes(struct store_conn *c);

/*
 * An opaque token (at most n - 1 characters) that changes whenever a write
 * is committed to the database, by any connection of this process or of
 * another one (a CLI import while the server runs), and may change without
 * one. Read it before computing something from the database: the result
 * is current for as long as the token is the same (http/api_rollup.c
 * caches roll-ups that way).
 */
int store_data_version(struct store_conn *c, char *out, size_t n,
		       struct err *e);

/* Backend plumbing shared by store.c and the backends. */
struct store {
	const struct store_backend *be;
	void *impl;
	struct store_pool *pool;
	bool read_only; /* opened with store_open_read() */
};

/* A query started ahead by store_query_ahead(). */
struct store_ahead {
	struct store_conn *conn; /* where it runs, taken from the pool */
	enum query q;
	char *key; /* its arguments (args_key() in store.c) */
};
#define STORE_AHEAD_MAX 4

struct store_conn {
	struct store *store;
	bool in_txn;
	struct store_conn *next_free;
	struct store_ahead ahead[STORE_AHEAD_MAX];
	unsigned n_ahead;
};

/* The first member of every backend's result type: row access dispatches
 * through it. */
struct store_rows {
	const struct store_backend *be;
};

extern const struct store_backend store_sqlite_backend;
extern const struct store_backend store_pg_backend;

#endif
