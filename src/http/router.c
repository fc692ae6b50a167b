/*
 * The route table, the one place that says which URL reaches which handler
 * with which roles, and the dispatch that enforces it in this order: route
 * (404/405), body size (413), session (401), CSRF on every state change
 * (403), role (403), then the handler, whose domain call checks the
 * subtree (404). The authorisation tests and the OpenAPI document both walk
 * this same table, so no route escapes either.
 *
 * Refused accesses (403, and 404 for things outside the user's subtree)
 * are written to the audit trail.
 *
 * Read replica (serve --db-read): routes flagged R_REPLICA (roll-ups,
 * dashboard and statistics reads that tolerate replication lag) run their
 * handler on a replica connection. Everything else stays on the primary:
 * the session check (it touches and expires sessions, and a logout must
 * take effect at once), CSRF and role checks, the audit rows of refused
 * accesses, every write, and every read that may follow a write (the
 * record just created, lists, a report's export). See router_run_handler()
 * in http.h for the fallbacks.
 */
#include "http/http.h"
#include "domain/audit.h"
#include "base/clock.h"
#include "base/format.h"
#include "base/gzip.h"
#include "base/json.h"
#include "base/mem.h"
#include "store/store.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ANY ROLES_ANY
#define LEAD ROLES_LEADERS
#define ADM ROLES_ADMIN
/* documents and tasks: registration and assignment */
#define WRITERS (ROLE_ADMIN | ROLE_LEADER | ROLE_SPECIALIST)
/* records entered at a unit: contributors too */
#define ENTRY (WRITERS | ROLE_CONTRIBUTOR)
/* served by the read replica when there is one */
#define RO R_REPLICA

const struct route routes[] = {
	{ M_GET, "/api/v1/health", api_health, 0, R_PUBLIC, "meta",
	  "Liveness check" },
	{ M_GET, "/api/v1/openapi.json", api_openapi, 0, R_PUBLIC, "meta",
	  "This OpenAPI document" },
	{ M_POST, "/api/v1/login", api_login, 0, R_PUBLIC | R_NO_CSRF,
	  "session", "Sign in; sets the session cookie" },
	{ M_POST, "/api/v1/logout", api_logout, ANY, 0, "session",
	  "Sign out" },
	{ M_GET, "/api/v1/session", api_session, ANY, 0, "session",
	  "The signed-in user and the CSRF token" },
	{ M_GET, "/api/v1/levels", api_levels_list, ANY, 0, "units",
	  "List unit levels" },
	{ M_POST, "/api/v1/levels", api_levels_create, ADM, 0, "units",
	  "Create a unit level" },
	{ M_PATCH, "/api/v1/levels/{id}", api_levels_update, ADM, 0, "units",
	  "Update a unit level" },
	{ M_GET, "/api/v1/units", api_units_list, ANY, 0, "units",
	  "List units (children, search, or the user's own unit)" },
	{ M_POST, "/api/v1/units", api_units_create, ADM, 0, "units",
	  "Create a unit" },
	{ M_GET, "/api/v1/units/{id}", api_units_get, ANY, 0, "units",
	  "Get a unit with its ancestors" },
	{ M_PATCH, "/api/v1/units/{id}", api_units_update, ADM, 0, "units",
	  "Update or move a unit" },
	{ M_DELETE, "/api/v1/units/{id}", api_units_delete, ADM, 0, "units",
	  "Delete a unit without children or users" },
	{ M_GET, "/api/v1/users", api_users_list, ADM, 0, "users",
	  "List user accounts" },
	{ M_POST, "/api/v1/users", api_users_create, ADM, 0, "users",
	  "Create a user account" },
	{ M_GET, "/api/v1/users/{id}", api_users_get, ADM, 0, "users",
	  "Get a user account" },
	{ M_PATCH, "/api/v1/users/{id}", api_users_update, ADM, 0, "users",
	  "Update, disable or reset the password of a user account" },
	{ M_DELETE, "/api/v1/users/{id}", api_users_delete, ADM, 0, "users",
	  "Delete a user account" },
	{ M_POST, "/api/v1/users/{id}/unlock", api_user_unlock, ADM, 0,
	  "users", "End the lockout of an account after failed sign-ins" },
	{ M_GET, "/api/v1/users/{id}/sessions", api_user_sessions, ADM, 0,
	  "users", "List the active sessions of an account (never the token)" },
	{ M_DELETE, "/api/v1/users/{id}/sessions", api_user_sessions_end, ADM,
	  0, "users", "End every session of an account" },
	{ M_DELETE, "/api/v1/users/{id}/sessions/{id}", api_user_session_end,
	  ADM, 0, "users", "End one session of an account" },
	{ M_GET, "/api/v1/account/sessions", api_account_sessions, ANY, 0,
	  "session", "List the signed-in user's active sessions" },
	{ M_DELETE, "/api/v1/account/sessions/{id}", api_account_session_end,
	  ANY, 0, "session", "End one of the signed-in user's sessions" },
	{ M_POST, "/api/v1/account/password", api_account_password, ANY, 0,
	  "session",
	  "Change one's own password (current_password, new_password); ends"
	  " the other sessions" },
	{ M_GET, "/api/v1/audit", api_audit_list, LEAD, 0, "audit",
	  "Read the audit trail (JSON, or CSV with format=csv)" },
	/* documents and tasks */
	{ M_GET, "/api/v1/documents", api_documents_list, ANY, 0, "documents",
	  "List and search documents (q, type, issuer, from, to, unit,"
	  " direction, sort)" },
	{ M_POST, "/api/v1/documents", api_documents_create, WRITERS, 0,
	  "documents", "Register a document (outgoing: numbered automatically)" },
	{ M_GET, "/api/v1/documents/parse-symbol", api_documents_parse_symbol,
	  ANY, 0, "documents", "Parse a number and symbol (s=)" },
	{ M_GET, "/api/v1/documents/{id}", api_documents_get, ANY, 0,
	  "documents", "Get a document with its attachments and tasks" },
	{ M_PATCH, "/api/v1/documents/{id}", api_documents_update, WRITERS, 0,
	  "documents", "Update a document" },
	{ M_DELETE, "/api/v1/documents/{id}", api_documents_delete, WRITERS, 0,
	  "documents", "Delete a document without tasks" },
	{ M_POST, "/api/v1/documents/{id}/attachments", api_attachments_upload,
	  WRITERS, 0, "documents",
	  "Upload an attachment (multipart/form-data, field \"file\")" },
	{ M_GET, "/api/v1/documents/{id}/attachments/{id}", api_attachments_get,
	  ANY, 0, "documents", "Download an attachment" },
	{ M_DELETE, "/api/v1/documents/{id}/attachments/{id}",
	  api_attachments_delete, WRITERS, 0, "documents",
	  "Remove an attachment from a document" },
	{ M_GET, "/api/v1/document-types", api_doctypes_list, ANY, 0,
	  "documents", "List document types" },
	{ M_POST, "/api/v1/document-types", api_doctypes_create, ADM, 0,
	  "documents", "Add a document type" },
	{ M_PATCH, "/api/v1/document-types/{id}", api_doctypes_update, ADM, 0,
	  "documents", "Edit a document type" },
	{ M_GET, "/api/v1/issuers", api_issuers_list, ANY, 0, "documents",
	  "List issuer codes" },
	{ M_POST, "/api/v1/issuers", api_issuers_create, ADM, 0, "documents",
	  "Add an issuer code" },
	{ M_PATCH, "/api/v1/issuers/{id}", api_issuers_update, ADM, 0,
	  "documents", "Edit an issuer code" },
	{ M_GET, "/api/v1/terms", api_terms_list, ANY, 0, "documents",
	  "List the terms (nhiệm kỳ) of the user's units" },
	{ M_POST, "/api/v1/terms", api_terms_create, ADM | ROLE_LEADER, 0,
	  "documents", "Create a term of a unit" },
	{ M_GET, "/api/v1/tasks", api_tasks_list, ANY, 0, "tasks",
	  "List implementation tasks" },
	{ M_POST, "/api/v1/tasks", api_tasks_create, WRITERS, 0, "tasks",
	  "Create a task for one or many lower units" },
	{ M_GET, "/api/v1/tasks/inbox", api_tasks_inbox, ANY, 0, "tasks",
	  "Assignments of the user's own unit" },
	{ M_GET, "/api/v1/tasks/matrix", api_tasks_matrix, ANY, 0, "tasks",
	  "Units x tasks given by the user's subtree (document_id, task_id)" },
	{ M_GET, "/api/v1/tasks/due-soon", api_tasks_due_soon, ANY, RO, "tasks",
	  "Open assignments due within `days` (default 7), or overdue=1" },
	{ M_GET, "/api/v1/tasks/{id}", api_tasks_get, ANY, 0, "tasks",
	  "Get a task with its visible assignments" },
	{ M_PATCH, "/api/v1/tasks/{id}", api_tasks_update, WRITERS, 0, "tasks",
	  "Update a task or add units" },
	{ M_DELETE, "/api/v1/tasks/{id}", api_tasks_delete, WRITERS, 0, "tasks",
	  "Delete a task and its assignments" },
	{ M_PATCH, "/api/v1/tasks/{id}/assignments/{id}",
	  api_tasks_assignment_update, ENTRY, 0, "tasks",
	  "Update one unit's status, done date and result" },
	/* study, reporters, training, indicators, roll-up */
	{ M_GET, "/api/v1/activities", api_activities_list,
	  ANY, 0, "study",
	  "List study conferences and political activities (unit_id, kind, from, to, document_id, document_ref)" },
	{ M_POST, "/api/v1/activities", api_activities_create,
	  ENTRY, 0, "study",
	  "Record a study conference or political activity" },
	{ M_GET, "/api/v1/activities/{id}", api_activities_get,
	  ANY, 0, "study",
	  "Get an activity" },
	{ M_PATCH, "/api/v1/activities/{id}", api_activities_update,
	  ENTRY, 0, "study",
	  "Update an activity" },
	{ M_DELETE, "/api/v1/activities/{id}", api_activities_delete,
	  ENTRY, 0, "study",
	  "Delete an activity" },
	{ M_GET, "/api/v1/rollup/not-studied", api_not_studied,
	  ANY, RO, "rollup",
	  "Units of a subtree that have not studied a document (unit, document_id or document_ref, level, from, to)" },
	{ M_GET, "/api/v1/reporters", api_reporters_list,
	  ANY, 0, "reporters",
	  "List the reporters roster, with conferences per reporter (from, to)" },
	{ M_POST, "/api/v1/reporters", api_reporters_create,
	  ENTRY, 0, "reporters",
	  "Add a reporter to the roster" },
	{ M_GET, "/api/v1/reporters/{id}", api_reporters_get,
	  ANY, 0, "reporters",
	  "Get a reporter" },
	{ M_PATCH, "/api/v1/reporters/{id}", api_reporters_update,
	  ENTRY, 0, "reporters",
	  "Update a reporter" },
	{ M_DELETE, "/api/v1/reporters/{id}", api_reporters_delete,
	  ENTRY, 0, "reporters",
	  "Delete a reporter who never spoke" },
	{ M_GET, "/api/v1/reporter-conferences", api_rconf_list,
	  ANY, 0, "reporters",
	  "List reporter conferences (unit_id, reporter_id, from, to)" },
	{ M_POST, "/api/v1/reporter-conferences", api_rconf_create,
	  ENTRY, 0, "reporters",
	  "Record a reporter conference" },
	{ M_GET, "/api/v1/reporter-conferences/{id}", api_rconf_get,
	  ANY, 0, "reporters",
	  "Get a reporter conference" },
	{ M_PATCH, "/api/v1/reporter-conferences/{id}", api_rconf_update,
	  ENTRY, 0, "reporters",
	  "Update a reporter conference" },
	{ M_DELETE, "/api/v1/reporter-conferences/{id}", api_rconf_delete,
	  ENTRY, 0, "reporters",
	  "Delete a reporter conference" },
	{ M_GET, "/api/v1/classes", api_classes_list,
	  ANY, 0, "training",
	  "List training classes (unit_id, kind, from, to)" },
	{ M_POST, "/api/v1/classes", api_classes_create,
	  ENTRY, 0, "training",
	  "Record a training class" },
	{ M_GET, "/api/v1/classes/{id}", api_classes_get,
	  ANY, 0, "training",
	  "Get a class" },
	{ M_PATCH, "/api/v1/classes/{id}", api_classes_update,
	  ENTRY, 0, "training",
	  "Update a class" },
	{ M_DELETE, "/api/v1/classes/{id}", api_classes_delete,
	  ENTRY, 0, "training",
	  "Delete a class" },
	{ M_GET, "/api/v1/indicators", api_indicators_list,
	  ANY, 0, "indicators",
	  "List indicator definitions" },
	{ M_POST, "/api/v1/indicators", api_indicators_create,
	  ADM, 0, "indicators",
	  "Define an indicator" },
	{ M_GET, "/api/v1/indicators/{id}", api_indicators_get,
	  ANY, 0, "indicators",
	  "Get an indicator definition" },
	{ M_PATCH, "/api/v1/indicators/{id}", api_indicators_update,
	  ADM, 0, "indicators",
	  "Update an indicator definition" },
	{ M_DELETE, "/api/v1/indicators/{id}", api_indicators_delete,
	  ADM, 0, "indicators",
	  "Delete an indicator without values" },
	{ M_GET, "/api/v1/indicators/{id}/completeness", api_indicators_completeness,
	  ANY, RO, "indicators",
	  "Completeness and timeliness of an indicator for a period (unit, period)" },
	{ M_GET, "/api/v1/indicator-values", api_ivalues_list,
	  ANY, 0, "indicators",
	  "List indicator values (unit_id, indicator_id, period, from, to)" },
	{ M_POST, "/api/v1/indicator-values", api_ivalues_create,
	  ENTRY, 0, "indicators",
	  "Enter an indicator value for a unit and period" },
	{ M_GET, "/api/v1/indicator-values/{id}", api_ivalues_get,
	  ANY, 0, "indicators",
	  "Get an indicator value" },
	{ M_PATCH, "/api/v1/indicator-values/{id}", api_ivalues_update,
	  ENTRY, 0, "indicators",
	  "Correct an indicator value" },
	{ M_DELETE, "/api/v1/indicator-values/{id}", api_ivalues_delete,
	  ENTRY, 0, "indicators",
	  "Delete an indicator value" },
	{ M_GET, "/api/v1/rollup", api_rollup,
	  ANY, RO, "rollup",
	  "Every rolled-up figure of a subtree and range (unit, from, to or period), with the same per direct child" },
	{ M_POST, "/api/v1/units/{id}/merge", api_units_merge,
	  ADM, 0, "units",
	  "Merge a unit into a successor from a date (history kept)" },
	{ M_POST, "/api/v1/units/{id}/move", api_units_move,
	  ADM, 0, "units",
	  "Move a unit to a new parent from a date (history kept)" },
	{ M_GET, "/api/v1/units/{id}/history", api_units_history,
	  ANY, 0, "units",
	  "The parents of a unit over time and its merges" },
	/* public opinion and hot spots */
	{ M_GET, "/api/v1/opinion-topics", api_topics_list, ANY, 0, "opinion",
	  "The topic tree of public opinion and hot spots" },
	{ M_POST, "/api/v1/opinion-topics", api_topics_create, ADM, 0,
	  "opinion", "Add a topic" },
	{ M_GET, "/api/v1/opinion-topics/{id}", api_topics_get, ANY, 0,
	  "opinion", "Get a topic" },
	{ M_PATCH, "/api/v1/opinion-topics/{id}", api_topics_update, ADM, 0,
	  "opinion", "Rename, move or retire a topic" },
	{ M_POST, "/api/v1/opinion-topics/{id}/merge", api_topics_merge, ADM, 0,
	  "opinion", "Merge a topic into another (history kept)" },
	{ M_GET, "/api/v1/opinion-reports", api_opinion_list, ANY, 0,
	  "opinion",
	  "List opinion reports (unit_id, topic_id, period_type, from, to,"
	  " intensity, mine)" },
	{ M_POST, "/api/v1/opinion-reports", api_opinion_create,
	  ENTRY, 0, "opinion",
	  "File an aggregate opinion report for a locality and period" },
	{ M_GET, "/api/v1/opinion-reports/stats", api_opinion_stats, ANY, RO,
	  "opinion",
	  "Volume, intensity, weighted shares, trend and top localities per"
	  " topic (unit, from, to or period)" },
	{ M_GET, "/api/v1/opinion-reports/{id}", api_opinion_get, ANY, 0,
	  "opinion", "Get an opinion report" },
	{ M_PATCH, "/api/v1/opinion-reports/{id}", api_opinion_update,
	  ENTRY, 0, "opinion",
	  "Update an opinion report (its author, or leaders and admins)" },
	{ M_DELETE, "/api/v1/opinion-reports/{id}", api_opinion_delete,
	  ENTRY, 0, "opinion",
	  "Delete an opinion report (its author, or leaders and admins)" },
	{ M_GET, "/api/v1/opinion-digest", api_opinion_digest, ANY, RO,
	  "opinion", "The weekly digest of a unit (unit, week=YYYY-Www)" },
	{ M_GET, "/api/v1/hotspots", api_hotspots_list, ANY, 0, "hotspots",
	  "List hot spots (unit_id, topic_id, status, severity, from, to)" },
	{ M_POST, "/api/v1/hotspots", api_hotspots_create, WRITERS, 0,
	  "hotspots", "Open a hot spot" },
	{ M_GET, "/api/v1/hotspots/stats", api_hotspots_stats, ANY, RO,
	  "hotspots",
	  "Open, opened, resolved, days to resolve by topic and unit (unit,"
	  " from, to or period)" },
	{ M_GET, "/api/v1/hotspots/{id}", api_hotspots_get, ANY, 0,
	  "hotspots", "Get a hot spot with its timeline" },
	{ M_PATCH, "/api/v1/hotspots/{id}", api_hotspots_update, WRITERS, 0,
	  "hotspots", "Update a hot spot (not its status)" },
	{ M_DELETE, "/api/v1/hotspots/{id}", api_hotspots_delete, WRITERS, 0,
	  "hotspots", "Delete a hot spot" },
	{ M_POST, "/api/v1/hotspots/{id}/status", api_hotspots_status, WRITERS,
	  0, "hotspots",
	  "Move a hot spot along detected, handling, resolved, closed (or"
	  " reopen with a reason)" },
	{ M_POST, "/api/v1/hotspots/{id}/actions", api_hotspots_action,
	  WRITERS, 0, "hotspots", "Add a dated action to the timeline" },
	/* publications and appraisals */
	{ M_GET, "/api/v1/publications", api_publications_list, ANY, 0,
	  "publications",
	  "List publications (unit_id, kind, series, from, to)" },
	{ M_POST, "/api/v1/publications", api_publications_create,
	  ENTRY, 0, "publications", "Record a publication" },
	{ M_GET, "/api/v1/publications/{id}", api_publications_get, ANY, 0,
	  "publications", "Get a publication" },
	{ M_PATCH, "/api/v1/publications/{id}", api_publications_update,
	  ENTRY, 0, "publications", "Update a publication" },
	{ M_DELETE, "/api/v1/publications/{id}", api_publications_delete,
	  ENTRY, 0, "publications", "Delete a publication" },
	{ M_GET, "/api/v1/appraisals", api_appraisals_list, ANY, 0, "appraisals",
	  "List appraisals and comments on drafts (unit_id, kind, status,"
	  " document_id, from, to)" },
	{ M_POST, "/api/v1/appraisals", api_appraisals_create,
	  ENTRY, 0, "appraisals", "Record an appraisal" },
	{ M_GET, "/api/v1/appraisals/{id}", api_appraisals_get, ANY, 0,
	  "appraisals", "Get an appraisal" },
	{ M_PATCH, "/api/v1/appraisals/{id}", api_appraisals_update,
	  ENTRY, 0, "appraisals", "Update an appraisal" },
	{ M_DELETE, "/api/v1/appraisals/{id}", api_appraisals_delete,
	  ENTRY, 0, "appraisals", "Delete an appraisal" },
	/* periodic reports, submission, dashboard */
	{ M_GET, "/api/v1/reports", api_reports_list, ANY, 0, "reports",
	  "List periodic reports (unit_id, period, kind, status, category)" },
	{ M_POST, "/api/v1/reports", api_reports_create, WRITERS, 0, "reports",
	  "Draft a periodic report from the roll-up (unit_id, period;"
	  " category=press for the weekly press report)" },
	{ M_GET, "/api/v1/reports/status", api_reports_status, ANY, RO,
	  "reports",
	  "Which lower units submitted a period's report: on time, late, missing (unit, kind, period)" },
	{ M_GET, "/api/v1/reports/{id}", api_reports_get, ANY, 0, "reports",
	  "Get a report with its figures and section I" },
	{ M_PATCH, "/api/v1/reports/{id}", api_reports_update, WRITERS, 0,
	  "reports", "Edit a draft's free text and header" },
	{ M_DELETE, "/api/v1/reports/{id}", api_reports_delete, WRITERS, 0,
	  "reports", "Delete a draft" },
	{ M_POST, "/api/v1/reports/{id}/regenerate", api_reports_regenerate,
	  WRITERS, 0, "reports",
	  "Recompute a draft's figures, keeping its free text" },
	{ M_POST, "/api/v1/reports/{id}/submit", api_reports_submit, LEAD, 0,
	  "reports", "Submit a report upward (locks it)" },
	{ M_POST, "/api/v1/reports/{id}/reopen", api_reports_reopen, LEAD, 0,
	  "reports", "Reopen a submitted report with a reason" },
	{ M_GET, "/api/v1/reports/{id}/export", api_reports_export, ANY, 0,
	  "reports", "Export a report (format=html|docx|xlsx|txt)" },
	{ M_GET, "/api/v1/report-deadlines", api_report_deadlines_list, ANY,
	  0, "reports", "Deadlines per report kind (days after the period)" },
	{ M_PATCH, "/api/v1/report-deadlines", api_report_deadlines_update,
	  ADM, 0, "reports", "Set the deadline of a report kind (kind, days)" },
	{ M_POST, "/api/v1/imports/units", api_imports_run, ADM, 0, "imports",
	  "Import units from CSV/XLSX (multipart file; dry_run=1 checks only)" },
	{ M_POST, "/api/v1/imports/users", api_imports_run, ADM, 0, "imports",
	  "Import user accounts from CSV/XLSX (dry_run=1 checks only)" },
	{ M_POST, "/api/v1/imports/indicator-values", api_imports_run, ADM, 0,
	  "imports",
	  "Import indicator values from CSV/XLSX (dry_run=1 checks only)" },
	/* Party-history projects, commendations, communication output */
	{ M_GET, "/api/v1/history-projects", api_history_list, ANY, 0,
	  "history",
	  "List Party-history projects (unit_id, subject_unit_id, stage, from,"
	  " to: published between)" },
	{ M_POST, "/api/v1/history-projects", api_history_create,
	  ENTRY, 0, "history",
	  "Record a Party-history project of an organisation of the subtree" },
	{ M_GET, "/api/v1/history-projects/coverage", api_history_coverage, ANY,
	  0, "history",
	  "Grassroots units of a subtree that have published their history"
	  " (unit, date, level)" },
	{ M_GET, "/api/v1/history-projects/{id}", api_history_get, ANY, 0,
	  "history", "Get a Party-history project" },
	{ M_PATCH, "/api/v1/history-projects/{id}", api_history_update,
	  ENTRY, 0, "history",
	  "Update a Party-history project (stage, dates)" },
	{ M_DELETE, "/api/v1/history-projects/{id}", api_history_delete,
	  ENTRY, 0, "history",
	  "Delete a Party-history project" },
	{ M_GET, "/api/v1/commendations", api_commendations_list, ANY, 0,
	  "commendations",
	  "List commendations (unit_id, kind, award, from, to)" },
	{ M_POST, "/api/v1/commendations", api_commendations_create,
	  ENTRY, 0, "commendations",
	  "Record a commendation of a collective or an official" },
	{ M_GET, "/api/v1/commendations/{id}", api_commendations_get, ANY, 0,
	  "commendations", "Get a commendation" },
	{ M_PATCH, "/api/v1/commendations/{id}", api_commendations_update,
	  ENTRY, 0, "commendations",
	  "Update a commendation" },
	{ M_DELETE, "/api/v1/commendations/{id}", api_commendations_delete,
	  ENTRY, 0, "commendations",
	  "Delete a commendation" },
	{ M_GET, "/api/v1/outreach", api_outreach_list, ANY, 0, "outreach",
	  "List the units' own channel figures (unit_id, channel_kind, from,"
	  " to)" },
	{ M_POST, "/api/v1/outreach", api_outreach_create,
	  ENTRY, 0, "outreach",
	  "Enter posts, shares and followers of a unit's own page for a"
	  " period" },
	{ M_GET, "/api/v1/outreach/{id}", api_outreach_get, ANY, 0,
	  "outreach", "Get a channel's figures for a period" },
	{ M_PATCH, "/api/v1/outreach/{id}", api_outreach_update,
	  ENTRY, 0, "outreach",
	  "Correct a channel's figures" },
	{ M_DELETE, "/api/v1/outreach/{id}", api_outreach_delete,
	  ENTRY, 0, "outreach",
	  "Delete a channel's figures" },
};

const size_t routes_count = sizeof(routes) / sizeof(routes[0]);

/* --- response helpers --------------------------------------------------- */

int http_json(struct req *r, int status, json_t *j)
{
	json_decref(r->json);
	r->json = j;
	r->status = status;
	return 0;
}

int http_fail(struct req *r)
{
	const char *code = r->err.code;

	if (!r->err.status)
		err_internal(&r->err, "handler");
	/* Outside the subtree looks exactly like absent. */
	if (!strcmp(code, "out_of_scope"))
		code = "not_found";
	json_decref(r->json);
	r->json = json_pack("{s:{s:s, s:s, s:s?}}", "error", "code", code,
			    "message", r->err.message, "field",
			    r->err.field[0] ? r->err.field : NULL);
	r->status = r->err.status;
	return -1;
}

bool http_accepts_gzip(struct req *r)
{
	return gzip_accepted(MHD_lookup_connection_value(
		r->mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING));
}

const char *http_query(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->mc, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_query_opt(struct req *r, const char *name)
{
	const char *v = http_query(r, name);

	return v && *v ? v : NULL;
}

int http_query_date(struct req *r, const char *name, const char **out)
{
	int y, mo, d;

	*out = http_query_opt(r, name);
	if (*out && date_parse_iso(*out, &y, &mo, &d) < 0)
		return err_invalid(&r->err, name,
				   "Ngày không hợp lệ: \"%s\" (dạng"
				   " YYYY-MM-DD).",
				   *out);
	return 0;
}

int http_query_int(struct req *r, const char *name, int64_t min, int64_t max,
		   int64_t def, int64_t *out)
{
	const char *v = http_query(r, name);
	char *end;
	long long n;

	*out = def;
	if (!v || !*v)
		return 0;
	n = strtoll(v, &end, 10);
	if (*end || end - v > 18 || n < min || n > max)
		return err_invalid(&r->err, name,
				   "Tham số \"%s\" phải là số nguyên từ %lld"
				   " đến %lld.",
				   name, (long long)min, (long long)max);
	*out = n;
	return 0;
}

int http_paging(struct req *r, int64_t *limit, int64_t *offset)
{
	if (http_query_int(r, "limit", 1, 500, 50, limit) < 0 ||
	    http_query_int(r, "offset", 0, INT32_MAX, 0, offset) < 0)
		return -1;
	return 0;
}

int http_body_json(struct req *r, json_t **out)
{
	return json_parse_body(r->body.ptr, r->body.len, out, &r->err);
}

/* --- dispatch ----------------------------------------------------------- */

/* Match `path` against `pattern`; {id} segments are positive integers. */
static bool match(const char *pattern, const char *path, int64_t *ids,
		  int *nids)
{
	const char *p = pattern, *s = path;

	*nids = 0;
	while (*p && *s) {
		if (!strncmp(p, "{id}", 4)) {
			int64_t v = 0;
			int digits = 0;

			while (*s >= '0' && *s <= '9' && digits < 18) {
				v = v * 10 + (*s - '0');
				s++;
				digits++;
			}
			if (!digits || v <= 0 || (*s && *s != '/') ||
			    *nids >= HTTP_MAX_IDS)
				return false;
			ids[(*nids)++] = v;
			p += 4;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	return !*p && !*s;
}

static const char *method_name(enum method m)
{
	switch (m) {
	case M_GET: return "GET";
	case M_POST: return "POST";
	case M_PUT: return "PUT";
	case M_PATCH: return "PATCH";
	case M_DELETE: return "DELETE";
	default: return "";
	}
}

static const struct route *find_route(struct req *r)
{
	char buf[64] = "";
	const struct route *found = NULL;
	bool path_matched = false;
	size_t i;
	enum method m = r->method == M_HEAD ? M_GET : r->method;

	for (i = 0; i < routes_count; i++) {
		int64_t ids[HTTP_MAX_IDS];
		int n;

		if (!match(routes[i].pattern, r->path, ids, &n))
			continue;
		path_matched = true;
		if (strlen(buf) + 8 < sizeof(buf)) {
			if (buf[0])
				strcat(buf, ", ");
			strcat(buf, method_name(routes[i].method));
		}
		if (routes[i].method == m && !found) {
			found = &routes[i];
			memcpy(r->ids, ids, sizeof(ids));
			r->nids = n;
		}
	}
	if (!found && path_matched) {
		err_set(&r->err, ERR_METHOD, "method_not_allowed", NULL,
			"Phương thức %s không được hỗ trợ cho địa chỉ này.",
			r->method_name);
		memcpy(r->allow_buf, buf, sizeof(r->allow_buf));
		r->allow = r->allow_buf;
	} else if (!found) {
		err_set(&r->err, ERR_NOT_FOUND, "not_found", NULL,
			"Không có địa chỉ API này.");
	}
	return found;
}

static void audit_denied(struct req *r, const char *why)
{
	json_t *detail = json_pack("{s:s, s:s, s:s}", "method", r->method_name,
				   "path", r->path, "reason", why);

	/* Always on the primary, whatever connection the handler used. */
	if (r->db_primary && !store_in_txn(r->db_primary))
		audit_record(r->db_primary, &r->actor, "denied", "request", 0,
			     r->actor.unit_id, NULL, detail, NULL);
	json_decref(detail);
}

/* Did a handler fail on the replica for a reason the primary may not
 * have? (Not the user's: bad input, scope and absence answer the same.) */
static bool replica_failed(const struct err *e)
{
	return !e->status || e->status == ERR_INTERNAL ||
	       e->status == ERR_UNAVAILABLE || !strcmp(e->code, "read_only");
}

/* Forget what a handler answered, before it runs again. */
static void reset_response(struct req *r)
{
	json_decref(r->json);
	r->json = NULL;
	buf_reset(&r->raw);
	r->status = 0;
	r->content_type = NULL;
	free(r->set_cookie);
	r->set_cookie = NULL;
	free(r->disposition);
	r->disposition = NULL;
	if (r->file_resp) {
		MHD_destroy_response(r->file_resp);
		r->file_resp = NULL;
	}
	r->etag[0] = '\0';
	err_clear(&r->err);
}

int router_run_handler(struct req *r, const struct route *rt)
{
	struct err e = ERR_INIT;
	int rc;

	if (!(rt->flags & R_REPLICA) || !r->read_store)
		return rt->handler(r);
	r->db_read = store_acquire(r->read_store, &e);
	if (!r->db_read)
		return rt->handler(r); /* down: store_acquire() said so */
	r->db = r->db_read;
	rc = rt->handler(r);
	r->db = r->db_primary;
	store_release(r->db_read);
	r->db_read = NULL;
	if (rc == 0 || !replica_failed(&r->err))
		return rc;
	if (!strcmp(r->err.code, "read_only"))
		fprintf(stderr,
			"tuyengiao: BUG: %s %s tried to write on the read"
			" replica; answered from the primary (remove R_REPLICA"
			" from its route)\n",
			r->method_name, rt->pattern);
	else
		fprintf(stderr,
			"tuyengiao: --db-read: %s %s failed on the replica"
			" (%s); answered from the primary\n",
			r->method_name, rt->pattern, r->err.code);
	if (r->err.status == ERR_UNAVAILABLE &&
	    strcmp(r->err.code, "read_only"))
		store_mark_down(r->read_store);
	reset_response(r);
	return rt->handler(r);
}

const char *http_session_cookie(struct req *r)
{
	return MHD_lookup_connection_value(r->mc, MHD_COOKIE_KIND,
					   "tg_session");
}

void router_dispatch(struct req *r)
{
	const struct route *rt;

	r->api_route = !strncmp(r->path, "/api/", 5) || !strcmp(r->path, "/api");
	if (!r->api_route) {
		if (r->method != M_GET && r->method != M_HEAD) {
			err_set(&r->err, ERR_METHOD, "method_not_allowed", NULL,
				"Phương thức không được hỗ trợ.");
			r->allow = "GET, HEAD";
			http_fail(r);
			return;
		}
		static_serve(r);
		return;
	}
	rt = find_route(r);
	if (!rt) {
		http_fail(r);
		return;
	}
	if (r->body_too_large) {
		err_set(&r->err, ERR_TOO_LARGE, "too_large", NULL,
			"Nội dung gửi lên vượt quá giới hạn %zu KiB.",
			HTTP_JSON_BODY_MAX >> 10);
		http_fail(r);
		return;
	}
	r->db = r->db_primary = store_acquire(r->store, &r->err);
	if (!r->db) {
		http_fail(r);
		return;
	}
	if (!(rt->flags & R_PUBLIC)) {
		r->session_token = http_session_cookie(r);
		if (auth_session(r->db, r->session_token, r->ip, clock_now(),
				 &r->actor, &r->err) < 0) {
			http_fail(r);
			return;
		}
		if (rt->method != M_GET && !(rt->flags & R_NO_CSRF) &&
		    !auth_csrf_ok(&r->actor,
				  MHD_lookup_connection_value(
					  r->mc, MHD_HEADER_KIND,
					  "X-CSRF-Token"))) {
			err_set(&r->err, ERR_FORBIDDEN, "csrf", NULL,
				"Thiếu hoặc sai mã chống giả mạo yêu cầu"
				" (X-CSRF-Token). Vui lòng tải lại trang.");
			audit_denied(r, "csrf");
			http_fail(r);
			return;
		}
		if (!(rt->roles & r->actor.role)) {
			err_set(&r->err, ERR_FORBIDDEN, "forbidden", NULL,
				"Vai trò của bạn không được phép thực hiện thao"
				" tác này.");
			audit_denied(r, "role");
			http_fail(r);
			return;
		}
	}
	if (router_run_handler(r, rt) < 0) {
		if (!strcmp(r->err.code, "out_of_scope"))
			audit_denied(r, "scope");
		http_fail(r);
	}
}
