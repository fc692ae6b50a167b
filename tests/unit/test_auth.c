/*
 * Tests for who is asking (src/domain/auth.c): Argon2id password hashes and
 * the password policy, login, sessions with their idle and absolute expiry
 * (driven by an explicit `now`), logout, disabled accounts, the token kept
 * only as its SHA-256, CSRF comparison, login rate limiting, roles, and the
 * audit rows of logins.
 *
 * The demo province (8 users, password "Demo@2026") is built once for the
 * group and copied for each test; the rate limiter is reset before each.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>

#include "testdb.h"

#include "domain/auth.h"
#include "domain/users.h"

#define PASSWORD "Demo@2026"
#define IP "192.0.2.10"
/* A fixed "now" for sessions: 2027-01-15, well after the demo was built. */
#define T0 ((int64_t)1800000000)

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
	auth_ratelimit_configure(5, 50, 15 * 60);
	auth_ratelimit_reset();
	tdb_rmdir(dir);
	return 0;
}

static int setup(void **state)
{
	static struct tdb t;
	char name[32];

	snprintf(name, sizeof(name), "auth%d.db", ++seq);
	tdb_open_copy(&t, dir, demo_path, name);
	auth_ratelimit_configure(5, 50, 15 * 60);
	auth_ratelimit_reset();
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	tdb_drop(*state);
	return 0;
}

/* --- helpers ------------------------------------------------------------ */

static bool is_hex64(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == 64;
}

/* Log `user` in with the demo password at `now`; fails the test on error. */
static void login(struct tdb *t, const char *user, int64_t now,
		  struct actor *a, char token[AUTH_TOKEN_SIZE])
{
	struct err e = ERR_INIT;

	TDB_OK(auth_login(t->c, user, PASSWORD, IP, now, a, token, &e), e);
}

static int64_t count_sessions(struct tdb *t)
{
	return tdb_sql_int(t->path, "SELECT COUNT(*) FROM sessions");
}

static int64_t count_audit(struct tdb *t, const char *action)
{
	char sql[256];

	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*) FROM audit WHERE action = '%s'", action);
	return tdb_sql_int(t->path, sql);
}

/* --- passwords ---------------------------------------------------------- */

static void test_password_hash_is_argon2id_and_verifies(void **state)
{
	char *h1, *h2;

	(void)state;
	h1 = auth_hash_password(PASSWORD);
	assert_non_null(h1);
	assert_int_equal(strncmp(h1, "$argon2id$", 10), 0);
	assert_non_null(strstr(h1, "m=19456,t=2"));
	assert_true(auth_verify_password(h1, PASSWORD));
	assert_false(auth_verify_password(h1, "demo@2026"));
	assert_false(auth_verify_password(h1, "Demo@202"));
	assert_false(auth_verify_password(h1, ""));
	/* A fresh salt each time. */
	h2 = auth_hash_password(PASSWORD);
	assert_non_null(h2);
	assert_string_not_equal(h1, h2);
	assert_true(auth_verify_password(h2, PASSWORD));
	/* Garbage is not a hash of anything. */
	assert_false(auth_verify_password("not a hash", PASSWORD));
	free(h1);
	free(h2);
}

static void test_password_policy_cases(void **state)
{
	static const char *good[] = {
		"Demo@2026abc", "hoa sen trắng", "correct horse battery",
		"mật khẩu dài", /* 12 characters, 16 bytes */
		"123456789013", "ABCDEFGHIJKLM", "ậậậậậậậậậậậ1",
		"Tuyên giáo Sơn Hà", "         abc  def ghi j",
		/* 100 characters but 298 bytes: the limit is in characters */
		("ậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậ"
		 "1ậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậậ"),
		"😀😀😀😀😀😀😀😀😀😀😀x", /* any Unicode */
	};
	static const char *bad[] = {
		"", "Ab1!", "Demo@2026", "abcdefghijk", /* 11 */
		"ậậậậậậậậậậ1", /* 11 characters even if 31 bytes */
		"a          b", /* the run of spaces counts once: 3 */
		"123456789012", "Password1234", "PASSWORD1234", "qwertyuiop123",
		"1qaz2wsx3edc", "aaaaaaaaaaaaaaaa", "ậậậậậậậậậậậậ", "abcdefghijkl",
		"matkhau123456", "tuyengiao2026",
		"\xff\xfe invalid utf-8 bytes",
	};
	struct err e = ERR_INIT;
	char long_pw[200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		err_clear(&e);
		if (auth_password_policy(good[i], "someone", "password", &e) != 0)
			fail_msg("refused \"%s\": %s", good[i], e.message);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err_clear(&e);
		if (auth_password_policy(bad[i], "someone", "password", &e) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		tdb_expect_err(&e, 400, "invalid", "password");
	}
	/* 64 characters are allowed (ASVS V2.1.2), and 128 is the most. */
	memset(long_pw, 'b', 128);
	long_pw[0] = '1';
	long_pw[64] = '\0';
	assert_int_equal(auth_password_policy(long_pw, NULL, "password", &e), 0);
	long_pw[64] = 'b';
	long_pw[128] = '\0';
	assert_int_equal(auth_password_policy(long_pw, NULL, "password", &e), 0);
	long_pw[128] = 'a';
	long_pw[129] = '\0';
	TDB_FAILS(auth_password_policy(long_pw, NULL, "password", &e), e, 400,
		  "invalid", "password");
	/* Not the username, in any case. */
	assert_int_equal(auth_password_policy("nguyen.van.an", "nguyen.van.b",
					      "password", &e),
			 0);
	TDB_FAILS(auth_password_policy("nguyen.van.an", "nguyen.van.an",
				       "password", &e),
		  e, 400, "invalid", "password");
	TDB_FAILS(auth_password_policy("Nguyen.Van.An", "nguyen.van.an",
				       "password", &e),
		  e, 400, "invalid", "password");
	assert_non_null(strstr(e.message, "tên đăng nhập"));
	/* The messages say why. */
	TDB_FAILS(auth_password_policy("short", NULL, "new_password", &e), e,
		  400, "invalid", "new_password");
	assert_non_null(strstr(e.message, "12 ký tự"));
	TDB_FAILS(auth_password_policy("password1234", NULL, "password", &e), e,
		  400, "invalid", "password");
	assert_non_null(strstr(e.message, "phổ biến"));
	assert_true(auth_password_common("PassWord1234"));
	assert_false(auth_password_common("PassWord12345x"));
}

/* --- login and sessions ------------------------------------------------- */

static void test_login_returns_token_and_csrf_and_session_resolves(
	void **state)
{
	struct tdb *t = *state;
	struct actor a, s;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE];
	int64_t logins = count_audit(t, "login");

	login(t, "admin", T0, &a, token);
	assert_true(is_hex64(token));
	assert_true(is_hex64(a.csrf));
	assert_string_not_equal(token, a.csrf);
	assert_true(a.user_id > 0);
	assert_string_equal(a.username, "admin");
	assert_int_equal(a.role, ROLE_ADMIN);
	assert_true(a.at_root);
	assert_string_equal(a.unit_code, "SH");
	assert_string_equal(a.unit_path, "/1/");
	assert_false(store_in_txn(t->c));
	assert_int_equal(count_sessions(t), 1);
	assert_int_equal(count_audit(t, "login"), logins + 1);

	TDB_OK(auth_session(t->c, token, "198.51.100.7", T0 + 10, &s, &e), e);
	assert_int_equal(s.user_id, a.user_id);
	assert_true(s.session_id > 0);
	assert_string_equal(s.username, "admin");
	assert_int_equal(s.role, ROLE_ADMIN);
	assert_true(s.at_root);
	assert_string_equal(s.unit_path, "/1/");
	assert_string_equal(s.csrf, a.csrf);
	assert_string_equal(s.ip, "198.51.100.7");

	/* A user below the root is not at the root. */
	login(t, "xa.kyhoa", T0, &a, token);
	assert_int_equal(a.role, ROLE_SPECIALIST);
	assert_false(a.at_root);
	assert_string_equal(a.unit_code, "SH-KH");
	TDB_OK(auth_session(t->c, token, IP, T0 + 1, &s, &e), e);
	assert_false(s.at_root);
	assert_int_equal(s.unit_id, tdb_unit_id(t->c, "SH-KH"));
	assert_int_equal(count_sessions(t), 2);
}

static void test_wrong_password_or_unknown_user_is_401(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE];

	TDB_FAILS(auth_login(t->c, "admin", "Demo@2027", IP, T0, &a, token, &e),
		  e, 401, "bad_credentials", NULL);
	assert_int_equal(a.user_id, 0);
	TDB_FAILS(auth_login(t->c, "khongco", PASSWORD, IP, T0, &a, token, &e),
		  e, 401, "bad_credentials", NULL);
	TDB_FAILS(auth_login(t->c, "ADMIN", PASSWORD, IP, T0, &a, token, &e), e,
		  401, "bad_credentials", NULL);
	assert_int_equal(count_sessions(t), 0);
}

static void test_unknown_or_malformed_token_is_unauthenticated(void **state)
{
	struct tdb *t = *state;
	struct actor a, s;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE], other[AUTH_TOKEN_SIZE];

	login(t, "admin", T0, &a, token);
	memcpy(other, token, sizeof(other));
	other[0] = other[0] == 'a' ? 'b' : 'a';
	TDB_FAILS(auth_session(t->c, other, IP, T0, &s, &e), e, 401,
		  "unauthenticated", NULL);
	assert_int_equal(s.user_id, 0);
	TDB_FAILS(auth_session(t->c, "", IP, T0, &s, &e), e, 401,
		  "unauthenticated", NULL);
	TDB_FAILS(auth_session(t->c, NULL, IP, T0, &s, &e), e, 401,
		  "unauthenticated", NULL);
	token[10] = '\0';
	TDB_FAILS(auth_session(t->c, token, IP, T0, &s, &e), e, 401,
		  "unauthenticated", NULL);
	/* The real session is untouched by the probes. */
	assert_int_equal(count_sessions(t), 1);
}

static void test_session_expires_after_30_minutes_idle(void **state)
{
	struct tdb *t = *state;
	struct actor a, s;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE], token2[AUTH_TOKEN_SIZE];

	/* Exactly 30 minutes idle is still fine ... */
	login(t, "admin", T0, &a, token);
	TDB_OK(auth_session(t->c, token, IP, T0 + AUTH_IDLE_SECONDS, &s, &e), e);
	/* ... one second more is not, and the session is gone for good. */
	login(t, "truongban", T0, &a, token2);
	TDB_FAILS(auth_session(t->c, token2, IP, T0 + AUTH_IDLE_SECONDS + 1, &s,
			       &e),
		  e, 401, "session_expired", NULL);
	assert_int_equal(s.user_id, 0);
	assert_int_equal(count_sessions(t), 1);
	TDB_FAILS(auth_session(t->c, token2, IP, T0 + 5, &s, &e), e, 401,
		  "unauthenticated", NULL);
	/* The first session was refreshed at T0 + 30 min. */
	TDB_OK(auth_session(t->c, token, IP, T0 + 2 * AUTH_IDLE_SECONDS, &s,
			    &e),
	       e);
}

static void test_session_expires_after_12_hours_even_when_active(
	void **state)
{
	struct tdb *t = *state;
	struct actor a, s;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE];
	int64_t now;

	login(t, "chuyenvien", T0, &a, token);
	for (now = T0 + 20 * 60; now <= T0 + AUTH_ABSOLUTE_SECONDS;
	     now += 20 * 60)
		TDB_OK(auth_session(t->c, token, IP, now, &s, &e), e);
	TDB_FAILS(auth_session(t->c, token, IP, T0 + AUTH_ABSOLUTE_SECONDS + 1,
			       &s, &e),
		  e, 401, "session_expired", NULL);
	assert_int_equal(count_sessions(t), 0);
}

static void test_session_refreshes_idle_timer_at_most_once_a_minute(
	void **state)
{
	struct tdb *t = *state;
	struct actor a, s;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE];

	login(t, "admin", T0, &a, token);
	TDB_OK(auth_session(t->c, token, IP, T0 + 59, &s, &e), e);
	assert_int_equal(tdb_sql_int(t->path, "SELECT last_seen FROM sessions"),
			 T0);
	TDB_OK(auth_session(t->c, token, IP, T0 + 60, &s, &e), e);
	assert_int_equal(tdb_sql_int(t->path, "SELECT last_seen FROM sessions"),
			 T0 + 60);
	assert_int_equal(tdb_sql_int(t->path, "SELECT created_at FROM sessions"),
			 T0);
}

static void test_logout_invalidates_the_session(void **state)
{
	struct tdb *t = *state;
	struct actor a, s, b;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE], other[AUTH_TOKEN_SIZE];
	int64_t logouts = count_audit(t, "logout");

	login(t, "admin", T0, &a, token);
	login(t, "admin", T0, &b, other);
	TDB_OK(auth_session(t->c, token, IP, T0 + 1, &s, &e), e);
	TDB_OK(auth_logout(t->c, &s, token, &e), e);
	assert_false(store_in_txn(t->c));
	TDB_FAILS(auth_session(t->c, token, IP, T0 + 2, &s, &e), e, 401,
		  "unauthenticated", NULL);
	assert_int_equal(count_audit(t, "logout"), logouts + 1);
	/* Only that session: the same user's other one lives on. */
	TDB_OK(auth_session(t->c, other, IP, T0 + 2, &s, &e), e);
	assert_int_equal(count_sessions(t), 1);
}

static void test_disabled_user_cannot_log_in_or_use_a_session(void **state)
{
	struct tdb *t = *state;
	struct actor a, s, sys;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE], token2[AUTH_TOKEN_SIZE];
	json_t *body, *out = NULL;

	/* Disabled behind the application's back: the session check itself
	 * refuses and deletes the session. */
	login(t, "xa.kyhoa", T0, &a, token);
	tdb_sql_exec(t->path,
		     "UPDATE users SET disabled = 1 WHERE username = 'xa.kyhoa'");
	TDB_FAILS(auth_session(t->c, token, IP, T0 + 1, &s, &e), e, 401,
		  "session_expired", NULL);
	assert_int_equal(count_sessions(t), 0);
	TDB_FAILS(auth_login(t->c, "xa.kyhoa", PASSWORD, IP, T0 + 2, &s, token,
			     &e),
		  e, 401, "bad_credentials", NULL);
	assert_int_equal(count_sessions(t), 0);

	/* Disabled by an admin: the account's sessions end at once. */
	login(t, "thanhuy", T0, &a, token2);
	demo_system_actor(&sys);
	body = json_pack("{s:b}", "disabled", 1);
	TDB_OK(users_update(t->c, &sys, a.user_id, body, &out, &e), e);
	json_decref(body);
	json_decref(out);
	TDB_FAILS(auth_session(t->c, token2, IP, T0 + 1, &s, &e), e, 401, NULL,
		  NULL);
	TDB_FAILS(auth_login(t->c, "thanhuy", PASSWORD, IP, T0 + 2, &s, token2,
			     &e),
		  e, 401, "bad_credentials", NULL);
	assert_int_equal(count_sessions(t), 0);
}

static void test_database_keeps_only_the_sha256_of_the_token(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	char token[AUTH_TOKEN_SIZE], stored[128], want[AUTH_TOKEN_SIZE];
	char sql[256];
	unsigned char h[crypto_hash_sha256_BYTES];

	login(t, "admin", T0, &a, token);
	tdb_sql_text(t->path, "SELECT token_hash FROM sessions", stored,
		     sizeof(stored));
	assert_string_not_equal(stored, token);
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(want, sizeof(want), h, sizeof(h));
	assert_string_equal(stored, want);
	/* The token is nowhere in the table, in any column. */
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*) FROM sessions WHERE instr(token_hash || csrf_token"
		 " || ip || user_id, '%s') > 0",
		 token);
	assert_int_equal(tdb_sql_int(t->path, sql), 0);
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*) FROM audit WHERE instr(ifnull(before_json, '')"
		 " || ifnull(after_json, ''), '%s') > 0",
		 token);
	assert_int_equal(tdb_sql_int(t->path, sql), 0);
}

static void test_csrf_check_accepts_only_the_session_token(void **state)
{
	struct actor a;
	char h[AUTH_TOKEN_SIZE + 1];

	(void)state;
	memset(&a, 0, sizeof(a));
	/* No session token: nothing matches, not even "". */
	assert_false(auth_csrf_ok(&a, ""));
	assert_false(auth_csrf_ok(&a, NULL));

	strcpy(a.csrf, "0123456789abcdef0123456789abcdef"
		       "0123456789abcdef0123456789abcdef");
	assert_true(auth_csrf_ok(&a, a.csrf));
	memcpy(h, a.csrf, sizeof(a.csrf));
	assert_true(auth_csrf_ok(&a, h));
	h[63] = 'e';
	assert_false(auth_csrf_ok(&a, h));
	h[63] = 'f';
	h[0] = '1';
	assert_false(auth_csrf_ok(&a, h));
	assert_false(auth_csrf_ok(&a, ""));
	assert_false(auth_csrf_ok(&a, NULL));
	/* A prefix or an extension of the right token. */
	memcpy(h, a.csrf, sizeof(a.csrf));
	h[32] = '\0';
	assert_false(auth_csrf_ok(&a, h));
	memcpy(h, a.csrf, 64);
	h[64] = '0';
	h[65] = '\0';
	assert_false(auth_csrf_ok(&a, h));
}

/* --- rate limiting ------------------------------------------------------ */

static void test_five_failures_lock_the_account_even_for_the_right_password(
	void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE];
	int i;

	for (i = 0; i < 5; i++)
		TDB_FAILS(auth_login(t->c, "admin", "Wrong@2026", IP, T0 + i, &a,
				     token, &e),
			  e, 401, "bad_credentials", NULL);
	TDB_FAILS(auth_login(t->c, "admin", PASSWORD, IP, T0 + 10, &a, token,
			     &e),
		  e, 429, "account_locked", NULL);
	assert_non_null(strstr(e.message, "15 phút"));
	/* From another address too: the lock is per account. */
	TDB_FAILS(auth_login(t->c, "admin", PASSWORD, "203.0.113.5", T0 + 11,
			     &a, token, &e),
		  e, 429, "account_locked", NULL);
	assert_int_equal(count_sessions(t), 0);
	assert_int_equal(count_audit(t, "lockout"), 1);
	assert_int_equal(count_audit(t, "login_locked"), 2);
	/* Another account from the same address still gets in. */
	login(t, "truongban", T0 + 12, &a, token);
	/* 15 minutes after the fifth failure the account opens again. */
	TDB_FAILS(auth_login(t->c, "admin", PASSWORD, IP, T0 + 4 + 15 * 60 - 1,
			     &a, token, &e),
		  e, 429, "account_locked", NULL);
	login(t, "admin", T0 + 4 + 15 * 60, &a, token);
	assert_int_equal(count_sessions(t), 2);
}

static void test_lockout_is_kept_in_the_database_across_restarts(
	void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE], path[sizeof(t->path)];
	int i;

	for (i = 0; i < 5; i++)
		TDB_FAILS(auth_login(t->c, "xem", "Wrong@2026", IP, T0, &a,
				     token, &e),
			  e, 401, NULL, NULL);
	assert_int_equal(tdb_sql_int(t->path,
				     "SELECT locked_until FROM login_lockouts"
				     " WHERE username = 'xem'"),
			 T0 + 15 * 60);
	/* A restarted server forgets its memory, not the lockout. */
	auth_ratelimit_reset();
	snprintf(path, sizeof(path), "%s", t->path);
	tdb_close(t);
	tdb_open(t, path);
	TDB_FAILS(auth_login(t->c, "xem", PASSWORD, IP, T0 + 60, &a, token,
			     &e),
		  e, 429, "account_locked", NULL);
	assert_int_equal(auth_locked_until(t->c, "xem", T0 + 60),
			 T0 + 15 * 60);
}

static void test_each_lockout_in_a_row_lasts_twice_as_long(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE];
	int64_t now = T0, want = 15 * 60;
	int round, i;

	assert_int_equal(auth_lockout_seconds(0), 15 * 60);
	assert_int_equal(auth_lockout_seconds(1), 30 * 60);
	assert_int_equal(auth_lockout_seconds(2), 60 * 60);
	assert_int_equal(auth_lockout_seconds(20), 24 * 60 * 60);
	for (round = 0; round < 3; round++, want *= 2) {
		for (i = 0; i < 5; i++)
			TDB_FAILS(auth_login(t->c, "chuyenvien", "Wrong@2026",
					     IP, now, &a, token, &e),
				  e, 401, NULL, NULL);
		assert_int_equal(auth_locked_until(t->c, "chuyenvien", now),
				 now + want);
		now += want;
		auth_ratelimit_reset(); /* the per-address count, not this */
	}
	assert_int_equal(count_audit(t, "lockout"), 3);
	/* A success ends the series: the next lockout is 15 minutes again. */
	login(t, "chuyenvien", now, &a, token);
	assert_int_equal(tdb_sql_int(t->path, "SELECT COUNT(*) FROM"
					      " login_lockouts WHERE username"
					      " = 'chuyenvien'"),
			 0);
	for (i = 0; i < 5; i++)
		TDB_FAILS(auth_login(t->c, "chuyenvien", "Wrong@2026", IP, now,
				     &a, token, &e),
			  e, 401, NULL, NULL);
	assert_int_equal(auth_locked_until(t->c, "chuyenvien", now),
			 now + 15 * 60);
}

static void test_unknown_names_lock_exactly_like_accounts(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err known = ERR_INIT, unknown = ERR_INIT;
	char token[AUTH_TOKEN_SIZE];
	int i;

	for (i = 0; i < 6; i++) {
		err_clear(&known);
		err_clear(&unknown);
		auth_login(t->c, "truongban", "Wrong@2026", IP, T0, &a, token,
			   &known);
		auth_login(t->c, "khong.co.ai", "Wrong@2026", "203.0.113.7", T0,
			   &a, token, &unknown);
		assert_int_equal(known.status, unknown.status);
		assert_string_equal(known.code, unknown.code);
		assert_string_equal(known.message, unknown.message);
	}
	assert_int_equal(known.status, 429);
}

static void test_admin_unlock_ends_the_lockout(void **state)
{
	struct tdb *t = *state;
	struct actor a, admin;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE];
	json_t *u = NULL;
	int64_t id;
	int i;

	for (i = 0; i < 5; i++)
		TDB_FAILS(auth_login(t->c, "xem", "Wrong@2026", IP, T0, &a,
				     token, &e),
			  e, 401, NULL, NULL);
	id = tdb_sql_int(t->path, "SELECT id FROM users WHERE username = 'xem'");
	login(t, "admin", T0, &admin, token);
	TDB_OK(users_get(t->c, &admin, id, &u, &e), e);
	assert_true(json_is_string(json_object_get(u, "locked_until")));
	json_decref(u);
	TDB_OK(users_unlock(t->c, &admin, id, &u, &e), e);
	assert_true(json_is_null(json_object_get(u, "locked_until")));
	json_decref(u);
	assert_int_equal(count_audit(t, "unlock"), 1);
	login(t, "xem", T0 + 1, &a, token);
}

static void test_password_change_needs_the_current_one_and_ends_other_sessions(
	void **state)
{
	struct tdb *t = *state;
	struct actor a, b;
	struct err e = ERR_INIT;
	char ta[AUTH_TOKEN_SIZE], tb[AUTH_TOKEN_SIZE];
	json_t *body, *out = NULL;

	login(t, "xem", T0, &a, ta);
	login(t, "xem", T0, &b, tb);
	assert_true(a.session_id > 0 && b.session_id != a.session_id);
	body = json_pack("{s:s, s:s}", "current_password", "Wrong@2026",
			 "new_password", "Một mật khẩu mới dài");
	TDB_FAILS(users_change_password(t->c, &a, body, &out, &e), e, 400,
		  "invalid", "current_password");
	json_decref(body);
	body = json_pack("{s:s, s:s}", "current_password", PASSWORD,
			 "new_password", "xem");
	TDB_FAILS(users_change_password(t->c, &a, body, &out, &e), e, 400,
		  "invalid", "new_password");
	json_decref(body);
	assert_int_equal(count_sessions(t), 2);
	body = json_pack("{s:s, s:s}", "current_password", PASSWORD,
			 "new_password", "Một mật khẩu mới dài");
	TDB_OK(users_change_password(t->c, &a, body, &out, &e), e);
	json_decref(body);
	assert_int_equal(json_integer_value(json_object_get(out,
							    "sessions_ended")),
			 1);
	json_decref(out);
	TDB_OK(auth_session(t->c, ta, IP, T0 + 1, &a, &e), e);
	TDB_FAILS(auth_session(t->c, tb, IP, T0 + 1, &b, &e), e, 401, NULL,
		  NULL);
	TDB_FAILS(auth_login(t->c, "xem", PASSWORD, IP, T0 + 2, &b, tb, &e), e,
		  401, NULL, NULL);
	TDB_OK(auth_login(t->c, "xem", "Một mật khẩu mới dài", IP, T0 + 2, &b,
			  tb, &e),
	       e);
	assert_int_equal(count_audit(t, "password_change"), 1);
}

static void test_successful_login_clears_the_account_failures(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE];
	int i;

	for (i = 0; i < 4; i++)
		TDB_FAILS(auth_login(t->c, "xem", "Wrong@2026", IP, T0, &a,
				     token, &e),
			  e, 401, NULL, NULL);
	login(t, "xem", T0, &a, token);
	for (i = 0; i < 4; i++)
		TDB_FAILS(auth_login(t->c, "xem", "Wrong@2026", IP, T0, &a,
				     token, &e),
			  e, 401, NULL, NULL);
	login(t, "xem", T0, &a, token);
}

static void test_failures_from_one_address_lock_every_account(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE];

	auth_ratelimit_configure(100, 3, 600);
	TDB_FAILS(auth_login(t->c, "admin", "x", IP, T0, &a, token, &e), e, 401,
		  NULL, NULL);
	TDB_FAILS(auth_login(t->c, "xem", "x", IP, T0, &a, token, &e), e, 401,
		  NULL, NULL);
	TDB_FAILS(auth_login(t->c, "nobody", "x", IP, T0, &a, token, &e), e,
		  401, NULL, NULL);
	TDB_FAILS(auth_login(t->c, "chuyenvien", PASSWORD, IP, T0 + 1, &a, token,
			     &e),
		  e, 429, "rate_limited", NULL);
	assert_non_null(strstr(e.message, "địa chỉ"));
	/* Another address is not affected. */
	TDB_OK(auth_login(t->c, "chuyenvien", PASSWORD, "203.0.113.9", T0 + 1,
			  &a, token, &e),
	       e);
	/* The reset used between tests clears everything. */
	auth_ratelimit_reset();
	TDB_OK(auth_login(t->c, "admin", PASSWORD, IP, T0 + 2, &a, token, &e),
	       e);
}

/* --- roles and audit ---------------------------------------------------- */

static void test_role_parse_and_name_round_trip(void **state)
{
	static const char *names[] = { "admin", "leader", "specialist",
				       "contributor", "viewer" };
	enum role r, seen = 0;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_int_equal(role_parse(names[i], &r), 0);
		assert_string_equal(role_name(r), names[i]);
		assert_int_equal(seen & r, 0);
		seen |= r;
	}
	assert_int_equal(seen, ROLES_ANY);
	r = ROLE_VIEWER;
	assert_int_equal(role_parse("Admin", &r), -1);
	assert_int_equal(role_parse("", &r), -1);
	assert_int_equal(role_parse(NULL, &r), -1);
	assert_int_equal(role_parse("root", &r), -1);
	assert_int_equal(r, ROLE_VIEWER);
	assert_string_equal(role_name(0), "?");
	assert_string_equal(role_name(ROLE_ADMIN | ROLE_VIEWER), "?");
}

static void test_bad_password_writes_a_login_failed_audit_row(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	struct err e = ERR_INIT;
	char token[AUTH_TOKEN_SIZE], text[512], want[128];
	int64_t n = count_audit(t, "login_failed");

	TDB_FAILS(auth_login(t->c, "admin", "Wrong@2026", IP, T0, &a, token,
			     &e),
		  e, 401, NULL, NULL);
	assert_int_equal(count_audit(t, "login_failed"), n + 1);
	tdb_sql_text(t->path,
		     "SELECT ifnull(user_id, '-') || ' ' || username || ' ' || ip"
		     " || ' ' || entity || ' ' || ifnull(unit_id, '-') FROM"
		     " audit WHERE action = 'login_failed' ORDER BY id DESC"
		     " LIMIT 1",
		     text, sizeof(text));
	snprintf(want, sizeof(want), "- admin " IP " session %" PRId64,
		 tdb_unit_id(t->c, "SH"));
	assert_string_equal(text, want);
	/* Unknown names are recorded too, with no unit. */
	TDB_FAILS(auth_login(t->c, "ke.la", "Wrong@2026", IP, T0, &a, token,
			     &e),
		  e, 401, NULL, NULL);
	assert_int_equal(count_audit(t, "login_failed"), n + 2);
	tdb_sql_text(t->path,
		     "SELECT username || ' ' || ifnull(unit_id, '-') FROM audit"
		     " WHERE action = 'login_failed' ORDER BY id DESC LIMIT 1",
		     text, sizeof(text));
	assert_string_equal(text, "ke.la -");
	/* The password tried is not recorded anywhere. */
	assert_int_equal(tdb_sql_int(t->path,
				     "SELECT COUNT(*) FROM audit WHERE"
				     " instr(ifnull(before_json, '') ||"
				     " ifnull(after_json, ''), 'Wrong@2026')"
				     " > 0"),
			 0);
}

static void test_actor_json_has_no_secrets(void **state)
{
	struct tdb *t = *state;
	struct actor a;
	char token[AUTH_TOKEN_SIZE], *text;
	json_t *j;

	login(t, "xa.kyhoa", T0, &a, token);
	j = auth_actor_json(&a);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "role")),
			    "specialist");
	assert_string_equal(json_string_value(json_object_get(j, "unit_code")),
			    "SH-KH");
	assert_true(json_is_false(json_object_get(j, "at_root")));
	text = json_dumps(j, 0);
	assert_null(strstr(text, a.csrf));
	assert_null(strstr(text, token));
	free(text);
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		cmocka_unit_test(test_password_hash_is_argon2id_and_verifies),
		cmocka_unit_test(test_password_policy_cases),
		T(test_login_returns_token_and_csrf_and_session_resolves),
		T(test_wrong_password_or_unknown_user_is_401),
		T(test_unknown_or_malformed_token_is_unauthenticated),
		T(test_session_expires_after_30_minutes_idle),
		T(test_session_expires_after_12_hours_even_when_active),
		T(test_session_refreshes_idle_timer_at_most_once_a_minute),
		T(test_logout_invalidates_the_session),
		T(test_disabled_user_cannot_log_in_or_use_a_session),
		T(test_database_keeps_only_the_sha256_of_the_token),
		cmocka_unit_test(test_csrf_check_accepts_only_the_session_token),
		T(test_five_failures_lock_the_account_even_for_the_right_password),
		T(test_lockout_is_kept_in_the_database_across_restarts),
		T(test_each_lockout_in_a_row_lasts_twice_as_long),
		T(test_unknown_names_lock_exactly_like_accounts),
		T(test_admin_unlock_ends_the_lockout),
		T(test_password_change_needs_the_current_one_and_ends_other_sessions),
		T(test_successful_login_clears_the_account_failures),
		T(test_failures_from_one_address_lock_every_account),
		cmocka_unit_test(test_role_parse_and_name_round_trip),
		T(test_bad_password_writes_a_login_failed_audit_row),
		T(test_actor_json_has_no_secrets),
#undef T
	};

	return cmocka_run_group_tests_name("auth", tests, group_setup,
					   group_teardown);
}
