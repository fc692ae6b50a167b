/*
 * Tests for domain/privacy.c, the identifier detector of the opinion
 * modules: identity numbers, phone numbers, e-mail addresses and social
 * media profiles are found; document numbers, dates, money amounts and
 * counts are not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "domain/privacy.h"

static void expect_kind(const char *text, enum privacy_kind k)
{
	enum privacy_kind got = privacy_scan(text, NULL);

	if (got != k)
		fail_msg("privacy_scan(\"%s\") = %d, expected %d",
			 text ? text : "(null)", got, k);
}

static void test_privacy_finds_identity_numbers(void **state)
{
	(void)state;
	expect_kind("CCCD 079203001234 của một hộ", PRIVACY_ID_NUMBER);
	expect_kind("số CMND 212345678", PRIVACY_ID_NUMBER);
	expect_kind("212345678", PRIVACY_ID_NUMBER);
	expect_kind("(079203001234)", PRIVACY_ID_NUMBER);
}

static void test_privacy_finds_phone_numbers(void **state)
{
	(void)state;
	expect_kind("liên hệ 0912345678 để biết thêm", PRIVACY_PHONE);
	expect_kind("gọi 0912 345 678", PRIVACY_PHONE);
	expect_kind("gọi 0912.345.678", PRIVACY_PHONE);
	expect_kind("gọi 091-234-5678", PRIVACY_PHONE);
	expect_kind("số +84912345678", PRIVACY_PHONE);
	expect_kind("số +84 912 345 678", PRIVACY_PHONE);
	expect_kind("số (+84) 912345678", PRIVACY_PHONE);
	expect_kind("0281234567", PRIVACY_PHONE);
}

static void test_privacy_finds_email_and_social_profiles(void **state)
{
	size_t at = 0;

	(void)state;
	expect_kind("gửi thư tới nguyen.van.a@gmail.com nhé", PRIVACY_EMAIL);
	expect_kind("a_b@xa.gov.vn", PRIVACY_EMAIL);
	expect_kind("xem https://www.facebook.com/nguyenvana", PRIVACY_SOCIAL);
	expect_kind("facebook.com/profile.php?id=1000", PRIVACY_SOCIAL);
	expect_kind("zalo.me/0912345678", PRIVACY_SOCIAL);
	expect_kind("https://www.tiktok.com/@nguoidan", PRIVACY_SOCIAL);
	expect_kind("m.facebook.com/abc", PRIVACY_SOCIAL);
	assert_int_equal(privacy_scan("ghi: x@y.vn", &at), PRIVACY_EMAIL);
	assert_int_equal(at, 5);
}

static void test_privacy_passes_plausible_look_alikes(void **state)
{
	(void)state;
	expect_kind(NULL, PRIVACY_NONE);
	expect_kind("", PRIVACY_NONE);
	expect_kind("Học tập Nghị quyết 05-NQ/TU và Kết luận 01-KL/TW",
		    PRIVACY_NONE);
	expect_kind("Công văn 5082-CV/VPTW/nb, báo cáo 123-BC/BTGTU",
		    PRIVACY_NONE);
	expect_kind("ngày 15/06/2022 và 2022-06-15", PRIVACY_NONE);
	expect_kind("hỗ trợ 1.500.000 đồng mỗi hộ", PRIVACY_NONE);
	expect_kind("tổng 150.000.000 đồng", PRIVACY_NONE);
	expect_kind("bồi thường 150000000 đồng", PRIVACY_NONE);
	expect_kind("8.199 đảng viên, 8.196/8.272, đạt 99%", PRIVACY_NONE);
	expect_kind("17.279/18.121 hộ, 95,45%", PRIVACY_NONE);
	expect_kind("giai đoạn 2020-2025-2030", PRIVACY_NONE);
	expect_kind("khoảng 60% đồng tình, 30% băn khoăn", PRIVACY_NONE);
	expect_kind("Nghị định 15/2025/NĐ-CP", PRIVACY_NONE);
	expect_kind("quỹ 12.345.678.901 đồng", PRIVACY_NONE);
	expect_kind("văn phòng ubnd@ (thiếu tên miền)", PRIVACY_NONE);
	expect_kind("trang facebook.com của xã", PRIVACY_NONE);
	expect_kind("mã hồ sơ H12345678901X", PRIVACY_NONE);
	expect_kind("năm 2026 có 120 hộ", PRIVACY_NONE);
}

static void test_privacy_check_fills_a_vietnamese_error(void **state)
{
	struct err e = ERR_INIT;

	(void)state;
	assert_int_equal(privacy_check("Ý kiến chung của nhân dân", "summary",
				       "Tóm tắt", &e),
			 0);
	assert_int_equal(e.status, 0);
	assert_int_equal(privacy_check("gọi 0912345678", "summary", "Tóm tắt",
				       &e),
			 -1);
	assert_int_equal(e.status, 400);
	assert_string_equal(e.field, "summary");
	assert_string_equal(e.code, "personal_data");
	assert_non_null(strstr(e.message, "số điện thoại"));
	assert_non_null(strstr(e.message, "không nêu thông tin nhận diện"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_privacy_finds_identity_numbers),
		cmocka_unit_test(test_privacy_finds_phone_numbers),
		cmocka_unit_test(test_privacy_finds_email_and_social_profiles),
		cmocka_unit_test(test_privacy_passes_plausible_look_alikes),
		cmocka_unit_test(test_privacy_check_fills_a_vietnamese_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
