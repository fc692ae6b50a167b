/*
 * Tests for src/base/gzip.c: what gzip_compress() writes is a gzip member
 * zlib (as a browser) inflates back to the input, appended after what the
 * buffer held, refused past the buffer's maximum; gzip_accepted() reads
 * Accept-Encoding as browsers and proxies send it, q=0 included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/buf.h"
#include "base/gzip.h"

/* Inflate the gzip member [p, p + n) into a malloc'd buffer. */
static char *gunzip(const char *p, size_t n, size_t *out_len)
{
	size_t cap = 1 << 20;
	char *out = malloc(cap);
	z_stream z;

	memset(&z, 0, sizeof(z));
	assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	*out_len = z.total_out;
	inflateEnd(&z);
	return out;
}

static void test_compress_round_trips_after_existing_content(void **state)
{
	struct buf b = BUF_INIT, json = BUF_INIT;
	size_t len, i;
	char *back;

	(void)state;
	buf_adds(&json, "{\"children\":[");
	for (i = 0; i < 2000; i++)
		buf_addf(&json, "%s{\"unit\":\"Đảng bộ xã %zu\",\"rate\":\"95,45%%\"}",
			 i ? "," : "", i);
	buf_adds(&json, "]}");
	buf_adds(&b, "head");
	assert_int_equal(gzip_compress(json.ptr, json.len, &b), 0);
	assert_memory_equal(b.ptr, "head", 4);
	assert_int_equal((unsigned char)b.ptr[4], 0x1f); /* gzip magic */
	assert_int_equal((unsigned char)b.ptr[5], 0x8b);
	assert_true(b.len - 4 < json.len / 5); /* repetitive JSON shrinks */
	assert_int_equal(b.ptr[b.len], '\0');
	back = gunzip(b.ptr + 4, b.len - 4, &len);
	assert_int_equal(len, json.len);
	assert_memory_equal(back, json.ptr, len);
	free(back);
	buf_release(&b);
	buf_release(&json);
}

static void test_compress_of_nothing_is_a_valid_member(void **state)
{
	struct buf b = BUF_INIT;
	size_t len;
	char *back;

	(void)state;
	assert_int_equal(gzip_compress("", 0, &b), 0);
	back = gunzip(b.ptr, b.len, &len);
	assert_int_equal(len, 0);
	free(back);
	buf_release(&b);
}

static void test_compress_past_the_maximum_is_refused_unchanged(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 16);
	buf_adds(&b, "kept");
	assert_int_equal(gzip_compress("0123456789abcdef0123456789", 26, &b),
			 -1);
	assert_int_equal(b.len, 4);
	assert_string_equal(b.ptr, "kept");
	buf_release(&b);
}

static void test_accept_encoding(void **state)
{
	(void)state;
	/* what browsers, curl --compressed and undici send */
	assert_true(gzip_accepted("gzip, deflate, br, zstd"));
	assert_true(gzip_accepted("gzip, deflate"));
	assert_true(gzip_accepted("deflate, gzip;q=1.0, *;q=0.5"));
	assert_true(gzip_accepted("GZIP"));
	assert_true(gzip_accepted("x-gzip"));
	assert_true(gzip_accepted("br;q=1, gzip ; q=0.2"));
	assert_true(gzip_accepted("*"));
	/* not acceptable */
	assert_false(gzip_accepted(NULL));
	assert_false(gzip_accepted(""));
	assert_false(gzip_accepted("identity"));
	assert_false(gzip_accepted("br, deflate"));
	assert_false(gzip_accepted("gzip;q=0"));
	assert_false(gzip_accepted("gzip;q=0.000, *"));
	assert_false(gzip_accepted("*, gzip;q=0"));
	assert_false(gzip_accepted("*;q=0"));
	assert_false(gzip_accepted("gzipx, xgzip"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compress_round_trips_after_existing_content),
		cmocka_unit_test(test_compress_of_nothing_is_a_valid_member),
		cmocka_unit_test(test_compress_past_the_maximum_is_refused_unchanged),
		cmocka_unit_test(test_accept_encoding),
	};

	return cmocka_run_group_tests_name("gzip", tests, NULL, NULL);
}
