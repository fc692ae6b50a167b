/*
 * Which connection a route's handler runs on (router_run_handler) when the
 * server has a read replica (serve --db-read), and what a read-only store
 * refuses. The replica here is the same SQLite file opened with
 * store_open_read() (PRAGMA query_only), so the router's choices and
 * fallbacks are checked without a PostgreSQL cluster; the API test
 * tests/api/replica.test.js does the same against a real streaming replica.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdb.h"
#include "domain/audit.h"
#include "http/http.h"

struct fixture {
	char dir[64];
	struct tdb primary;
	struct store *read;
	struct req r;
};

/* What the fake handlers saw. */
static int calls;
static struct store *ran_on[4];

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct err e = ERR_INIT;
	char p[128];

	tdb_mkdtemp(f->dir);
	snprintf(p, sizeof(p), "%s/t.db", f->dir);
	tdb_open(&f->primary, p);
	if (store_open_read(&f->read, p, 2, &e) < 0)
		fail_msg("store_open_read: %s", e.message);
	f->r.store = f->primary.s;
	f->r.read_store = f->read;
	f->r.db = f->r.db_primary = f->primary.c;
	f->r.method_name = "GET";
	buf_init(&f->r.raw, BUF_DEFAULT_MAX);
	calls = 0;
	memset(ran_on, 0, sizeof(ran_on));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	json_decref(f->r.json);
	buf_release(&f->r.raw);
	free(f->r.disposition);
	store_close(f->read);
	tdb_drop(&f->primary);
	tdb_rmdir(f->dir);
	free(f);
	return 0;
}

static int64_t audit_rows(struct fixture *f)
{
	return tdb_sql_int(f->primary.path, "SELECT COUNT(*) FROM audit");
}

/* A read: answers which store it ran on. */
static int read_handler(struct req *r)
{
	int64_t n;

	ran_on[calls++ & 3] = r->db->store;
	if (store_int(r->db, Q_UNIT_CHILDREN_COUNT,
		      (struct sval[]){ SV_NUL }, 1, &n, &r->err) < 0)
		return -1;
	return http_json(r, 200, json_pack("{s:i}", "attempt", calls));
}

/* A handler that (wrongly, for an R_REPLICA route) writes: it starts its
 * answer, then records an audit row in a transaction. */
static int write_handler(struct req *r)
{
	struct actor a;

	memset(&a, 0, sizeof(a));
	ran_on[calls++ & 3] = r->db->store;
	http_json(r, 200, json_pack("{s:i}", "attempt", calls));
	r->disposition = strdup("attachment; filename=\"x.txt\"");
	if (store_begin(r->db, &r->err) < 0)
		return -1;
	if (audit_record(r->db, &a, "create", "test", 0, 0, NULL, NULL,
			 &r->err) < 0) {
		store_rollback(r->db);
		return -1;
	}
	return store_commit(r->db, &r->err);
}

/* Something outside the user's subtree: the user's error, not the
 * replica's. */
static int scope_handler(struct req *r)
{
	ran_on[calls++ & 3] = r->db->store;
	return err_out_of_scope(&r->err);
}

static const struct route replica_read = { M_GET, "/t", read_handler, 0,
					   R_REPLICA, "t", "t" };
static const struct route primary_read = { M_GET, "/t", read_handler, 0, 0,
					   "t", "t" };
static const struct route replica_write = { M_GET, "/t", write_handler, 0,
					    R_REPLICA, "t", "t" };
static const struct route replica_scope = { M_GET, "/t", scope_handler, 0,
					    R_REPLICA, "t", "t" };

static void test_read_store_refuses_every_write(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct store_conn *c = store_acquire(f->read, &e);
	struct actor a;
	int64_t before = audit_rows(f);

	memset(&a, 0, sizeof(a));
	assert_non_null(c);
	assert_true(store_is_read_only(f->read));
	assert_false(store_is_read_only(f->primary.s));
	assert_int_equal(store_begin(c, &e), -1);
	assert_string_equal(e.code, "read_only");
	assert_false(store_in_txn(c));
	/* A write outside a transaction is refused by the database itself. */
	err_clear(&e);
	assert_int_equal(audit_record(c, &a, "create", "test", 0, 0, NULL, NULL,
				      &e),
			 -1);
	assert_string_equal(e.code, "read_only");
	assert_int_equal(audit_rows(f), before);
	/* The same write on the primary goes through: the check can fail. */
	err_clear(&e);
	assert_int_equal(audit_record(f->primary.c, &a, "create", "test", 0, 0,
				      NULL, NULL, &e),
			 0);
	assert_int_equal(audit_rows(f), before + 1);
	store_release(c);
}

static void test_replica_route_reads_on_the_replica(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(router_run_handler(&f->r, &replica_read), 0);
	assert_int_equal(calls, 1);
	assert_ptr_equal(ran_on[0], f->read);
	/* The primary's connection again for what follows (audit). */
	assert_ptr_equal(f->r.db, f->primary.c);
	assert_null(f->r.db_read);
}

static void test_other_routes_stay_on_the_primary(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(router_run_handler(&f->r, &primary_read), 0);
	assert_ptr_equal(ran_on[0], f->primary.s);
	f->r.read_store = NULL; /* serve without --db-read */
	assert_int_equal(router_run_handler(&f->r, &replica_read), 0);
	assert_ptr_equal(ran_on[1], f->primary.s);
	assert_int_equal(calls, 2);
}

static void test_write_on_a_replica_route_reruns_on_the_primary(void **state)
{
	struct fixture *f = *state;
	int64_t before = audit_rows(f);

	assert_int_equal(router_run_handler(&f->r, &replica_write), 0);
	assert_int_equal(calls, 2);
	assert_ptr_equal(ran_on[0], f->read);
	assert_ptr_equal(ran_on[1], f->primary.s);
	/* Written once, on the primary; the answer is the second run's
	 * alone (the first one's header was dropped, then set again). */
	assert_int_equal(audit_rows(f), before + 1);
	assert_int_equal(json_integer_value(json_object_get(f->r.json,
							    "attempt")),
			 2);
	assert_int_equal(f->r.status, 200);
	assert_int_equal(f->r.err.status, 0);
	assert_ptr_equal(f->r.db, f->primary.c);
}

static void test_replica_down_answers_from_the_primary(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;

	store_mark_down(f->read);
	assert_null(store_acquire(f->read, &e));
	assert_string_equal(e.code, "replica_down");
	assert_int_equal(router_run_handler(&f->r, &replica_read), 0);
	assert_int_equal(calls, 1);
	assert_ptr_equal(ran_on[0], f->primary.s);
}

static void test_users_errors_on_the_replica_are_not_retried(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(router_run_handler(&f->r, &replica_scope), -1);
	assert_int_equal(calls, 1);
	assert_ptr_equal(ran_on[0], f->read);
	assert_string_equal(f->r.err.code, "out_of_scope");
	/* The router audits it on r->db: the primary's. */
	assert_ptr_equal(f->r.db, f->primary.c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_read_store_refuses_every_write, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_replica_route_reads_on_the_replica, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_other_routes_stay_on_the_primary, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_write_on_a_replica_route_reruns_on_the_primary,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_replica_down_answers_from_the_primary, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_users_errors_on_the_replica_are_not_retried, setup,
			teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
