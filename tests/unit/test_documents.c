/*
 * Tests for the document register (src/domain/documents.c): automatic
 * numbering of outgoing documents from 01 per issuer, per type, per term;
 * refusal (409) of a duplicate number or of an incoming symbol registered
 * twice; accent- and case-insensitive search through the folding (đ
 * included); and search results kept within the actor's subtree plus the
 * documents assigned to it through a task.
 *
 * The demo province is built once for the group and copied for each test.
 * It holds, for the province SH, the terms 2020-2025 (2020-10-15 ..
 * 2025-09-30) and 2025-2030 (from 2025-10-01) and, among its 34 documents,
 * the outgoing KH/BTGDVTU 01, 02 (2024) and 01, 02, 03 (2025-2026), CV/
 * BTGDVTU 01, 02 (2026) and KH/TU 01 (2025); no outgoing TTr at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdb.h"

#include "domain/auth.h"
#include "domain/documents.h"

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

	snprintf(name, sizeof(name), "docs%d.db", ++seq);
	tdb_open_copy(&t, dir, demo_path, name);
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

static int64_t count_documents(struct tdb *t)
{
	return tdb_sql_int(t->path, "SELECT COUNT(*) FROM documents");
}

/* The body of an outgoing document of unit `unit` dated `date`: numbered
 * automatically when `symbol` is NULL (then `type` and `issuer` say what
 * to number), else registered under `symbol`. */
static json_t *out_body(struct tdb *t, const char *unit, const char *symbol,
			const char *type, const char *issuer, const char *date)
{
	json_t *body = json_pack("{s:s, s:s, s:s, s:I}", "direction", "out",
				 "issued_on", date, "summary",
				 "Văn bản đi của phép thử", "unit_id",
				 (json_int_t)tdb_unit_id(t->c, unit));

	if (symbol)
		json_object_set_new(body, "symbol", json_string(symbol));
	if (type)
		json_object_set_new(body, "type", json_string(type));
	if (issuer)
		json_object_set_new(body, "issuer", json_string(issuer));
	return body;
}

/* Create an outgoing document of SH numbered automatically; returns the
 * created document (owned by the caller). */
static json_t *create_out(struct tdb *t, const char *type, const char *issuer,
			  const char *date)
{
	struct actor sys;
	struct err e = ERR_INIT;
	json_t *body = out_body(t, "SH", NULL, type, issuer, date), *out = NULL;

	demo_system_actor(&sys);
	TDB_OK(documents_create(t->c, &sys, body, &out, &e), e);
	json_decref(body);
	assert_non_null(out);
	assert_string_equal(jstr(out, "direction"), "out");
	assert_string_equal(jstr(out, "type"), type);
	assert_string_equal(jstr(out, "issuer"), issuer);
	return out;
}

/* Create an outgoing document and check its number, symbol and term. */
static int64_t expect_out(struct tdb *t, const char *type, const char *issuer,
			  const char *date, int64_t number, const char *symbol,
			  const char *term)
{
	json_t *d = create_out(t, type, issuer, date);
	int64_t id = jint(d, "id");

	assert_int_equal(jint(d, "number"), number);
	assert_string_equal(jstr(d, "symbol"), symbol);
	assert_string_equal(jstr(d, "term_name"), term);
	json_decref(d);
	return id;
}

/* Create an incoming document of unit `unit`; returns its id. */
static int64_t create_in(struct tdb *t, const char *unit, const char *symbol,
			 const char *date, const char *summary)
{
	struct actor sys;
	struct err e = ERR_INIT;
	json_t *body, *out = NULL;
	int64_t id;

	demo_system_actor(&sys);
	body = json_pack("{s:s, s:s, s:s, s:s, s:I}", "direction", "in",
			 "symbol", symbol, "issued_on", date, "summary",
			 summary, "unit_id",
			 (json_int_t)tdb_unit_id(t->c, unit));
	TDB_OK(documents_create(t->c, &sys, body, &out, &e), e);
	json_decref(body);
	id = jint(out, "id");
	json_decref(out);
	return id;
}

/* Search `q` as `a`; returns the answer (owned by the caller). */
static json_t *search(struct tdb *t, const struct actor *a, const char *q)
{
	struct documents_filter f;
	struct err e = ERR_INIT;
	json_t *out = NULL;

	memset(&f, 0, sizeof(f));
	f.q = q;
	f.limit = 500;
	TDB_OK(documents_list(t->c, a, &f, &out, &e), e);
	assert_non_null(out);
	/* Every row of the count is in the page. */
	assert_int_equal(jint(out, "total"),
			 (int64_t)json_array_size(json_object_get(out, "items")));
	return out;
}

static int64_t total_of(json_t *list)
{
	return jint(list, "total");
}

static bool has_id(json_t *list, int64_t id)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(list, "items"), i, v)
		if (json_integer_value(json_object_get(v, "id")) == id)
			return true;
	return false;
}

static bool has_symbol(json_t *list, const char *symbol)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(list, "items"), i, v)
		if (!strcmp(json_string_value(json_object_get(v, "symbol")),
			    symbol))
			return true;
	return false;
}

/* The total of search `q` as `a`. */
static int64_t search_total(struct tdb *t, const struct actor *a,
			    const char *q)
{
	json_t *l = search(t, a, q);
	int64_t n = total_of(l);

	json_decref(l);
	return n;
}

/* --- numbering ---------------------------------------------------------- */

static void test_outgoing_numbers_run_per_issuer_type_and_term(void **state)
{
	struct tdb *t = *state;
	json_t *a, *b;
	int64_t n;
	char want[64];

	/* Two KH/BTGDVTU in the term 2025-2030: consecutive, after the
	 * demo's 01..03. */
	a = create_out(t, "KH", "BTGDVTU", "2026-06-01");
	b = create_out(t, "KH", "BTGDVTU", "2026-06-02");
	n = jint(a, "number");
	assert_int_equal(n, 4);
	assert_int_equal(jint(b, "number"), n + 1);
	snprintf(want, sizeof(want), "%02d-KH/BTGDVTU", (int)n);
	assert_string_equal(jstr(a, "symbol"), want);
	assert_string_equal(jstr(a, "symbol"), "04-KH/BTGDVTU");
	assert_string_equal(jstr(b, "symbol"), "05-KH/BTGDVTU");
	assert_string_equal(jstr(a, "term_name"), "2025-2030");
	assert_int_equal(jint(a, "term_id"), jint(b, "term_id"));
	json_decref(a);
	json_decref(b);

	/* A CV of the same issuer and term has its own sequence (the demo
	 * has CV 01, 02), not 06. */
	expect_out(t, "CV", "BTGDVTU", "2026-06-03", 3, "03-CV/BTGDVTU",
		   "2025-2030");
	/* A KH of another issuer too (the demo has KH/TU 01). */
	expect_out(t, "KH", "TU", "2026-06-04", 2, "02-KH/TU", "2025-2030");
	/* A KH/BTGDVTU dated in the previous term continues that term's
	 * sequence (the demo has 01, 02 of 2024). */
	expect_out(t, "KH", "BTGDVTU", "2025-06-01", 3, "03-KH/BTGDVTU",
		   "2020-2025");
	/* And the current term's sequence went on untouched. */
	expect_out(t, "KH", "BTGDVTU", "2026-06-05", 6, "06-KH/BTGDVTU",
		   "2025-2030");
}

static void test_outgoing_numbering_starts_again_at_01_in_next_term(
	void **state)
{
	struct tdb *t = *state;

	/* No outgoing TTr in the demo. */
	expect_out(t, "TTr", "BTGDVTU", "2025-03-01", 1, "01-TTr/BTGDVTU",
		   "2020-2025");
	/* The last day of the term 2020-2025. */
	expect_out(t, "TTr", "BTGDVTU", "2025-09-30", 2, "02-TTr/BTGDVTU",
		   "2020-2025");
	/* The first day of the term 2025-2030: again 01. */
	expect_out(t, "TTr", "BTGDVTU", "2025-10-01", 1, "01-TTr/BTGDVTU",
		   "2025-2030");
	expect_out(t, "TTr", "BTGDVTU", "2026-02-01", 2, "02-TTr/BTGDVTU",
		   "2025-2030");
	/* Back in the old term, its own sequence goes on. */
	expect_out(t, "TTr", "BTGDVTU", "2021-01-04", 3, "03-TTr/BTGDVTU",
		   "2020-2025");
}

static void test_outgoing_outside_every_term_is_refused(void **state)
{
	struct tdb *t = *state;
	struct actor sys;
	struct err e = ERR_INIT;
	json_t *body, *out = NULL;
	int64_t before = count_documents(t);

	demo_system_actor(&sys);
	/* The day before the term 2020-2025 starts. */
	body = out_body(t, "SH", NULL, "KH", "BTGDVTU", "2020-10-14");
	TDB_FAILS(documents_create(t->c, &sys, body, &out, &e), e, 400,
		  "invalid", "issued_on");
	json_decref(body);
	assert_null(out);
	assert_int_equal(count_documents(t), before);
}

static void test_duplicate_outgoing_number_is_conflict_409(void **state)
{
	struct tdb *t = *state;
	struct actor sys;
	struct err e = ERR_INIT;
	json_t *body, *out = NULL;
	int64_t before = count_documents(t);

	demo_system_actor(&sys);
	/* 01-KH/BTGDVTU is taken in the term 2025-2030 (2025-10-10). */
	body = out_body(t, "SH", "01-KH/BTGDVTU", NULL, NULL, "2026-06-01");
	TDB_FAILS(documents_create(t->c, &sys, body, &out, &e), e, 409,
		  "conflict", "symbol");
	json_decref(body);
	assert_null(out);
	/* Written as "1-kh/btgdvtu", it is the same number. */
	body = out_body(t, "SH", "1-kh/btgdvtu", NULL, NULL, "2026-06-01");
	TDB_FAILS(documents_create(t->c, &sys, body, &out, &e), e, 409,
		  "conflict", "symbol");
	json_decref(body);
	/* And in the term 2020-2025 (2024-03-12). */
	body = out_body(t, "SH", "01-KH/BTGDVTU", NULL, NULL, "2025-01-02");
	TDB_FAILS(documents_create(t->c, &sys, body, &out, &e), e, 409,
		  "conflict", "symbol");
	json_decref(body);
	assert_int_equal(count_documents(t), before);

	/* The same number is free for another type and in another term. */
	body = out_body(t, "SH", "01-TTr/BTGDVTU", NULL, NULL, "2026-06-01");
	TDB_OK(documents_create(t->c, &sys, body, &out, &e), e);
	json_decref(body);
	assert_int_equal(jint(out, "number"), 1);
	assert_string_equal(jstr(out, "symbol"), "01-TTr/BTGDVTU");
	json_decref(out);
	out = NULL;
	body = out_body(t, "SH", "01-TTr/BTGDVTU", NULL, NULL, "2025-06-01");
	TDB_OK(documents_create(t->c, &sys, body, &out, &e), e);
	json_decref(body);
	assert_string_equal(jstr(out, "term_name"), "2020-2025");
	json_decref(out);
	out = NULL;
	/* But not twice in the same term. */
	body = out_body(t, "SH", "01-TTr/BTGDVTU", NULL, NULL, "2026-07-01");
	TDB_FAILS(documents_create(t->c, &sys, body, &out, &e), e, 409,
		  "conflict", "symbol");
	json_decref(body);
	assert_int_equal(count_documents(t), before + 2);

	/* A number given by hand moves the automatic sequence past it. */
	body = out_body(t, "SH", "09-KH/BTGDVTU", NULL, NULL, "2026-06-01");
	TDB_OK(documents_create(t->c, &sys, body, &out, &e), e);
	json_decref(body);
	assert_int_equal(jint(out, "number"), 9);
	json_decref(out);
	expect_out(t, "KH", "BTGDVTU", "2026-06-02", 10, "10-KH/BTGDVTU",
		   "2025-2030");
}

static void test_incoming_symbol_registered_twice_is_conflict_409(
	void **state)
{
	struct tdb *t = *state;
	struct actor sys;
	struct err e = ERR_INIT;
	json_t *body, *out = NULL;
	int64_t before = count_documents(t);

	demo_system_actor(&sys);
	/* The demo registered 01-KL/TW of 2021-05-18 in SH. */
	body = json_pack("{s:s, s:s, s:s, s:s, s:I}", "direction", "in",
			 "symbol", "01-KL/TW", "issued_on", "2021-05-18",
			 "summary", "Vào sổ lần hai", "unit_id",
			 (json_int_t)tdb_unit_id(t->c, "SH"));
	TDB_FAILS(documents_create(t->c, &sys, body, &out, &e), e, 409,
		  "conflict", "symbol");
	json_decref(body);
	assert_null(out);
	assert_int_equal(count_documents(t), before);
	/* Another unit may register the same document. */
	create_in(t, "SH-KH", "01-KL/TW", "2021-05-18", "Vào sổ của xã");
	assert_int_equal(count_documents(t), before + 1);
}

/* --- search ------------------------------------------------------------- */

static void test_search_nghi_quyet_finds_nghi_quyet_any_case(void **state)
{
	struct tdb *t = *state;
	struct actor sys;
	json_t *l;
	int64_t id, n;

	demo_system_actor(&sys);
	id = create_in(t, "SH", "77-NQ/TU", "2026-03-03",
		       "Nghị quyết về phát triển vùng Quỳnh Đôi");

	l = search(t, &sys, "nghi quyet");
	n = total_of(l);
	assert_true(has_id(l, id));
	/* And the demo's own. */
	assert_true(has_symbol(l, "35-NQ/TW"));
	assert_true(has_symbol(l, "05-NQ/TU"));
	assert_string_equal(jstr(l, "q_folded"), "nghi quyet");
	json_decref(l);
	/* Written with marks or in capitals, the query finds the same. */
	assert_int_equal(search_total(t, &sys, "Nghị quyết"), n);
	assert_int_equal(search_total(t, &sys, "NGHỊ QUYẾT"), n);
	assert_int_equal(search_total(t, &sys, "NGHI QUYET"), n);

	/* Narrowed to the new document by another word of its summary. */
	l = search(t, &sys, "nghi quyet quynh");
	assert_int_equal(total_of(l), 1);
	assert_true(has_id(l, id));
	json_decref(l);
	assert_int_equal(search_total(t, &sys, "QUỲNH đôi"), 1);
}

static void test_search_d_matches_dj(void **state)
{
	struct tdb *t = *state;
	struct actor sys;
	json_t *l;
	int64_t id;

	demo_system_actor(&sys);
	id = create_in(t, "SH", "78-TB/TU", "2026-03-04",
		       "Thông báo kỷ niệm ngày thành lập Đảng bộ Quỳnh Đôi");

	l = search(t, &sys, "dang");
	assert_true(has_id(l, id));
	/* 21-KL/TW: "… chỉnh đốn Đảng …". */
	assert_true(has_symbol(l, "21-KL/TW"));
	json_decref(l);

	l = search(t, &sys, "dang quynh");
	assert_int_equal(total_of(l), 1);
	assert_true(has_id(l, id));
	json_decref(l);
	assert_int_equal(search_total(t, &sys, "đảng quỳnh"), 1);
	assert_int_equal(search_total(t, &sys, "ĐẢNG QUỲNH"), 1);
	assert_int_equal(search_total(t, &sys, "Đang quynh"), 1);
}

static void test_search_absent_word_finds_nothing(void **state)
{
	struct tdb *t = *state;
	struct actor sys;
	json_t *l;

	demo_system_actor(&sys);
	l = search(t, &sys, "xylophonzq");
	assert_int_equal(total_of(l), 0);
	assert_int_equal(json_array_size(json_object_get(l, "items")), 0);
	json_decref(l);
	/* Every word must be found: a present word with an absent one
	 * finds nothing either. */
	assert_true(search_total(t, &sys, "nghi quyet") > 0);
	assert_int_equal(search_total(t, &sys, "nghi quyet xylophonzq"), 0);
}

static void test_search_stays_within_the_actor_subtree(void **state)
{
	struct tdb *t = *state;
	struct actor sys, kh, kl;
	struct err e = ERR_INIT;
	json_t *l, *out = NULL;
	int64_t sh_doc, kh_doc, kl_doc;
	size_t i;
	json_t *v;

	demo_system_actor(&sys);
	scoped_actor(t, "SH-KH", &kh);
	scoped_actor(t, "SH-KL", &kl);
	sh_doc = create_in(t, "SH", "79-KH/TU", "2026-03-05",
			   "Kế hoạch của tỉnh về vùng Quỳnh Đôi");
	kh_doc = create_in(t, "SH-KH", "80-KH/ĐU", "2026-03-05",
			   "Kế hoạch của xã Kỳ Hoa về vùng Quỳnh Đôi");
	kl_doc = create_in(t, "SH-KL", "81-KH/ĐU", "2026-03-05",
			   "Kế hoạch của phường Kỳ Liên về vùng Quỳnh Đôi");

	/* The province sees the three. */
	l = search(t, &sys, "quynh doi");
	assert_int_equal(total_of(l), 3);
	json_decref(l);

	/* The commune sees its own, neither the province's nor its
	 * sibling's. */
	l = search(t, &kh, "quynh doi");
	assert_int_equal(total_of(l), 1);
	assert_true(has_id(l, kh_doc));
	assert_false(has_id(l, sh_doc));
	assert_false(has_id(l, kl_doc));
	json_decref(l);
	l = search(t, &kl, "quynh doi");
	assert_int_equal(total_of(l), 1);
	assert_true(has_id(l, kl_doc));
	json_decref(l);
	TDB_FAILS(documents_get(t->c, &kh, sh_doc, &out, &e), e, 404, NULL,
		  NULL);
	assert_null(out);

	/* "nghi quyet" as the commune: 05-NQ/TU of the province is
	 * assigned to it through tasks, 35-NQ/TW is not. */
	l = search(t, &kh, "nghi quyet");
	assert_true(has_symbol(l, "05-NQ/TU"));
	assert_false(has_symbol(l, "35-NQ/TW"));
	assert_false(has_symbol(l, "01-NQ/TU"));
	/* Nothing of another commune either. */
	json_array_foreach(json_object_get(l, "items"), i, v) {
		const char *u = json_string_value(json_object_get(v, "unit_code"));

		assert_true(!strcmp(u, "SH-KH") || !strcmp(u, "SH"));
	}
	json_decref(l);
	l = search(t, &sys, "nghi quyet");
	assert_true(has_symbol(l, "35-NQ/TW"));
	json_decref(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define D(f) cmocka_unit_test_setup_teardown(f, setup_demo, teardown)
		D(test_outgoing_numbers_run_per_issuer_type_and_term),
		D(test_outgoing_numbering_starts_again_at_01_in_next_term),
		D(test_outgoing_outside_every_term_is_refused),
		D(test_duplicate_outgoing_number_is_conflict_409),
		D(test_incoming_symbol_registered_twice_is_conflict_409),
		D(test_search_nghi_quyet_finds_nghi_quyet_any_case),
		D(test_search_d_matches_dj),
		D(test_search_absent_word_finds_nothing),
		D(test_search_stays_within_the_actor_subtree),
#undef D
	};

	return cmocka_run_group_tests_name("documents", tests, group_setup,
					   group_teardown);
}
