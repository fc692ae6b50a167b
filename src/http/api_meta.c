/*
 * Health and the OpenAPI document, generated from the route table so it
 * describes exactly the routes that exist.
 */
#include "http/http.h"

#include <string.h>

int api_health(struct req *r)
{
	return http_json(r, 200, json_pack("{s:s}", "status", "ok"));
}

static const char *lower_method(enum method m)
{
	switch (m) {
	case M_GET: return "get";
	case M_POST: return "post";
	case M_PUT: return "put";
	case M_PATCH: return "patch";
	case M_DELETE: return "delete";
	default: return "get";
	}
}

static json_t *error_response(const char *desc)
{
	return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", desc,
			 "content", "application/json", "schema", "$ref",
			 "#/components/schemas/Error");
}

static json_t *operation(const struct route *rt, size_t index)
{
	json_t *op, *responses, *params;
	char opid[80];
	const char *ok = rt->method == M_POST && strcmp(rt->pattern,
							"/api/v1/login") &&
				       strcmp(rt->pattern, "/api/v1/logout")
			       ? "201"
			       : "200";

	snprintf(opid, sizeof(opid), "op%zu_%s", index, lower_method(rt->method));
	responses = json_pack("{s:{s:s, s:{s:{s:{s:s}}}}}", ok, "description",
			      "Success", "content", "application/json",
			      "schema", "type", "object");
	json_object_set_new(responses, "400", error_response("Bad input"));
	if (!(rt->flags & R_PUBLIC)) {
		json_object_set_new(responses, "401",
				    error_response("Not signed in"));
		json_object_set_new(responses, "403",
				    error_response("CSRF or role refused"));
		json_object_set_new(responses, "404",
				    error_response("Not found or outside the"
						   " user's subtree"));
	}
	if (rt->method == M_POST || rt->method == M_PATCH)
		json_object_set_new(responses, "409",
				    error_response("Conflict"));
	if (rt->flags & R_NO_CSRF)
		json_object_set_new(responses, "429",
				    error_response("Too many attempts"));
	op = json_pack("{s:s, s:s, s:[s], s:o}", "operationId", opid,
		       "summary", rt->summary, "tags", rt->tag, "responses",
		       responses);
	params = json_array();
	if (strstr(rt->pattern, "{id}"))
		json_array_append_new(
			params, json_pack("{s:s, s:s, s:b, s:{s:s, s:s}}",
					  "name", "id", "in", "path",
					  "required", 1, "schema", "type",
					  "integer", "format", "int64"));
	if (rt->method != M_GET && !(rt->flags & R_NO_CSRF) &&
	    !(rt->flags & R_PUBLIC))
		json_array_append_new(
			params, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name",
					  "X-CSRF-Token", "in", "header",
					  "required", 1, "schema", "type",
					  "string"));
	if (json_array_size(params))
		json_object_set_new(op, "parameters", params);
	else
		json_decref(params);
	if (rt->method == M_POST || rt->method == M_PATCH ||
	    rt->method == M_PUT)
		json_object_set_new(op, "requestBody",
				    json_pack("{s:b, s:{s:{s:{s:s}}}}",
					      "required", 1, "content",
					      "application/json", "schema",
					      "type", "object"));
	if (rt->flags & R_PUBLIC)
		json_object_set_new(op, "security", json_array());
	/* Served by the read replica under serve --db-read: may lag the
	 * primary by the replication delay. */
	if (rt->flags & R_REPLICA)
		json_object_set_new(op, "x-read-replica", json_true());
	return op;
}

json_t *openapi_document(void)
{
	json_t *paths = json_object(), *doc;
	size_t i;

	for (i = 0; i < routes_count; i++) {
		const struct route *rt = &routes[i];
		const char *path = rt->pattern + strlen("/api/v1");
		json_t *item = json_object_get(paths, path);

		if (!item) {
			item = json_object();
			json_object_set_new(paths, path, item);
		}
		json_object_set_new(item, lower_method(rt->method),
				    operation(rt, i));
	}
	doc = json_pack(
		"{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o,"
		" s:{s:{s:{s:s, s:s, s:s}},"
		" s:{s:{s:s, s:[s], s:{s:{s:s, s:[s,s], s:{s:{s:s}, s:{s:s},"
		" s:{s:s, s:b}}}}}}},"
		" s:[{s:[]}]}",
		"openapi", "3.0.3", "info", "title", "tuyengiao API", "version",
		"1", "description",
		"Work management and reporting for Party propaganda and"
		" education committees. Errors are"
		" {\"error\": {\"code\", \"message\", \"field\"}} with a"
		" Vietnamese message.",
		"servers", "url", "/api/v1", "paths", paths, "components",
		"securitySchemes", "session", "type", "apiKey", "in", "cookie",
		"name", "tg_session", "schemas", "Error", "type", "object",
		"required", "error", "properties", "error", "type", "object",
		"required", "code", "message", "properties", "code", "type",
		"string", "message", "type", "string", "field", "type",
		"string", "nullable", 1, "security", "session");
	return doc;
}

int api_openapi(struct req *r)
{
	json_t *doc = openapi_document();

	if (!doc)
		return err_internal(&r->err, "openapi");
	return http_json(r, 200, doc);
}
