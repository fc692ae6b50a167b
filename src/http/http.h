/*
 * The HTTP layer's shared types: a request as the handlers see it, the
 * route table, and the response helpers. Handlers parse the request, call
 * the domain, and set the response; they hold no SQL and no rules.
 *
 * Per-request memory: everything a request allocates hangs off its
 * `struct req` (body, response JSON, extra headers) and is freed by
 * req_release() when libmicrohttpd reports the request completed, so an
 * early return on an error path cannot leak.
 */
#ifndef TG_HTTP_H
#define TG_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "domain/auth.h"

struct MHD_Connection;
struct MHD_Response;
struct store;
struct store_conn;

#define HTTP_JSON_BODY_MAX ((size_t)1 << 20) /* 1 MiB */
#define HTTP_MAX_IDS 2

enum method { M_GET = 1, M_POST = 2, M_PUT = 4, M_PATCH = 8, M_DELETE = 16,
	      M_HEAD = 32, M_OTHER = 64 };

struct server_config {
	const char *listen;   /* "127.0.0.1:8080" */
	const char *web_root; /* directory of the static UI */
	unsigned threads;
	bool secure_cookies;  /* set when served over TLS, or behind it */
	/* TLS (PEM text, owned by the caller), or NULL for plain HTTP. */
	const char *tls_cert;
	const char *tls_key;
};

struct req {
	struct MHD_Connection *mc;
	const struct server_config *cfg;
	struct store *store;
	struct store *read_store; /* serve --db-read, or NULL */
	struct store_conn *db;  /* the connection the handler uses */
	struct store_conn *db_primary; /* acquired for API routes: sessions,
					* audit of refusals, all writes */
	struct store_conn *db_read;    /* the replica's, while an R_REPLICA
					* handler runs */
	bool api_route;         /* under /api/ */
	enum method method;
	const char *method_name;
	char *path;
	int64_t ids[HTTP_MAX_IDS];
	int nids;
	struct buf body;
	bool body_too_large;
	const char *session_token; /* from the cookie, borrowed */
	struct actor actor;
	char ip[64];
	/* response */
	int status;
	json_t *json;          /* owned */
	struct buf raw;        /* a non-JSON body (CSV, …) */
	const char *content_type;
	bool raw_gzip;         /* `raw` holds the gzip of the answer */
	bool no_gzip;          /* never compress: the answer holds a secret */
	char *set_cookie;      /* owned */
	char *disposition;     /* owned Content-Disposition */
	const char *allow;     /* Allow header for 405 */
	char allow_buf[64];
	struct MHD_Response *file_resp; /* a static file, owned */
	char etag[64];
	struct err err;
	struct upload *upload; /* a streamed multipart upload, owned */
};

/* Route flags. */
enum {
	R_PUBLIC = 1 << 0,  /* no session needed */
	R_NO_CSRF = 1 << 1, /* state change without X-CSRF-Token (login) */
	/* A read that tolerates replication lag (roll-ups, dashboards,
	 * statistics): its handler runs on the read replica when serve has
	 * --db-read. Only GET routes whose handler never writes; never a
	 * route read right after a write (the record just created). */
	R_REPLICA = 1 << 2,
};

typedef int (*handler_fn)(struct req *r);

struct route {
	enum method method;
	const char *pattern; /* "/api/v1/units/{id}" */
	handler_fn handler;
	unsigned roles;      /* enum role bits allowed; ignored if R_PUBLIC */
	unsigned flags;
	const char *tag;     /* OpenAPI grouping */
	const char *summary; /* OpenAPI summary, English */
};

extern const struct route routes[];
extern const size_t routes_count;

/* Answer with `j` (ownership taken). Always returns 0. */
int http_json(struct req *r, int status, json_t *j);
/* Answer with r->err (the handler's domain error). Always returns -1. */
int http_fail(struct req *r);

/* Query parameters: the raw value or NULL. */
const char *http_query(struct req *r, const char *name);
/* Whether the client takes gzip (its Accept-Encoding header). */
bool http_accepts_gzip(struct req *r);
/* An optional query parameter: its value, or NULL when absent or empty. */
const char *http_query_opt(struct req *r, const char *name);
/* An optional date parameter: NULL in *out when absent or empty, else a
 * real YYYY-MM-DD date; fills r->err naming it and returns -1 if not. */
int http_query_date(struct req *r, const char *name, const char **out);
/*
 * An optional integer query parameter in [min, max]; `def` when absent.
 * Fills r->err naming the parameter and returns -1 when malformed.
 */
int http_query_int(struct req *r, const char *name, int64_t min, int64_t max,
		   int64_t def, int64_t *out);
/* The session token from the request's cookie, or NULL. */
const char *http_session_cookie(struct req *r);
/* Set the session cookie to `token` for max_age seconds (HttpOnly,
 * SameSite=Strict, Secure when the server runs TLS), or clear it. */
void http_set_session_cookie(struct req *r, const char *token, int max_age);
void http_clear_session_cookie(struct req *r);
/* limit (1..500, default 50) and offset (>= 0). */
int http_paging(struct req *r, int64_t *limit, int64_t *offset);
/* The body parsed as a JSON object (400/413 via r->err on failure). The
 * caller releases the result. */
int http_body_json(struct req *r, json_t **out);

/* Route dispatch (router.c): finds the route, checks session, CSRF and
 * role, runs the handler, and leaves the response in `r`. */
void router_dispatch(struct req *r);

/*
 * Run rt's handler on the right connection (router.c, called by
 * router_dispatch once the checks passed; r->db is the primary's). An
 * R_REPLICA route, when r->read_store is set, runs on a replica connection;
 * if none can be had (replica down), on the primary. If it fails there for
 * a reason that is not the user's (the replica unreachable, an internal
 * error, or "read_only": the handler tried to write), the response is
 * reset and the handler runs again on the primary, so the user gets the
 * primary's answer and nothing is ever written on the replica. r->db is
 * the primary's connection again on return. Returns the handler's result.
 */
int router_run_handler(struct req *r, const struct route *rt);

/* Static files of the web UI (static.c): sets r->file_resp (200), or an
 * empty 304 when the browser's copy is current, or a 404. */
void static_serve(struct req *r);

/* The OpenAPI document for the route table. */
json_t *openapi_document(void);

/* Run the server until SIGINT or SIGTERM. `read` (or NULL) is the read
 * replica for R_REPLICA routes. */
int server_run(struct store *s, struct store *read,
	       const struct server_config *cfg);

/* Handlers, one file per module. */
int api_health(struct req *r);
int api_openapi(struct req *r);
int api_login(struct req *r);
int api_logout(struct req *r);
int api_session(struct req *r);
int api_levels_list(struct req *r);
int api_levels_create(struct req *r);
int api_levels_update(struct req *r);
int api_units_list(struct req *r);
int api_units_get(struct req *r);
int api_units_create(struct req *r);
int api_units_update(struct req *r);
int api_units_delete(struct req *r);
int api_users_list(struct req *r);
int api_users_get(struct req *r);
int api_users_create(struct req *r);
int api_users_update(struct req *r);
int api_users_delete(struct req *r);
int api_audit_list(struct req *r);
/* own sessions and password, an admin's view of accounts (api_sessions.c) */
int api_account_sessions(struct req *r);
int api_account_session_end(struct req *r);
int api_account_password(struct req *r);
int api_user_sessions(struct req *r);
int api_user_session_end(struct req *r);
int api_user_sessions_end(struct req *r);
int api_user_unlock(struct req *r);
/* documents and tasks (api_documents.c, api_tasks.c) */
/* Streamed uploads (api_documents.c), called by server.c: begin when the
 * headers are in (sets r->upload for upload routes), feed each chunk, free
 * at the end of the request. */
void http_upload_begin(struct req *r);
void http_upload_feed(struct req *r, const char *data, size_t len);
void http_upload_free(struct req *r);
int api_documents_list(struct req *r);
int api_documents_get(struct req *r);
int api_documents_create(struct req *r);
int api_documents_update(struct req *r);
int api_documents_delete(struct req *r);
int api_documents_parse_symbol(struct req *r);
int api_attachments_upload(struct req *r);
int api_attachments_get(struct req *r);
int api_attachments_delete(struct req *r);
int api_doctypes_list(struct req *r);
int api_doctypes_create(struct req *r);
int api_doctypes_update(struct req *r);
int api_issuers_list(struct req *r);
int api_issuers_create(struct req *r);
int api_issuers_update(struct req *r);
int api_terms_list(struct req *r);
int api_terms_create(struct req *r);
int api_tasks_list(struct req *r);
int api_tasks_get(struct req *r);
int api_tasks_create(struct req *r);
int api_tasks_update(struct req *r);
int api_tasks_delete(struct req *r);
int api_tasks_assignment_update(struct req *r);
int api_tasks_inbox(struct req *r);
int api_tasks_matrix(struct req *r);
int api_tasks_due_soon(struct req *r);
/* study, reporters, training, indicators, roll-up (api_study.c, …) */
int api_activities_list(struct req *r);
int api_activities_create(struct req *r);
int api_activities_get(struct req *r);
int api_activities_update(struct req *r);
int api_activities_delete(struct req *r);
int api_not_studied(struct req *r);
int api_reporters_list(struct req *r);
int api_reporters_create(struct req *r);
int api_reporters_get(struct req *r);
int api_reporters_update(struct req *r);
int api_reporters_delete(struct req *r);
int api_rconf_list(struct req *r);
int api_rconf_create(struct req *r);
int api_rconf_get(struct req *r);
int api_rconf_update(struct req *r);
int api_rconf_delete(struct req *r);
int api_classes_list(struct req *r);
int api_classes_create(struct req *r);
int api_classes_get(struct req *r);
int api_classes_update(struct req *r);
int api_classes_delete(struct req *r);
int api_publications_list(struct req *r);
int api_publications_create(struct req *r);
int api_publications_get(struct req *r);
int api_publications_update(struct req *r);
int api_publications_delete(struct req *r);
int api_appraisals_list(struct req *r);
int api_appraisals_create(struct req *r);
int api_appraisals_get(struct req *r);
int api_appraisals_update(struct req *r);
int api_appraisals_delete(struct req *r);
int api_indicators_list(struct req *r);
int api_indicators_create(struct req *r);
int api_indicators_get(struct req *r);
int api_indicators_update(struct req *r);
int api_indicators_delete(struct req *r);
int api_indicators_completeness(struct req *r);
int api_ivalues_list(struct req *r);
int api_ivalues_create(struct req *r);
int api_ivalues_get(struct req *r);
int api_ivalues_update(struct req *r);
int api_ivalues_delete(struct req *r);
int api_rollup(struct req *r);
int api_units_merge(struct req *r);
int api_units_move(struct req *r);
int api_units_history(struct req *r);

/* public opinion and hot spots (api_opinion.c, api_hotspots.c) */
int api_topics_list(struct req *r);
int api_topics_get(struct req *r);
int api_topics_create(struct req *r);
int api_topics_update(struct req *r);
int api_topics_merge(struct req *r);
int api_opinion_list(struct req *r);
int api_opinion_get(struct req *r);
int api_opinion_create(struct req *r);
int api_opinion_update(struct req *r);
int api_opinion_delete(struct req *r);
int api_opinion_stats(struct req *r);
int api_opinion_digest(struct req *r);
int api_hotspots_list(struct req *r);
int api_hotspots_get(struct req *r);
int api_hotspots_create(struct req *r);
int api_hotspots_update(struct req *r);
int api_hotspots_delete(struct req *r);
int api_hotspots_status(struct req *r);
int api_hotspots_action(struct req *r);
int api_hotspots_stats(struct req *r);
/* periodic reports, submission, dashboard (api_reports.c, api_dashboard.c) */
int api_reports_list(struct req *r);
int api_reports_create(struct req *r);
int api_reports_status(struct req *r);
int api_reports_get(struct req *r);
int api_reports_update(struct req *r);
int api_reports_delete(struct req *r);
int api_reports_regenerate(struct req *r);
int api_reports_submit(struct req *r);
int api_reports_reopen(struct req *r);
int api_reports_export(struct req *r);
int api_report_deadlines_list(struct req *r);
int api_report_deadlines_update(struct req *r);
/* imports from CSV/XLSX (api_imports.c): the upload routes and their
 * size limit, for http_upload_begin() */
int api_imports_run(struct req *r);
bool api_imports_is_upload(const char *path);
size_t api_imports_max_bytes(void);
/* Party-history projects, commendations, communication output */
int api_history_list(struct req *r);
int api_history_create(struct req *r);
int api_history_coverage(struct req *r);
int api_history_get(struct req *r);
int api_history_update(struct req *r);
int api_history_delete(struct req *r);
int api_commendations_list(struct req *r);
int api_commendations_create(struct req *r);
int api_commendations_get(struct req *r);
int api_commendations_update(struct req *r);
int api_commendations_delete(struct req *r);
int api_outreach_list(struct req *r);
int api_outreach_create(struct req *r);
int api_outreach_get(struct req *r);
int api_outreach_update(struct req *r);
int api_outreach_delete(struct req *r);

#endif
