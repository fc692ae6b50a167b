/*
 * The demo loader; see demo.h. It goes through the same domain functions
 * as the API, so the demo data passes every validation and is audited as
 * created by "system".
 */
#include "domain/demo.h"
#include "domain/auth.h"
#include "domain/demo_data.h"
#include "domain/demo_study.h"
#include "domain/demo_documents.h"
#include "domain/demo_honours.h"
#include "domain/demo_opinion.h"
#include "domain/demo_year.h"
#include "domain/units.h"
#include "domain/users.h"
#include "store/store.h"

#include <string.h>

void demo_system_actor(struct actor *a)
{
	memset(a, 0, sizeof(*a));
	a->role = ROLE_ADMIN;
	a->at_root = true;
	strcpy(a->username, "system");
	strcpy(a->full_name, "Hệ thống");
	strcpy(a->unit_path, "/");
	strcpy(a->ip, "cli");
}

static int load_levels(struct store_conn *c, const struct actor *a,
		       struct demo_counts *n, struct err *e)
{
	json_t *levels = NULL, *out, *body, *v;
	size_t i, k;
	int found;

	if (levels_list(c, &levels, e) < 0)
		return -1;
	for (i = 0; i < demo_levels_count; i++) {
		found = 0;
		json_array_foreach(json_object_get(levels, "items"), k, v)
			if (!strcmp(json_string_value(json_object_get(v, "code")),
				    demo_levels[i].code))
				found = 1;
		if (found)
			continue;
		body = json_pack("{s:s, s:s, s:i}", "code", demo_levels[i].code,
				 "name", demo_levels[i].name, "rank",
				 demo_levels[i].rank);
		if (levels_create(c, a, body, &out, e) < 0) {
			json_decref(body);
			json_decref(levels);
			return -1;
		}
		json_decref(body);
		json_decref(out);
		n->levels++;
	}
	json_decref(levels);
	return 0;
}

static int load_units(struct store_conn *c, const struct actor *a,
		      struct demo_counts *n, struct err *e)
{
	const struct demo_unit *u;
	json_t *body, *out;
	int64_t id, parent = 0;
	size_t i;
	int st;

	for (i = 0; i < demo_units_count; i++) {
		u = &demo_units[i];
		st = units_id_by_code(c, u->code, &id, e);
		if (st < 0)
			return -1;
		if (st == 1)
			continue;
		if (u->parent && units_id_by_code(c, u->parent, &parent, e) != 1)
			return err_internal(e, "demo parent");
		body = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s}", "code", u->code,
				 "name", u->name, "short_name", u->short_name,
				 "level", u->level, "members", u->members,
				 "valid_from", u->valid_from);
		if (u->parent) {
			json_object_set_new(body, "parent_id", json_integer(parent));
			st = units_create(c, a, body, &out, e);
		} else {
			st = units_create_root(c, a, body, &out, e);
		}
		json_decref(body);
		if (st < 0)
			return -1;
		json_decref(out);
		n->units++;
	}
	return 0;
}

static int load_users(struct store_conn *c, const struct actor *a,
		      struct demo_counts *n, struct err *e)
{
	const struct demo_user *u;
	json_t *body, *out, *list;
	int64_t unit;
	size_t i;
	int st;

	for (i = 0; i < demo_users_count; i++) {
		struct users_filter f = { 0, NULL, 1, 0 };

		u = &demo_users[i];
		f.q = u->username;
		f.limit = 500;
		if (users_list(c, a, &f, &list, e) < 0)
			return -1;
		st = 0;
		{
			size_t k;
			json_t *v;

			json_array_foreach(json_object_get(list, "items"), k, v)
				if (!strcmp(json_string_value(json_object_get(
						    v, "username")),
					    u->username))
					st = 1;
		}
		json_decref(list);
		if (st)
			continue;
		if (units_id_by_code(c, u->unit, &unit, e) != 1)
			return err_internal(e, "demo user unit");
		body = json_pack("{s:s, s:s, s:I, s:s, s:s}", "username",
				 u->username, "full_name", u->full_name,
				 "unit_id", (json_int_t)unit, "role", u->role,
				 "password", u->password);
		/* The demo's shared password "Demo@2026" is shorter than the
		 * policy asks (12 characters): it is seeded below the policy
		 * so the documented demo logins keep working. Never use the
		 * demo database for real accounts. */
		st = users_create_seeded(c, a, body, &out, e);
		json_decref(body);
		if (st < 0)
			return -1;
		json_decref(out);
		n->users++;
	}
	return 0;
}

int demo_load(struct store_conn *c, struct demo_counts *n, struct err *e)
{
	struct actor a;

	memset(n, 0, sizeof(*n));
	demo_system_actor(&a);
	if (load_levels(c, &a, n, e) < 0 || load_units(c, &a, n, e) < 0 ||
	    load_users(c, &a, n, e) < 0)
		return -1;
	if (demo_study_load(c, e) < 0)
		return -1;
	{
		int docs, tasks;

		if (demo_documents_load(c, &a, &docs, &tasks, e) < 0)
			return -1;
	}
	if (demo_opinion_load(c, e) < 0 || demo_year_load(c, e) < 0)
		return -1;
	if (demo_honours_load(c, e) < 0)
		return -1;
	return 0;
}
