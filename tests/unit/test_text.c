/*
 * Tests for UTF-8 handling and Vietnamese folding (src/base/text.c):
 * strict validation (overlongs, surrogates, truncated sequences, values
 * above U+10FFFF, NUL), code point counting, truncation on a character
 * boundary, and folding of all 134 Vietnamese letters in precomposed and
 * decomposed form.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"

/* A byte string with an explicit length, as NUL may be inside. */
struct bytes {
	const char *s;
	size_t len;
};

#define BYTES(lit) { lit, sizeof(lit) - 1 }

static void assert_folds_to(const char *in, const char *want)
{
	char *got = text_fold_dup(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_valid_accepts_well_formed_text(void **state)
{
	static const struct bytes good[] = {
		BYTES(""),
		BYTES("ASCII only"),
		BYTES("Quán triệt Nghị quyết"),
		BYTES("\xC2\x80"),             /* U+0080, smallest 2-byte */
		BYTES("\xDF\xBF"),             /* U+07FF */
		BYTES("\xE0\xA0\x80"),         /* U+0800, smallest 3-byte */
		BYTES("\xED\x9F\xBF"),         /* U+D7FF, just below surrogates */
		BYTES("\xEE\x80\x80"),         /* U+E000, just above */
		BYTES("\xEF\xBF\xBF"),         /* U+FFFF */
		BYTES("\xF0\x90\x80\x80"),     /* U+10000, smallest 4-byte */
		BYTES("\xF4\x8F\xBF\xBF"),     /* U+10FFFF, the largest */
		BYTES("\xE2\x80\x94"),         /* em dash */
		BYTES("\xF0\x9F\x87\xBB\xF0\x9F\x87\xB3"), /* flag emoji */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(utf8_valid(good[i].s, good[i].len));
}

static void test_valid_refuses_malformed_text(void **state)
{
	static const struct bytes bad[] = {
		BYTES("\x80"),                 /* stray continuation */
		BYTES("a\xBF" "b"),            /* stray continuation inside */
		BYTES("\xC0\x80"),             /* overlong NUL */
		BYTES("\xC1\xBF"),             /* overlong U+007F */
		BYTES("\xE0\x80\x80"),         /* overlong U+0000, 3 bytes */
		BYTES("\xE0\x9F\xBF"),         /* overlong U+07FF */
		BYTES("\xF0\x80\x80\x80"),     /* overlong, 4 bytes */
		BYTES("\xF0\x8F\xBF\xBF"),     /* overlong U+FFFF */
		BYTES("\xED\xA0\x80"),         /* U+D800, high surrogate */
		BYTES("\xED\xBF\xBF"),         /* U+DFFF, low surrogate */
		BYTES("\xED\xA0\xBD\xED\xB8\x80"), /* CESU-8 surrogate pair */
		BYTES("\xF4\x90\x80\x80"),     /* U+110000 */
		BYTES("\xF5\x80\x80\x80"),     /* lead byte F5 */
		BYTES("\xFF"),                 /* never in UTF-8 */
		BYTES("\xFE"),
		BYTES("\xC3"),                 /* truncated 2-byte */
		BYTES("\xE1\xBB"),             /* truncated 3-byte (ệ) */
		BYTES("Vi\xE1\xBB"),           /* truncated at the end */
		BYTES("\xF0\x9F\x87"),         /* truncated 4-byte */
		BYTES("\xC3" "a"),             /* lead byte then ASCII */
		BYTES("\xE1\xBB" "a"),         /* continuation missing */
		BYTES("a\0b"),                 /* NUL inside */
		BYTES("\0"),                   /* NUL alone */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (utf8_valid(bad[i].s, bad[i].len))
			fail_msg("case %zu wrongly accepted", i);
	}
}

static void test_valid_checks_only_the_given_length(void **state)
{
	const char *s = "Việt";

	(void)state;
	/* "Vi" + the first byte of ệ: the cut is inside a character. */
	assert_false(utf8_valid(s, 3));
	assert_true(utf8_valid(s, 2));
	assert_true(utf8_valid(s, strlen(s)));
}

static void test_length_counts_code_points_not_bytes(void **state)
{
	const char *s = "Đảng Cộng sản";

	(void)state;
	assert_int_equal(utf8_length("", 0), 0);
	assert_int_equal(utf8_length("abc", 3), 3);
	assert_int_equal(utf8_length(s, strlen(s)), 13);
	assert_int_equal(utf8_length("\xF0\x9F\x87\xBB", 4), 1);
}

static void test_truncate_never_cuts_a_character(void **state)
{
	const char *s = "Việt"; /* V i ệ(3 bytes) t = 6 bytes */

	(void)state;
	assert_int_equal(utf8_truncate(s, 0), 0);
	assert_int_equal(utf8_truncate(s, 1), 1);
	assert_int_equal(utf8_truncate(s, 2), 2);
	assert_int_equal(utf8_truncate(s, 3), 2);
	assert_int_equal(utf8_truncate(s, 4), 2);
	assert_int_equal(utf8_truncate(s, 5), 5);
	assert_int_equal(utf8_truncate(s, 6), 6);
}

static void test_truncate_returns_whole_length_when_it_fits(void **state)
{
	(void)state;
	assert_int_equal(utf8_truncate("Đảng", 100), strlen("Đảng"));
	assert_int_equal(utf8_truncate("", 0), 0);
	assert_int_equal(utf8_truncate("", 5), 0);
	assert_int_equal(utf8_truncate("abc", SIZE_MAX), 3);
}

static void test_truncate_handles_four_byte_characters(void **state)
{
	const char *s = "a\xF0\x9F\x87\xBB" "b";

	(void)state;
	assert_int_equal(utf8_truncate(s, 1), 1);
	assert_int_equal(utf8_truncate(s, 2), 1);
	assert_int_equal(utf8_truncate(s, 4), 1);
	assert_int_equal(utf8_truncate(s, 5), 5);
	assert_int_equal(utf8_truncate(s, 6), 6);
}

static void test_fold_strips_tones_and_lowers_case(void **state)
{
	(void)state;
	assert_folds_to("Quán Triệt Nghị Quyết", "quan triet nghi quyet");
	assert_folds_to("Đảng", "dang");
	assert_folds_to("ĐẢNG CỘNG SẢN VIỆT NAM", "dang cong san viet nam");
	assert_folds_to("Tuyên giáo", "tuyen giao");
	assert_folds_to("Hướng dẫn 36-HD/VPTW", "huong dan 36-hd/vptw");
	assert_folds_to("Thực hiện Chỉ thị số 05-CT/TW",
			"thuc hien chi thi so 05-ct/tw");
}

static void test_fold_of_ascii_only_lowers_case(void **state)
{
	(void)state;
	assert_folds_to("", "");
	assert_folds_to("ABCXYZ abcxyz 0189 !@[`{~", "abcxyz abcxyz 0189 !@[`{~");
}

static void test_fold_drops_combining_marks_from_decomposed_input(void **state)
{
	(void)state;
	assert_folds_to("a\xCC\x81", "a");                    /* a + acute */
	assert_folds_to("A\xCC\x80", "a");                    /* A + grave */
	/* ệ as e + circumflex (U+0302) + dot below (U+0323) */
	assert_folds_to("Vie\xCC\x82\xCC\xA3t", "viet");
	/* ư + hook above (U+0309): the base is itself precomposed */
	assert_folds_to("\xC6\xB0\xCC\x89", "u");
	/* "Quán Triệt" fully decomposed */
	assert_folds_to("Qua\xCC\x81n Trie\xCC\x82\xCC\xA3t", "quan triet");
	/* the edges of the combining block */
	assert_folds_to("x\xCC\x80y\xCD\xAFz", "xyz");
}

static void test_fold_copies_other_characters_unchanged(void **state)
{
	(void)state;
	assert_folds_to("95,45% — «tốt»", "95,45% — «tot»");
	assert_folds_to("Ä ß Ç ñ", "Ä ß Ç ñ");
	assert_folds_to("中文 русский", "中文 русский");
	assert_folds_to("\xF0\x9F\x87\xBB\xF0\x9F\x87\xB3", "\xF0\x9F\x87\xBB\xF0\x9F\x87\xB3");
	/* U+0370, just past the combining block, is kept */
	assert_folds_to("\xCD\xB0", "\xCD\xB0");
}

static void test_fold_copies_invalid_bytes_as_they_are(void **state)
{
	(void)state;
	assert_folds_to("\xFF" "A\x80" "Đ\xC3", "\xFF" "a\x80" "d\xC3");
	assert_folds_to("\xED\xA0\x80" "É", "\xED\xA0\x80" "e");
	assert_folds_to("\xC0\x81", "\xC0\x81");
}

/* The 134 non-ASCII Vietnamese letters and what each folds to. */
static const struct {
	const char *letters;
	char base;
} viet_letters[] = {
	{ "àáảãạ", 'a' },  { "ÀÁẢÃẠ", 'a' },
	{ "ăằắẳẵặ", 'a' }, { "ĂẰẮẲẴẶ", 'a' },
	{ "âầấẩẫậ", 'a' }, { "ÂẦẤẨẪẬ", 'a' },
	{ "èéẻẽẹ", 'e' },  { "ÈÉẺẼẸ", 'e' },
	{ "êềếểễệ", 'e' }, { "ÊỀẾỂỄỆ", 'e' },
	{ "ìíỉĩị", 'i' },  { "ÌÍỈĨỊ", 'i' },
	{ "òóỏõọ", 'o' },  { "ÒÓỎÕỌ", 'o' },
	{ "ôồốổỗộ", 'o' }, { "ÔỒỐỔỖỘ", 'o' },
	{ "ơờớởỡợ", 'o' }, { "ƠỜỚỞỠỢ", 'o' },
	{ "ùúủũụ", 'u' },  { "ÙÚỦŨỤ", 'u' },
	{ "ưừứửữự", 'u' }, { "ƯỪỨỬỮỰ", 'u' },
	{ "ỳýỷỹỵ", 'y' },  { "ỲÝỶỸỴ", 'y' },
	{ "đ", 'd' },      { "Đ", 'd' },
};

static void test_fold_strips_tones_from_all_134_letters(void **state)
{
	size_t i, j, n, count = 0;
	const char *s;
	char one[5], want[2];
	char *got;

	(void)state;
	for (i = 0; i < sizeof(viet_letters) / sizeof(viet_letters[0]); i++) {
		s = viet_letters[i].letters;
		want[0] = viet_letters[i].base;
		want[1] = '\0';
		for (j = 0; s[j]; j += n) {
			assert_true((unsigned char)s[j] >= 0xC0); /* a lead byte */
			for (n = 1; ((unsigned char)s[j + n] & 0xC0) == 0x80; n++)
				;
			assert_true(n <= 4);
			memcpy(one, s + j, n);
			one[n] = '\0';
			got = text_fold_dup(one);
			if (strcmp(got, want) != 0)
				fail_msg("%s folds to \"%s\", want \"%s\"", one,
					 got, want);
			free(got);
			count++;
		}
	}
	assert_int_equal(count, 134);
}

static void test_fold_appends_to_existing_content(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_int_equal(buf_adds(&b, "q="), 0);
	assert_int_equal(text_fold(&b, "Nghị Quyết", strlen("Nghị Quyết")), 0);
	assert_string_equal(b.ptr, "q=nghi quyet");
	assert_int_equal(b.len, strlen("q=nghi quyet"));
	buf_release(&b);
}

static void test_fold_honours_given_length(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	assert_int_equal(text_fold(&b, "ĐẢNG ủy", 6), 0); /* "ĐẢ" + "N" */
	assert_string_equal(b.ptr, "dan");
	buf_release(&b);
}

static void test_fold_past_max_fails_and_leaves_buffer_unchanged(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_adds(&b, "ab"), 0);
	assert_int_equal(text_fold(&b, "Cộng sản", strlen("Cộng sản")), -1);
	assert_string_equal(b.ptr, "ab");
	assert_int_equal(b.len, 2);
	/* Folded text that fits is accepted even if the input would not. */
	assert_int_equal(text_fold(&b, "ĐẢNG", strlen("ĐẢNG")), 0);
	assert_string_equal(b.ptr, "abdang");
	buf_release(&b);
}

static void test_fold_result_is_valid_utf8_for_valid_input(void **state)
{
	const char *in = "Trung ương Đảng, Ủy ban Kiểm tra — «Nghị quyết»";
	char *got;

	(void)state;
	got = text_fold_dup(in);
	assert_true(utf8_valid(got, strlen(got)));
	assert_string_equal(got,
			    "trung uong dang, uy ban kiem tra — «nghi quyet»");
	free(got);
}

static void test_index_finds_a_code_in_its_table(void **state)
{
	static const char *const set[] = { "bulletin", "thematic", "book",
					   NULL };

	(void)state;
	assert_int_equal(text_index("bulletin", set), 0);
	assert_int_equal(text_index("book", set), 2);
	assert_int_equal(text_index("Book", set), -1);
	assert_int_equal(text_index("", set), -1);
	assert_int_equal(text_index(NULL, set), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_accepts_well_formed_text),
		cmocka_unit_test(test_valid_refuses_malformed_text),
		cmocka_unit_test(test_valid_checks_only_the_given_length),
		cmocka_unit_test(test_length_counts_code_points_not_bytes),
		cmocka_unit_test(test_truncate_never_cuts_a_character),
		cmocka_unit_test(test_truncate_returns_whole_length_when_it_fits),
		cmocka_unit_test(test_truncate_handles_four_byte_characters),
		cmocka_unit_test(test_fold_strips_tones_and_lowers_case),
		cmocka_unit_test(test_fold_of_ascii_only_lowers_case),
		cmocka_unit_test(test_fold_drops_combining_marks_from_decomposed_input),
		cmocka_unit_test(test_fold_copies_other_characters_unchanged),
		cmocka_unit_test(test_fold_copies_invalid_bytes_as_they_are),
		cmocka_unit_test(test_fold_strips_tones_from_all_134_letters),
		cmocka_unit_test(test_fold_appends_to_existing_content),
		cmocka_unit_test(test_fold_honours_given_length),
		cmocka_unit_test(test_fold_past_max_fails_and_leaves_buffer_unchanged),
		cmocka_unit_test(test_fold_result_is_valid_utf8_for_valid_input),
		cmocka_unit_test(test_index_finds_a_code_in_its_table),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
