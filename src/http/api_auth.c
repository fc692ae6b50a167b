/*
 * Sign-in, sign-out and the current session. The session token travels
 * only in the HttpOnly cookie; the CSRF token in the JSON answer.
 */
#include "http/http.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/mem.h"

#include <microhttpd.h>
#include <string.h>

static const struct jfield login_fields[] = {
	{ "username", JF_STRING, JF_REQUIRED, 1, 64, 0, 0, "Tên đăng nhập" },
	{ "password", JF_STRING, JF_REQUIRED, 1, 128, 0, 0, "Mật khẩu" },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL },
};

void http_set_session_cookie(struct req *r, const char *token, int max_age)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "tg_session=%s; Path=/; Max-Age=%d; HttpOnly;"
		     " SameSite=Strict%s",
		 token, max_age, r->cfg->secure_cookies ? "; Secure" : "");
	free(r->set_cookie);
	r->set_cookie = buf_detach(&b, NULL);
}

void http_clear_session_cookie(struct req *r)
{
	http_set_session_cookie(r, "", 0);
}

static json_t *session_json(const struct actor *a)
{
	return json_pack("{s:o, s:s}", "user", auth_actor_json(a),
			 "csrf_token", a->csrf);
}

int api_login(struct req *r)
{
	char token[AUTH_TOKEN_SIZE];
	json_t *body = NULL;
	int rc;

	if (http_body_json(r, &body) < 0 ||
	    json_check(body, login_fields, true, &r->err) < 0) {
		json_decref(body);
		return -1;
	}
	rc = auth_login_from(r->db, json_get_str(body, "username", ""),
			     json_get_str(body, "password", ""), r->ip,
			     MHD_lookup_connection_value(r->mc, MHD_HEADER_KIND,
							 "User-Agent"),
			     clock_now(), &r->actor, token, &r->err);
	json_decref(body);
	if (rc < 0)
		return -1;
	http_set_session_cookie(r, token, AUTH_ABSOLUTE_SECONDS);
	r->no_gzip = true;
	return http_json(r, 200, session_json(&r->actor));
}

int api_logout(struct req *r)
{
	if (auth_logout(r->db, &r->actor, r->session_token, &r->err) < 0)
		return -1;
	http_clear_session_cookie(r);
	return http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

int api_session(struct req *r)
{
	r->no_gzip = true;
	return http_json(r, 200, session_json(&r->actor));
}
