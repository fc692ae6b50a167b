/*
 * Tests for idarray_slot (src/base/idarray.c): a new id is appended as a
 * zeroed record carrying its id, a known id gives back its own record with
 * what was stored in it, and the array grows past its first allocation
 * without losing records.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>

#include "base/idarray.h"

struct rec {
	int64_t id;
	int64_t count;
	char tag[3];
};

static void test_new_ids_are_appended_zeroed_and_known_ids_found(void **s)
{
	struct rec *v = NULL;
	size_t n = 0, cap = 0, at = 99;

	(void)s;
	v = idarray_slot(v, sizeof(*v), &n, &cap, 7, &at);
	assert_int_equal(n, 1);
	assert_int_equal(at, 0);
	assert_int_equal(v[0].id, 7);
	assert_int_equal(v[0].count, 0);
	assert_int_equal(v[0].tag[0], 0);
	v[at].count = 5;
	v = idarray_slot(v, sizeof(*v), &n, &cap, -3, &at);
	assert_int_equal(n, 2);
	assert_int_equal(at, 1);
	v = idarray_slot(v, sizeof(*v), &n, &cap, 7, &at);
	assert_int_equal(n, 2);
	assert_int_equal(at, 0);
	assert_int_equal(v[at].count, 5);
	free(v);
}

static void test_grows_past_first_allocation_keeping_records(void **s)
{
	struct rec *v = NULL;
	size_t n = 0, cap = 0, at, i;

	(void)s;
	for (i = 0; i < 100; i++) {
		v = idarray_slot(v, sizeof(*v), &n, &cap, (int64_t)i * 1000,
				 &at);
		v[at].count = (int64_t)i + 1;
	}
	assert_int_equal(n, 100);
	assert_true(cap >= 100);
	for (i = 0; i < 100; i++) {
		v = idarray_slot(v, sizeof(*v), &n, &cap, (int64_t)i * 1000,
				 &at);
		assert_int_equal(at, i);
		assert_int_equal(v[at].count, (int64_t)i + 1);
	}
	assert_int_equal(n, 100);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_ids_are_appended_zeroed_and_known_ids_found),
		cmocka_unit_test(test_grows_past_first_allocation_keeping_records),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
