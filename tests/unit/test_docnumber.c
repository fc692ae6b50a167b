/*
 * Tests for the number and symbol parser (src/domain/docnumber.c): every
 * example of the issue in both styles, canonical formatting with at least
 * two digits, code lookup through the tables' callback, and more than
 * twenty malformed symbols, each refused with a message naming the fault.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "domain/docnumber.h"

static const char *const types[] = { "NQ", "QĐ", "CT", "KL", "HD", "KH",
				     "CV", "BC", "TTr", "CTr", "ĐA", NULL };
static const char *const issuers[] = { "TW", "VPTW", "BTGTW", "TU", "ThU",
				       "ĐU", "BTGTU", "BTGDVTU", "HU", NULL };

static bool lookup(const char *const *list, const char *code, char *canon,
		   size_t size)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (docnumber_code_eq(list[i], code)) {
			snprintf(canon, size, "%s", list[i]);
			return true;
		}
	return false;
}

static bool type_fn(void *ctx, const char *code, char *canon, size_t size)
{
	(void)ctx;
	return lookup(types, code, canon, size);
}

static bool issuer_fn(void *ctx, const char *code, char *canon, size_t size)
{
	(void)ctx;
	return lookup(issuers, code, canon, size);
}

static const struct docnumber_codes codes = { type_fn, issuer_fn, NULL };

static void ok(const char *in, int style, long number, const char *type,
	       const char *issuer, const char *suffix, const char *symbol)
{
	struct docnumber d;
	struct err e = ERR_INIT;

	if (docnumber_parse(in, &codes, &d, &e) < 0)
		fail_msg("\"%s\" refused: %s", in, e.message);
	assert_int_equal(d.style, style);
	assert_int_equal(d.number, number);
	assert_string_equal(d.type, type);
	assert_string_equal(d.issuer, issuer);
	assert_string_equal(d.suffix, suffix);
	assert_string_equal(d.symbol, symbol);
}

static void bad(const char *in, const char *needle)
{
	struct docnumber d;
	struct err e = ERR_INIT;

	if (docnumber_parse(in, &codes, &d, &e) == 0)
		fail_msg("\"%s\" accepted as %s", in, d.symbol);
	assert_int_equal(e.status, 400);
	assert_string_equal(e.field, "symbol");
	if (!strstr(e.message, needle))
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", in, e.message,
			 needle);
}

static void test_party_style_examples_parse(void **state)
{
	(void)state;
	ok("05-NQ/TU", DOCNUMBER_PARTY, 5, "NQ", "TU", "", "05-NQ/TU");
	ok("45-CV/BTGDVTU", DOCNUMBER_PARTY, 45, "CV", "BTGDVTU", "",
	   "45-CV/BTGDVTU");
	ok("5082-CV/VPTW/nb", DOCNUMBER_PARTY, 5082, "CV", "VPTW", "nb",
	   "5082-CV/VPTW/nb");
	ok("238-QĐ/TW", DOCNUMBER_PARTY, 238, "QĐ", "TW", "", "238-QĐ/TW");
	ok("01-KL/TW", DOCNUMBER_PARTY, 1, "KL", "TW", "", "01-KL/TW");
	ok("05-NQ/ThU", DOCNUMBER_PARTY, 5, "NQ", "ThU", "", "05-NQ/ThU");
	ok("123-BC/BTGTU", DOCNUMBER_PARTY, 123, "BC", "BTGTU", "",
	   "123-BC/BTGTU");
	ok("12-KH/BTGDVTU", DOCNUMBER_PARTY, 12, "KH", "BTGDVTU", "",
	   "12-KH/BTGDVTU");
	ok("3-TTr/ĐU", DOCNUMBER_PARTY, 3, "TTr", "ĐU", "", "03-TTr/ĐU");
}

static void test_leading_so_and_case_are_normalised(void **state)
{
	(void)state;
	ok("Số 05-NQ/TU", DOCNUMBER_PARTY, 5, "NQ", "TU", "", "05-NQ/TU");
	ok("Số: 05-NQ/TU", DOCNUMBER_PARTY, 5, "NQ", "TU", "", "05-NQ/TU");
	ok("  số:05-nq/tu ", DOCNUMBER_PARTY, 5, "NQ", "TU", "", "05-NQ/TU");
	ok("So: 238-qđ/tw", DOCNUMBER_PARTY, 238, "QĐ", "TW", "", "238-QĐ/TW");
	ok("SỐ: 7-đa/đu", DOCNUMBER_PARTY, 7, "ĐA", "ĐU", "", "07-ĐA/ĐU");
}

static void test_state_style_is_kept_as_written(void **state)
{
	(void)state;
	ok("24/KH-BTGTU", DOCNUMBER_STATE, 24, "KH", "BTGTU", "",
	   "24/KH-BTGTU");
	ok("Số: 383/KH-UBND", DOCNUMBER_STATE, 383, "KH", "UBND", "",
	   "383/KH-UBND");
	ok("15/2020/NĐ-CP", DOCNUMBER_STATE, 15, "NĐ", "CP", "",
	   "15/2020/NĐ-CP");
	ok("123/UBND-VX", DOCNUMBER_STATE, 123, "UBND", "VX", "",
	   "123/UBND-VX");
	/* State codes are the third party's: not checked against our
	 * tables. */
	ok("9/QyĐ-UBND", DOCNUMBER_STATE, 9, "QyĐ", "UBND", "", "9/QyĐ-UBND");
}

static void test_syntax_only_without_tables(void **state)
{
	struct docnumber d;
	struct err e = ERR_INIT;

	(void)state;
	assert_int_equal(docnumber_parse("05-XX/YY", NULL, &d, &e), 0);
	assert_string_equal(d.symbol, "05-XX/YY");
}

static void test_malformed_symbols_are_refused_with_reason(void **state)
{
	(void)state;
	bad("", "Chưa nhập");
	bad("   ", "Chưa nhập");
	bad("Số:", "Chưa nhập");
	bad("NQ/TU", "bắt đầu bằng số");
	bad("-NQ/TU", "\"-\"");
	bad("05", "Thiếu loại văn bản");
	bad("05-", "Thiếu loại văn bản");
	bad("05-NQ", "Thiếu dấu \"/\"");
	bad("05-NQ/", "Thiếu cơ quan ban hành");
	bad("05-NQ/TU/", "Thiếu ký hiệu đơn vị soạn thảo");
	bad("05-XX/TU", "Loại văn bản \"XX\"");
	bad("05-NQ/ABC", "Cơ quan ban hành \"ABC\"");
	bad("0-NQ/TU", "lớn hơn 0");
	bad("00-NQ/TU", "lớn hơn 0");
	bad("1234567-NQ/TU", "quá dài");
	bad("05 -NQ/TU", "khoảng trắng");
	bad("05-NQ /TU", "khoảng trắng");
	bad("05–NQ/TU", "\"–\"");
	bad("05-NQ/TU!", "\"!\"");
	bad("05_NQ/TU", "\"_\"");
	bad("05-NQ\\TU", "\"\\\"");
	bad("05-NQ/TU/nb/x", "\"/\"");
	bad("05-N1/TU", "\"1\"");
	bad("05.NQ/TU", "\".\"");
	bad("24/KH", "Thiếu cơ quan ban hành");
	bad("24/", "Thiếu loại văn bản");
	bad("24/KH-", "Thiếu phần ký hiệu");
	bad("24/KH-UBND!", "\"!\"");
	bad("24/20/KH-UBND", "\"2\"");
	bad("15/2020/", "Thiếu loại văn bản");
	bad("15/1800/NĐ-CP", "Năm");
	bad("Số: Số: 05-NQ/TU", "bắt đầu bằng số");
	bad("05-NQ/TU\xff", "UTF-8");
	bad("05-NQ/TUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUU", "quá dài");
}

static void test_overlong_input_is_refused(void **state)
{
	char s[400];

	(void)state;
	memset(s, '1', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	bad(s, "quá dài");
}

static void test_format_pads_to_two_digits(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(docnumber_format(out, sizeof(out), 5, "KH", "BTGDVTU",
					  NULL),
			 0);
	assert_string_equal(out, "05-KH/BTGDVTU");
	assert_int_equal(docnumber_format(out, sizeof(out), 12, "KH",
					  "BTGDVTU", ""),
			 0);
	assert_string_equal(out, "12-KH/BTGDVTU");
	assert_int_equal(docnumber_format(out, sizeof(out), 5082, "CV", "VPTW",
					  "nb"),
			 0);
	assert_string_equal(out, "5082-CV/VPTW/nb");
	assert_int_equal(docnumber_format(out, 6, 5082, "CV", "VPTW", "nb"),
			 -1);
}

static void test_code_eq_ignores_case_including_d_stroke(void **state)
{
	(void)state;
	assert_true(docnumber_code_eq("QĐ", "qđ"));
	assert_true(docnumber_code_eq("ThU", "THU"));
	assert_false(docnumber_code_eq("TU", "ThU"));
	assert_false(docnumber_code_eq("QĐ", "QD"));
	assert_false(docnumber_code_eq("NQ", "NQX"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_party_style_examples_parse),
		cmocka_unit_test(test_leading_so_and_case_are_normalised),
		cmocka_unit_test(test_state_style_is_kept_as_written),
		cmocka_unit_test(test_syntax_only_without_tables),
		cmocka_unit_test(test_malformed_symbols_are_refused_with_reason),
		cmocka_unit_test(test_overlong_input_is_refused),
		cmocka_unit_test(test_format_pads_to_two_digits),
		cmocka_unit_test(test_code_eq_ignores_case_including_d_stroke),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
