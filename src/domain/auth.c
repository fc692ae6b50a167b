/*
 * Roles, password hashing, sessions, CSRF and login rate limiting; see
 * auth.h for the rules.
 */
#include "domain/auth.h"
#include "domain/audit.h"
#include "base/clock.h"
#include "base/mem.h"
#include "base/text.h"
#include "store/store.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define ARGON_OPS 2
#define ARGON_MEM ((size_t)19 << 20)

static const struct {
	enum role role;
	const char *name;
} roles[] = {
	{ ROLE_ADMIN, "admin" },
	{ ROLE_LEADER, "leader" },
	{ ROLE_SPECIALIST, "specialist" },
	{ ROLE_CONTRIBUTOR, "contributor" },
	{ ROLE_VIEWER, "viewer" },
};

const char *role_name(enum role r)
{
	size_t i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (roles[i].role == r)
			return roles[i].name;
	return "?";
}

int role_parse(const char *s, enum role *out)
{
	size_t i;

	for (i = 0; s && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (!strcmp(roles[i].name, s)) {
			*out = roles[i].role;
			return 0;
		}
	return -1;
}

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;

static void sodium_setup(void)
{
	if (sodium_init() < 0)
		abort();
}

void auth_init(void)
{
	pthread_once(&sodium_once, sodium_setup);
}

char *auth_hash_password(const char *password)
{
	char *h = xmalloc(crypto_pwhash_STRBYTES);

	auth_init();

	if (crypto_pwhash_str_alg(h, password, strlen(password), ARGON_OPS,
				  ARGON_MEM, crypto_pwhash_ALG_ARGON2ID13)) {
		free(h);
		return NULL;
	}
	return h;
}

bool auth_verify_password(const char *hash, const char *password)
{
	auth_init();
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/*
 * Passwords that breach corpora show first, at 12 characters or more, and
 * their Vietnamese counterparts. Compared without regard to ASCII case.
 * A short list on purpose (ASVS V2.1.7 asks for a check against breached
 * passwords; the rest of the policy avoids composition rules).
 */
static const char *const common_passwords[] = {
	"123456789012", "1234567890123", "12345678901234", "123123123123",
	"111111111111", "000000000000", "123456123456", "987654321098",
	"1q2w3e4r5t6y", "1qaz2wsx3edc", "zaq12wsxcde3", "qwertyuiop12",
	"qwertyuiop123", "qwerty123456", "qwertyuiopasdf", "asdfghjkl123",
	"abcdefghijkl", "abc123abc123", "abcd12345678", "password1234",
	"password12345", "password123456", "passw0rd1234", "passwordpassword",
	"iloveyou1234", "letmein12345", "welcome12345", "football1234",
	"baseball1234", "admin1234567", "administrator", "changeme1234",
	"matkhau12345", "matkhau123456", "matkhaumoi123", "anhyeuem1234",
	"anhyeuem123456", "emyeuanh1234", "vietnam12345", "vietnam123456",
	"hanoi1234567", "tuyengiao123", "tuyengiao2026", "tuyengiao@2026",
	"demo@2026demo",
};

static bool ascii_iequal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;

		if (x >= 'A' && x <= 'Z')
			x |= 0x20;
		if (y >= 'A' && y <= 'Z')
			y |= 0x20;
		if (x != y)
			return false;
	}
	return !*a && !*b;
}

bool auth_password_common(const char *password)
{
	size_t i, k;
	const char *p;

	for (i = 0; i < sizeof(common_passwords) / sizeof(common_passwords[0]);
	     i++)
		if (ascii_iequal(password, common_passwords[i]))
			return true;
	/* One character over and over ("aaaaaaaaaaaa", "ậậậậậậậậậậậậ"). */
	if (!*password)
		return false;
	for (k = 1; (password[k] & 0xC0) == 0x80; k++)
		;
	for (p = password + k; !strncmp(p, password, k); p += k)
		;
	return !*p;
}

int auth_password_policy(const char *password, const char *username,
			 const char *field, struct err *e)
{
	size_t bytes = strlen(password), n = 0, i;

	if (!utf8_valid(password, bytes))
		return err_invalid(e, field, "Mật khẩu chứa ký tự không hợp lệ.");
	/* Characters, not bytes, with each run of spaces counted once
	 * (ASVS V2.1.1). */
	for (i = 0; i < bytes; i++) {
		unsigned char ch = (unsigned char)password[i];

		if ((ch & 0xC0) == 0x80)
			continue;
		if (ch == ' ' && i > 0 && password[i - 1] == ' ')
			continue;
		n++;
	}
	if (n < AUTH_PASSWORD_MIN)
		return err_invalid(e, field,
				   "Mật khẩu phải có ít nhất %d ký tự.",
				   AUTH_PASSWORD_MIN);
	if (utf8_length(password, bytes) > AUTH_PASSWORD_MAX)
		return err_invalid(e, field, "Mật khẩu dài quá %d ký tự.",
				   AUTH_PASSWORD_MAX);
	if (username && *username && ascii_iequal(password, username))
		return err_invalid(e, field,
				   "Mật khẩu không được trùng tên đăng nhập.");
	if (auth_password_common(password))
		return err_invalid(e, field,
				   "Mật khẩu này quá phổ biến, dễ bị đoán. Vui"
				   " lòng chọn mật khẩu khác.");
	return 0;
}

static void copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* --- rate limiting ------------------------------------------------------ */

#define RL_SLOTS 4096

struct rl_slot {
	char key[96];
	int64_t window_start;
	int failures;
};

static struct {
	pthread_mutex_t mu;
	int per_account, per_address, window;
	struct rl_slot slots[RL_SLOTS];
} rl = { PTHREAD_MUTEX_INITIALIZER, 5, 50, 15 * 60, { { "", 0, 0 } } };

void auth_ratelimit_configure(int per_account, int per_address,
			      int window_seconds)
{
	pthread_mutex_lock(&rl.mu);
	rl.per_account = per_account;
	rl.per_address = per_address;
	rl.window = window_seconds;
	pthread_mutex_unlock(&rl.mu);
}

void auth_ratelimit_reset(void)
{
	pthread_mutex_lock(&rl.mu);
	memset(rl.slots, 0, sizeof(rl.slots));
	pthread_mutex_unlock(&rl.mu);
}

/* The slot of `key`; a slot whose window has passed may be taken over, so
 * the table never fills for good. Called with the mutex held. */
static struct rl_slot *rl_slot(const char *kind, const char *name,
			       int64_t now)
{
	char key[96];
	uint32_t h = 2166136261u;
	size_t i, n;
	struct rl_slot *s, *oldest = NULL;

	n = (size_t)snprintf(key, sizeof(key), "%s:%s", kind, name);
	if (n >= sizeof(key))
		n = sizeof(key) - 1;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)key[i]) * 16777619u;
	for (i = 0; i < 8; i++) {
		s = &rl.slots[(h + i) % RL_SLOTS];
		if (!strcmp(s->key, key))
			return s;
		if (!oldest || s->window_start < oldest->window_start)
			oldest = s;
	}
	memcpy(oldest->key, key, n + 1);
	oldest->window_start = now;
	oldest->failures = 0;
	return oldest;
}

static bool rl_blocked(struct rl_slot *s, int limit, int64_t now)
{
	if (now - s->window_start >= rl.window) {
		s->window_start = now;
		s->failures = 0;
	}
	return s->failures >= limit;
}

static bool address_blocked(const char *ip, int64_t now)
{
	bool b;

	pthread_mutex_lock(&rl.mu);
	b = rl_blocked(rl_slot("a", ip, now), rl.per_address, now);
	pthread_mutex_unlock(&rl.mu);
	return b;
}

static void address_fail(const char *ip, int64_t now)
{
	pthread_mutex_lock(&rl.mu);
	rl_slot("a", ip, now)->failures++;
	pthread_mutex_unlock(&rl.mu);
}

/* --- account lockout (in the database) ------------------------------------ */

struct lockout {
	int64_t failures, lockouts, locked_until, last_failure;
};

/* After this long without a failure an account starts afresh. */
#define LOCKOUT_FORGET_SECONDS (24 * 60 * 60)
#define LOCKOUT_MAX_SECONDS (24 * 60 * 60)

int64_t auth_lockout_seconds(int64_t lockouts)
{
	int64_t t, i;

	pthread_mutex_lock(&rl.mu);
	t = rl.window;
	pthread_mutex_unlock(&rl.mu);

	for (i = 0; i < lockouts && t < LOCKOUT_MAX_SECONDS; i++)
		t *= 2;
	return t < LOCKOUT_MAX_SECONDS ? t : LOCKOUT_MAX_SECONDS;
}

static int lockout_load(struct store_conn *c, const char *username,
			int64_t now, struct lockout *lk, struct err *e)
{
	struct store_rows *r;
	int st;

	memset(lk, 0, sizeof(*lk));
	if (store_query(c, Q_LOCKOUT_GET, (struct sval[]){ SV_T(username) }, 1,
			&r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1) {
		lk->failures = store_col_int(r, 0);
		lk->lockouts = store_col_int(r, 1);
		lk->locked_until = store_col_int(r, 2);
		lk->last_failure = store_col_int(r, 3);
	}
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, "lockout");
	if (st == 1 && lk->locked_until <= now &&
	    now - lk->last_failure > LOCKOUT_FORGET_SECONDS)
		memset(lk, 0, sizeof(*lk));
	return 0;
}

static int locked_error(int64_t until, int64_t now, struct err *e)
{
	return err_set(e, ERR_RATE_LIMITED, "account_locked", NULL,
		       "Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần."
		       " Vui lòng thử lại sau %lld phút hoặc liên hệ quản trị"
		       " viên để mở khóa.",
		       (long long)((until - now + 59) / 60));
}

/*
 * Count one failure of `username`; the N-th in a row locks the name for a
 * period that doubles with each lockout (auth_lockout_seconds) and writes a
 * "lockout" audit row. Errors are not reported: a failed write must not
 * turn a refusal into something else.
 */
static void lockout_fail(struct store_conn *c, const char *username,
			 const char *ip, int64_t user_id, int64_t unit_id,
			 int64_t now)
{
	struct lockout lk;
	int per_account;

	if (lockout_load(c, username, now, &lk, NULL) < 0)
		return;
	pthread_mutex_lock(&rl.mu);
	per_account = rl.per_account;
	pthread_mutex_unlock(&rl.mu);
	lk.failures++;
	lk.last_failure = now;
	if (lk.failures >= per_account) {
		struct actor anon = { 0 };
		char until[CLOCK_ISO_SIZE];
		json_t *detail;
		int64_t secs = auth_lockout_seconds(lk.lockouts);

		lk.locked_until = now + secs;
		lk.lockouts++;
		clock_iso(lk.locked_until, until);
		copy(anon.username, sizeof(anon.username), username);
		copy(anon.ip, sizeof(anon.ip), ip);
		detail = json_pack("{s:I, s:s, s:I, s:I}", "failures",
				   (json_int_t)lk.failures, "locked_until",
				   until, "minutes", (json_int_t)(secs / 60),
				   "lockouts", (json_int_t)lk.lockouts);
		audit_record(c, &anon, "lockout", "user", user_id, unit_id,
			     NULL, detail, NULL);
		json_decref(detail);
		lk.failures = 0;
	}
	store_exec(c, Q_LOCKOUT_SET,
		   (struct sval[]){ SV_T(username), SV_I(lk.failures),
				    SV_I(lk.lockouts), SV_I(lk.locked_until),
				    SV_I(lk.last_failure) },
		   5, NULL);
}

int auth_unlock(struct store_conn *c, const char *username, struct err *e)
{
	return store_exec(c, Q_LOCKOUT_CLEAR, (struct sval[]){ SV_T(username) },
			  1, e);
}

int64_t auth_locked_until(struct store_conn *c, const char *username,
			  int64_t now)
{
	struct lockout lk;

	if (lockout_load(c, username, now, &lk, NULL) < 0)
		return 0;
	return lk.locked_until > now ? lk.locked_until : 0;
}

/* --- sessions ----------------------------------------------------------- */

static void random_hex(char out[AUTH_TOKEN_SIZE])
{
	unsigned char raw[32];

	auth_init();
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, AUTH_TOKEN_SIZE, raw, sizeof(raw));
}

static void token_hash(const char *token, char out[AUTH_TOKEN_SIZE])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, AUTH_TOKEN_SIZE, h, sizeof(h));
}

/* Column positions shared with USER_COLS in queries.c. */
enum { U_ID, U_USERNAME, U_FULL_NAME, U_ROLE, U_UNIT_ID, U_UNIT_CODE,
       U_UNIT_NAME, U_DISABLED, U_CREATED_AT, U_UNIT_PATH, U__END };

static void actor_from_row(struct actor *a, struct store_rows *r, int off)
{
	enum role role = ROLE_VIEWER;
	const char *path;

	a->user_id = store_col_int(r, off + U_ID);
	copy(a->username, sizeof(a->username),
	     store_col_text(r, off + U_USERNAME));
	copy(a->full_name, sizeof(a->full_name),
	     store_col_text(r, off + U_FULL_NAME));
	role_parse(store_col_text(r, off + U_ROLE), &role);
	a->role = role;
	a->unit_id = store_col_int(r, off + U_UNIT_ID);
	copy(a->unit_code, sizeof(a->unit_code),
	     store_col_text(r, off + U_UNIT_CODE));
	copy(a->unit_name, sizeof(a->unit_name),
	     store_col_text(r, off + U_UNIT_NAME));
	path = store_col_text(r, off + U_UNIT_PATH);
	copy(a->unit_path, sizeof(a->unit_path), path);
	/* A root's path holds one id: "/N/". */
	a->at_root = strchr(path + 1, '/') == path + strlen(path) - 1;
}

static char *dummy;
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_init(void)
{
	char pw[AUTH_TOKEN_SIZE];

	random_hex(pw);
	dummy = auth_hash_password(pw);
}

/* Keep what the browser says it is, cut to a readable length, or nothing
 * when it is not text. */
static void clean_agent(const char *ua, char out[AUTH_AGENT_SIZE])
{
	size_t n;

	out[0] = '\0';
	if (!ua || !utf8_valid(ua, strlen(ua)))
		return;
	n = utf8_truncate(ua, AUTH_AGENT_SIZE - 1);
	memcpy(out, ua, n);
	out[n] = '\0';
}

int auth_login(struct store_conn *c, const char *username,
	       const char *password, const char *ip, int64_t now,
	       struct actor *a, char token[AUTH_TOKEN_SIZE], struct err *e)
{
	return auth_login_from(c, username, password, ip, NULL, now, a, token,
			       e);
}

int auth_login_from(struct store_conn *c, const char *username,
		    const char *password, const char *ip,
		    const char *user_agent, int64_t now, struct actor *a,
		    char token[AUTH_TOKEN_SIZE], struct err *e)
{
	struct store_rows *r = NULL;
	struct lockout lk;
	char *hash = NULL, th[AUTH_TOKEN_SIZE], ua[AUTH_AGENT_SIZE];
	bool found = false, ok = false, disabled = false;
	int64_t sid = 0;
	int st;

	memset(a, 0, sizeof(*a));
	copy(a->ip, sizeof(a->ip), ip);
	copy(a->username, sizeof(a->username), username);
	if (address_blocked(ip, now))
		return err_set(e, ERR_RATE_LIMITED, "rate_limited", NULL,
			       "Có quá nhiều lần đăng nhập sai từ địa chỉ này."
			       " Vui lòng thử lại sau %d phút.",
			       (rl.window + 59) / 60);
	/* A locked name is refused before any password check, the same way
	 * whether or not the account exists. */
	if (lockout_load(c, username, now, &lk, e) < 0)
		return -1;
	if (lk.locked_until > now) {
		struct actor anon = { 0 };

		copy(anon.username, sizeof(anon.username), username);
		copy(anon.ip, sizeof(anon.ip), ip);
		audit_record(c, &anon, "login_locked", "session", 0, 0, NULL,
			     NULL, NULL);
		memset(a, 0, sizeof(*a));
		return locked_error(lk.locked_until, now, e);
	}
	if (store_query(c, Q_USER_AUTH_BY_USERNAME, (struct sval[]){ SV_T(username) },
			1, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1) {
		found = true;
		actor_from_row(a, r, 0);
		disabled = store_col_int(r, U_DISABLED) != 0;
		hash = xstrdup(store_col_text(r, U__END));
	}
	store_rows_free(r);
	if (st < 0) {
		free(hash);
		return err_internal(e, "login");
	}
	if (found) {
		ok = auth_verify_password(hash, password) && !disabled;
	} else {
		/* Spend the same time as a real check. */
		pthread_once(&dummy_once, dummy_init);
		if (dummy)
			auth_verify_password(dummy, password);
	}
	free(hash);
	if (!ok) {
		struct actor anon = { 0 };

		address_fail(ip, now);
		copy(anon.username, sizeof(anon.username), username);
		copy(anon.ip, sizeof(anon.ip), ip);
		audit_record(c, &anon, "login_failed", "session", 0,
			     found ? a->unit_id : 0, NULL, NULL, NULL);
		lockout_fail(c, username, ip, found ? a->user_id : 0,
			     found ? a->unit_id : 0, now);
		memset(a, 0, sizeof(*a));
		return err_set(e, ERR_UNAUTHENTICATED, "bad_credentials", NULL,
			       "Tên đăng nhập hoặc mật khẩu không đúng.");
	}
	random_hex(token);
	random_hex(a->csrf);
	token_hash(token, th);
	clean_agent(user_agent, ua);
	if (store_begin(c, e) < 0)
		return -1;
	if (store_int(c, Q_SESSION_INSERT,
		      (struct sval[]){ SV_T(th), SV_I(a->user_id),
				       SV_T(a->csrf), SV_I(now), SV_T(ip),
				       SV_T(ua) },
		      6, &sid, e) < 0 ||
	    store_exec(c, Q_SESSION_PURGE,
		       (struct sval[]){ SV_I(now - AUTH_IDLE_SECONDS),
					SV_I(now - AUTH_ABSOLUTE_SECONDS) },
		       2, e) < 0 ||
	    (lk.failures || lk.lockouts ?
		     store_exec(c, Q_LOCKOUT_CLEAR,
				(struct sval[]){ SV_T(username) }, 1, e) :
		     0) < 0 ||
	    store_exec(c, Q_LOCKOUT_PURGE,
		       (struct sval[]){ SV_I(now - LOCKOUT_FORGET_SECONDS),
					SV_I(now) },
		       2, e) < 0 ||
	    audit_record(c, a, "login", "session", sid, a->unit_id, NULL, NULL,
			 e) < 0) {
		store_rollback(c);
		return -1;
	}
	a->session_id = sid;
	return store_commit(c, e);
}

/*
 * Re-authentication of the signed-in user (before a password change): the
 * same lockout as a sign-in, so it cannot be used to guess a password
 * either.
 */
int auth_reauthenticate(struct store_conn *c, const struct actor *a,
			const char *password, const char *field, int64_t now,
			struct err *e)
{
	struct store_rows *r;
	struct lockout lk;
	char *hash = NULL;
	bool ok;
	int st;

	if (lockout_load(c, a->username, now, &lk, e) < 0)
		return -1;
	if (lk.locked_until > now)
		return locked_error(lk.locked_until, now, e);
	if (store_query(c, Q_USER_PASSWORD_HASH,
			(struct sval[]){ SV_I(a->user_id) }, 1, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1)
		hash = xstrdup(store_col_text(r, 0));
	store_rows_free(r);
	if (st != 1)
		return err_internal(e, "reauthenticate");
	ok = auth_verify_password(hash, password);
	free(hash);
	if (!ok) {
		address_fail(a->ip, now);
		audit_record(c, a, "reauth_failed", "user", a->user_id,
			     a->unit_id, NULL, NULL, NULL);
		lockout_fail(c, a->username, a->ip, a->user_id, a->unit_id, now);
		return err_invalid(e, field, "Mật khẩu hiện tại không đúng.");
	}
	if (lk.failures || lk.lockouts)
		auth_unlock(c, a->username, NULL);
	return 0;
}

int auth_session(struct store_conn *c, const char *token, const char *ip,
		 int64_t now, struct actor *a, struct err *e)
{
	struct store_rows *r;
	char th[AUTH_TOKEN_SIZE];
	int64_t created, seen;
	bool disabled;
	int st;

	memset(a, 0, sizeof(*a));
	if (!token || strlen(token) != AUTH_TOKEN_SIZE - 1)
		goto unauth;
	token_hash(token, th);
	if (store_query(c, Q_SESSION_LOOKUP, (struct sval[]){ SV_T(th) }, 1, &r,
			e) < 0)
		return -1;
	st = store_next(r);
	if (st != 1) {
		store_rows_free(r);
		if (st < 0)
			return err_internal(e, "session");
		goto unauth;
	}
	a->session_id = store_col_int(r, 0);
	copy(a->csrf, sizeof(a->csrf), store_col_text(r, 1));
	created = store_col_int(r, 2);
	seen = store_col_int(r, 3);
	actor_from_row(a, r, 4);
	disabled = store_col_int(r, 4 + U_DISABLED) != 0;
	store_rows_free(r);
	copy(a->ip, sizeof(a->ip), ip);
	if (disabled || now - seen > AUTH_IDLE_SECONDS ||
	    now - created > AUTH_ABSOLUTE_SECONDS) {
		store_exec(c, Q_SESSION_DELETE, (struct sval[]){ SV_T(th) }, 1,
			   NULL);
		memset(a, 0, sizeof(*a));
		return err_set(e, ERR_UNAUTHENTICATED, "session_expired", NULL,
			       "Phiên làm việc đã hết hạn. Vui lòng đăng nhập"
			       " lại.");
	}
	if (now - seen >= 60)
		store_exec(c, Q_SESSION_TOUCH,
			   (struct sval[]){ SV_I(a->session_id), SV_I(now) }, 2,
			   NULL);
	return 0;
unauth:
	return err_set(e, ERR_UNAUTHENTICATED, "unauthenticated", NULL,
		       "Bạn chưa đăng nhập.");
}

int auth_logout(struct store_conn *c, const struct actor *a,
		const char *token, struct err *e)
{
	char th[AUTH_TOKEN_SIZE];

	token_hash(token, th);
	if (store_begin(c, e) < 0)
		return -1;
	if (store_exec(c, Q_SESSION_DELETE, (struct sval[]){ SV_T(th) }, 1,
		       e) < 0 ||
	    audit_record(c, a, "logout", "session", 0, a->unit_id, NULL, NULL,
			 e) < 0) {
		store_rollback(c);
		return -1;
	}
	return store_commit(c, e);
}

bool auth_csrf_ok(const struct actor *a, const char *header)
{
	size_t n = strlen(a->csrf);

	if (!header || !n || strlen(header) != n)
		return false;
	return sodium_memcmp(a->csrf, header, n) == 0;
}

json_t *auth_actor_json(const struct actor *a)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:b}", "id",
			 (json_int_t)a->user_id, "username", a->username,
			 "full_name", a->full_name, "role", role_name(a->role),
			 "unit_id", (json_int_t)a->unit_id, "unit_code",
			 a->unit_code, "unit_name", a->unit_name, "at_root",
			 a->at_root);
}

int auth_actor_for(struct store_conn *c, const char *username,
		   const char *ip, struct actor *a, struct err *e)
{
	struct store_rows *r;
	bool disabled = false;
	int st;

	memset(a, 0, sizeof(*a));
	if (store_query(c, Q_USER_AUTH_BY_USERNAME,
			(struct sval[]){ SV_T(username) }, 1, &r, e) < 0)
		return -1;
	st = store_next(r);
	if (st == 1) {
		actor_from_row(a, r, 0);
		disabled = store_col_int(r, U_DISABLED) != 0;
	}
	store_rows_free(r);
	if (st < 0)
		return err_internal(e, "actor");
	if (st == 0 || disabled) {
		memset(a, 0, sizeof(*a));
		return err_set(e, ERR_NOT_FOUND, "not_found", "as",
			       "Không có tài khoản đang hoạt động tên \"%s\".",
			       username);
	}
	copy(a->ip, sizeof(a->ip), ip);
	return 0;
}
