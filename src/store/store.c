/*
 * Backend selection by URL, the connection pool, and the thin dispatch from
 * the store.h functions to the backend's function pointers.
 *
 * The pool opens its connections lazily up to `pool_size` and hands them out
 * under a mutex; a caller finding none free waits on a condition variable.
 * A read replica's pool (store_open_read) also remembers until when it is
 * considered down, so requests stop trying it for a few seconds after a
 * failure instead of each waiting for a connection attempt.
 */
#include "store/store.h"
#include "base/buf.h"
#include "base/mem.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Marks a pool slot whose connection is being opened. */
#define OPENING ((struct store_conn *)&opening_marker)
static const char opening_marker;

struct store_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	unsigned size;
	unsigned opened;
	struct store_conn *free_list;
	struct store_conn **all;
	time_t down_until; /* read replicas: refuse at once until then */
};

bool store_url_is_pg(const char *url)
{
	return !strncmp(url, "postgresql://", 13) ||
	       !strncmp(url, "postgres://", 11);
}

static const struct store_backend *backend_for(const char **url)
{
	if (store_url_is_pg(*url))
		return &store_pg_backend;
	if (!strncmp(*url, "sqlite:", 7))
		*url += 7;
	return &store_sqlite_backend;
}

static int open_store(struct store **out, const char *url, unsigned pool_size,
		      bool read_only, struct err *e)
{
	struct store *s;
	struct store_conn *c;
	const struct store_backend *be = backend_for(&url);

	*out = NULL;
	if (!*url)
		return err_invalid(e, "db", "Thiếu đường dẫn cơ sở dữ liệu.");
	if (pool_size < 1)
		pool_size = 1;
	s = xcalloc(1, sizeof(*s));
	s->be = be;
	s->read_only = read_only;
	s->pool = xcalloc(1, sizeof(*s->pool));
	pthread_mutex_init(&s->pool->mu, NULL);
	pthread_cond_init(&s->pool->cv, NULL);
	s->pool->size = pool_size;
	s->pool->all = xcalloc(pool_size, sizeof(*s->pool->all));
	if (be->open(s, url, e) < 0)
		goto fail;
	if (read_only) {
		/* Nothing to migrate; whether it answers now or later, the
		 * caller falls back to the primary meanwhile. */
		*out = s;
		return 0;
	}
	c = store_acquire(s, e);
	if (!c)
		goto fail;
	if (be->migrate(c, e) < 0) {
		store_release(c);
		goto fail;
	}
	store_release(c);
	*out = s;
	return 0;
fail:
	store_close(s);
	return -1;
}

int store_open(struct store **out, const char *url, unsigned pool_size,
	       struct err *e)
{
	return open_store(out, url, pool_size, false, e);
}

int store_open_read(struct store **out, const char *url, unsigned pool_size,
		    struct err *e)
{
	return open_store(out, url, pool_size, true, e);
}

bool store_is_read_only(const struct store *s)
{
	return s->read_only;
}

void store_mark_down(struct store *s)
{
	if (!s->read_only)
		return;
	pthread_mutex_lock(&s->pool->mu);
	s->pool->down_until = time(NULL) + STORE_READ_RETRY_SECONDS;
	pthread_mutex_unlock(&s->pool->mu);
}

static int replica_down(struct err *e)
{
	return err_set(e, ERR_UNAVAILABLE, "replica_down", NULL,
		       "Bản sao đọc của cơ sở dữ liệu tạm thời không kết nối"
		       " được.");
}

void store_close(struct store *s)
{
	unsigned i;

	if (!s)
		return;
	for (i = 0; i < s->pool->size; i++)
		if (s->pool->all[i])
			s->be->conn_close(s->pool->all[i]);
	if (s->impl)
		s->be->close(s);
	pthread_mutex_destroy(&s->pool->mu);
	pthread_cond_destroy(&s->pool->cv);
	free(s->pool->all);
	free(s->pool);
	free(s);
}

const char *store_backend_name(const struct store *s)
{
	return s->be->name;
}

/* A connection of the pool; when none is free and none may be opened,
 * wait for one, or with `wait` false return NULL at once. */
static struct store_conn *acquire(struct store *s, bool wait, struct err *e)
{
	struct store_pool *p = s->pool;
	struct store_conn *c = NULL;

	pthread_mutex_lock(&p->mu);
	if (s->read_only && p->down_until && time(NULL) < p->down_until) {
		pthread_mutex_unlock(&p->mu);
		replica_down(e);
		return NULL;
	}
	for (;;) {
		if (p->free_list) {
			c = p->free_list;
			p->free_list = c->next_free;
			break;
		}
		if (p->opened < p->size) {
			/* Reserve a free slot under the lock, open outside it. */
			unsigned slot;

			for (slot = 0; p->all[slot]; slot++)
				;
			p->all[slot] = OPENING;
			p->opened++;
			pthread_mutex_unlock(&p->mu);
			c = s->be->conn_open(s, e);
			pthread_mutex_lock(&p->mu);
			if (!c) {
				p->all[slot] = NULL;
				p->opened--;
				pthread_cond_signal(&p->cv);
				if (s->read_only) {
					p->down_until = time(NULL) +
							STORE_READ_RETRY_SECONDS;
					fprintf(stderr,
						"tuyengiao: --db-read: %s; đọc"
						" từ máy chủ chính trong %d"
						" giây\n",
						e && e->status ? e->message
							       : "?",
						STORE_READ_RETRY_SECONDS);
				}
				break;
			}
			p->all[slot] = c;
			c->store = s;
			break;
		}
		if (!wait)
			break;
		pthread_cond_wait(&p->cv, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return c;
}

struct store_conn *store_acquire(struct store *s, struct err *e)
{
	return acquire(s, true, e);
}

/* Remove c's query ahead number `i`, leaving its connection idle in the
 * pool (the answer, if still wanted, taken before). */
static void ahead_remove(struct store_conn *c, unsigned i, bool drop)
{
	struct store_ahead a = c->ahead[i];

	c->ahead[i] = c->ahead[--c->n_ahead];
	if (drop)
		c->store->be->drop(a.conn);
	store_release(a.conn);
	free(a.key);
}

void store_release(struct store_conn *c)
{
	struct store_pool *p;

	if (!c)
		return;
	while (c->n_ahead)
		ahead_remove(c, 0, true);
	if (c->in_txn)
		store_rollback(c);
	p = c->store->pool;
	pthread_mutex_lock(&p->mu);
	c->next_free = p->free_list;
	p->free_list = c;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

static int begin(struct store_conn *c, bool shared, struct err *e)
{
	if (c->store->read_only)
		return err_set(e, ERR_UNAVAILABLE, "read_only", NULL,
			       "Bản sao đọc của cơ sở dữ liệu không nhận thao"
			       " tác ghi.");
	if (c->store->be->begin(c, shared, e) < 0)
		return -1;
	c->in_txn = true;
	return 0;
}

int store_begin(struct store_conn *c, struct err *e)
{
	return begin(c, false, e);
}

int store_begin_own(struct store_conn *c, bool *own, struct err *e)
{
	*own = !c->in_txn;
	return *own ? begin(c, false, e) : 0;
}

int store_begin_own_shared(struct store_conn *c, bool *own, struct err *e)
{
	*own = !c->in_txn;
	return *own ? begin(c, true, e) : 0;
}

int store_end_own(struct store_conn *c, bool own, int rc, struct err *e)
{
	if (rc == 0 && own && store_commit(c, e) < 0)
		rc = -1;
	if (rc < 0 && own)
		store_rollback(c);
	return rc;
}

int store_commit(struct store_conn *c, struct err *e)
{
	int r = c->store->be->commit(c, e);

	if (r == 0)
		c->in_txn = false;
	else
		store_rollback(c);
	return r;
}

void store_rollback(struct store_conn *c)
{
	if (!c->in_txn)
		return;
	c->store->be->rollback(c);
	c->in_txn = false;
}

bool store_in_txn(const struct store_conn *c)
{
	return c->in_txn;
}

/* The arguments of a statement as one string, to match a query ahead. */
static char *args_key(const struct sval *args, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b, BUF_DEFAULT_MAX);
	for (i = 0; i < n; i++) {
		if (args[i].type == SV_INT)
			buf_addf(&b, "i%lld;", (long long)args[i].i);
		else if (args[i].type == SV_TEXT)
			buf_addf(&b, "t%zu:%s;", strlen(args[i].s), args[i].s);
		else
			buf_adds(&b, "n;");
	}
	buf_addch(&b, '\0');
	return buf_detach(&b, NULL);
}

void store_query_ahead(struct store_conn *c, enum query q,
		       const struct sval *args, size_t n)
{
	const struct store_backend *be = c->store->be;
	struct store_conn *other;
	unsigned i;

	if (!be->send || c->in_txn || c->n_ahead == STORE_AHEAD_MAX)
		return;
	for (i = 0; i < c->n_ahead; i++)
		if (c->ahead[i].q == q)
			return;
	other = acquire(c->store, false, NULL);
	if (!other)
		return;
	if (be->send(other, q, args, n) < 0) {
		store_release(other);
		return;
	}
	c->ahead[c->n_ahead++] =
		(struct store_ahead){ other, q, args_key(args, n) };
}

int store_query(struct store_conn *c, enum query q, const struct sval *args,
		size_t n, struct store_rows **out, struct err *e)
{
	unsigned i;

	for (i = 0; i < c->n_ahead; i++) {
		char *key;
		int rc;

		if (c->ahead[i].q != q)
			continue;
		key = args_key(args, n);
		if (strcmp(key, c->ahead[i].key)) {
			free(key);
			ahead_remove(c, i, true);
			break;
		}
		free(key);
		rc = c->store->be->receive(c, c->ahead[i].conn, q, out, e);
		ahead_remove(c, i, false);
		return rc;
	}
	return c->store->be->query(c, q, args, n, out, e);
}

int store_exec(struct store_conn *c, enum query q, const struct sval *args,
	       size_t n, struct err *e)
{
	struct store_rows *r;
	int st;

	if (store_query(c, q, args, n, &r, e) < 0)
		return -1;
	while ((st = store_next(r)) == 1)
		;
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, query_name(q));
	return 0;
}

int store_int(struct store_conn *c, enum query q, const struct sval *args,
	      size_t n, int64_t *v, struct err *e)
{
	struct store_rows *r;
	int st;

	if (store_query(c, q, args, n, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1)
		*v = store_col_int(r, 0);
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, query_name(q));
	return st;
}

int store_next(struct store_rows *r)
{
	return r->be->next(r);
}

bool store_col_null(struct store_rows *r, int col)
{
	return r->be->is_null(r, col);
}

int64_t store_col_int(struct store_rows *r, int col)
{
	return r->be->col_int(r, col);
}

const char *store_col_text(struct store_rows *r, int col)
{
	return r->be->col_text(r, col);
}

void store_rows_free(struct store_rows *r)
{
	if (r)
		r->be->rows_free(r);
}

int64_t store_changes(struct store_conn *c)
{
	return c->store->be->changes(c);
}

int store_data_version(struct store_conn *c, char *out, size_t n,
		       struct err *e)
{
	struct store_rows *r;
	int st;

	if (c->store->be->data_version)
		return c->store->be->data_version(c, out, n, e);
	if (store_query(c, Q_DATA_VERSION, NULL, 0, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1)
		snprintf(out, n, "%s", store_col_text(r, 0));
	store_rows_free(r);
	return st == 1 ? 0 : err_internal(e, "data version");
}
