/*
 * Tests for struct buf (src/base/buf.c): appends, formatted appends, the
 * maximum size that refuses an append and leaves the buffer as it was,
 * detach and release, and the invariant that ptr is never NULL and always
 * NUL-terminated.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

/* The buffer holds exactly `s`, with its NUL after the content. */
static void assert_buf_is(const struct buf *b, const char *s)
{
	assert_non_null(b->ptr);
	assert_int_equal(b->len, strlen(s));
	assert_memory_equal(b->ptr, s, strlen(s) + 1);
}

static void test_init_gives_empty_string_not_null(void **state)
{
	struct buf a = BUF_INIT;
	struct buf b;

	(void)state;
	buf_init(&b, 10);
	assert_buf_is(&a, "");
	assert_buf_is(&b, "");
	assert_int_equal(a.max, BUF_DEFAULT_MAX);
	assert_int_equal(b.max, 10);
	buf_release(&a);
	buf_release(&b);
}

static void test_add_appends_bytes_and_keeps_nul(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_int_equal(buf_add(&b, "abc", 3), 0);
	assert_buf_is(&b, "abc");
	assert_int_equal(buf_adds(&b, "déf"), 0);
	assert_buf_is(&b, "abcdéf");
	assert_int_equal(buf_addch(&b, '!'), 0);
	assert_buf_is(&b, "abcdéf!");
	assert_int_equal(buf_add(&b, "", 0), 0);
	assert_buf_is(&b, "abcdéf!");
	buf_release(&b);
}

static void test_add_grows_past_initial_allocation(void **state)
{
	struct buf b = BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 10000; i++)
		assert_int_equal(buf_addch(&b, (char)('a' + i % 26)), 0);
	assert_int_equal(b.len, 10000);
	assert_true(b.alloc > b.len);
	assert_int_equal(b.ptr[b.len], '\0');
	for (i = 0; i < 10000; i++)
		assert_int_equal(b.ptr[i], 'a' + i % 26);
	buf_release(&b);
}

static void test_addf_formats_and_appends(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_int_equal(buf_addf(&b, "%d/%02d", 11, 1), 0);
	assert_int_equal(buf_addf(&b, " %s", "năm"), 0);
	assert_int_equal(buf_addf(&b, "%s", ""), 0);
	assert_buf_is(&b, "11/01 năm");
	buf_release(&b);
}

static void test_add_up_to_max_is_accepted(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_adds(&b, "12345678"), 0);
	assert_buf_is(&b, "12345678");
	assert_int_equal(buf_add(&b, "", 0), 0);
	buf_release(&b);
}

static void test_add_past_max_is_refused_and_leaves_buffer_unchanged(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_adds(&b, "12345"), 0);
	assert_int_equal(buf_adds(&b, "6789"), -1);
	assert_buf_is(&b, "12345");
	assert_int_equal(buf_add(&b, "xxxx", 4), -1);
	assert_buf_is(&b, "12345");
	assert_int_equal(buf_adds(&b, "678"), 0);
	assert_int_equal(buf_addch(&b, '9'), -1);
	assert_buf_is(&b, "12345678");
	buf_release(&b);
}

static void test_add_refuses_length_that_would_overflow(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_int_equal(buf_adds(&b, "x"), 0);
	assert_int_equal(buf_grow(&b, SIZE_MAX), -1);
	assert_int_equal(buf_grow(&b, SIZE_MAX - 1), -1);
	assert_buf_is(&b, "x");
	buf_release(&b);
}

static void test_addf_past_max_is_refused_and_leaves_buffer_unchanged(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 6);
	assert_int_equal(buf_addf(&b, "%d", 123), 0);
	assert_int_equal(buf_addf(&b, "%d", 4567), -1);
	assert_buf_is(&b, "123");
	assert_int_equal(buf_addf(&b, "%d", 456), 0);
	assert_buf_is(&b, "123456");
	buf_release(&b);
}

static void test_max_zero_refuses_every_nonempty_append(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(buf_addch(&b, 'a'), -1);
	assert_int_equal(buf_addf(&b, "%s", "a"), -1);
	assert_buf_is(&b, "");
	buf_release(&b);
}

static void test_grow_keeps_content(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_int_equal(buf_adds(&b, "abc"), 0);
	assert_int_equal(buf_grow(&b, 1000), 0);
	assert_true(b.alloc >= b.len + 1000 + 1);
	assert_buf_is(&b, "abc");
	buf_release(&b);
}

static void test_reset_empties_but_keeps_allocation(void **state)
{
	struct buf b = BUF_INIT;
	size_t alloc;

	(void)state;
	assert_int_equal(buf_adds(&b, "hello"), 0);
	alloc = b.alloc;
	buf_reset(&b);
	assert_buf_is(&b, "");
	assert_int_equal(b.alloc, alloc);
	assert_int_equal(buf_adds(&b, "hi"), 0);
	assert_buf_is(&b, "hi");
	buf_release(&b);

	buf_reset(&b); /* resetting a never-allocated buffer is harmless */
	assert_buf_is(&b, "");
}

static void test_detach_returns_owned_string_and_empties_buffer(void **state)
{
	struct buf b = BUF_INIT;
	size_t len = 0;
	char *s;

	(void)state;
	assert_int_equal(buf_adds(&b, "Đảng"), 0);
	s = buf_detach(&b, &len);
	assert_string_equal(s, "Đảng");
	assert_int_equal(len, strlen("Đảng"));
	assert_buf_is(&b, "");
	assert_int_equal(b.alloc, 0);
	free(s);

	/* The buffer is reusable after a detach. */
	assert_int_equal(buf_adds(&b, "lại"), 0);
	assert_buf_is(&b, "lại");
	buf_release(&b);
}

static void test_detach_of_empty_buffer_returns_freeable_empty_string(void **state)
{
	struct buf b = BUF_INIT;
	size_t len = 99;
	char *s;

	(void)state;
	s = buf_detach(&b, &len);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	assert_true(s != buf_empty);
	free(s);

	s = buf_detach(&b, NULL); /* len may be NULL */
	assert_string_equal(s, "");
	free(s);
}

static void test_release_leaves_empty_reusable_buffer(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	assert_int_equal(buf_adds(&b, "something"), 0);
	buf_release(&b);
	assert_buf_is(&b, "");
	assert_int_equal(b.alloc, 0);
	assert_int_equal(b.max, 100);
	buf_release(&b); /* releasing twice is harmless */
	assert_buf_is(&b, "");
	assert_int_equal(buf_adds(&b, "again"), 0);
	assert_buf_is(&b, "again");
	buf_release(&b);
}

static void test_embedded_nul_bytes_are_kept(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_int_equal(buf_add(&b, "a\0b", 3), 0);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.ptr, "a\0b\0", 4);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_gives_empty_string_not_null),
		cmocka_unit_test(test_add_appends_bytes_and_keeps_nul),
		cmocka_unit_test(test_add_grows_past_initial_allocation),
		cmocka_unit_test(test_addf_formats_and_appends),
		cmocka_unit_test(test_add_up_to_max_is_accepted),
		cmocka_unit_test(test_add_past_max_is_refused_and_leaves_buffer_unchanged),
		cmocka_unit_test(test_add_refuses_length_that_would_overflow),
		cmocka_unit_test(test_addf_past_max_is_refused_and_leaves_buffer_unchanged),
		cmocka_unit_test(test_max_zero_refuses_every_nonempty_append),
		cmocka_unit_test(test_grow_keeps_content),
		cmocka_unit_test(test_reset_empties_but_keeps_allocation),
		cmocka_unit_test(test_detach_returns_owned_string_and_empties_buffer),
		cmocka_unit_test(test_detach_of_empty_buffer_returns_freeable_empty_string),
		cmocka_unit_test(test_release_leaves_empty_reusable_buffer),
		cmocka_unit_test(test_embedded_nul_bytes_are_kept),
	};

	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
