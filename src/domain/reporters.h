/*
 * Reporters (báo cáo viên, tuyên truyền viên), SPEC §3.4: the roster and
 * the monthly reporter conferences.
 *
 * A reporter is an official on a unit's roster: name, position, unit,
 * from/to dates, and nothing more personal. A reporter conference (hội
 * nghị báo cáo viên) is held by a unit on a date: the topics (the month's
 * guidance), reporters present, audience size, and optionally which
 * reporters of the roster spoke (reporter_ids, each visible to the user;
 * their count may not exceed reporters_present). Counts per reporter come
 * with the roster list (conferences in [from, to]); per unit from the
 * roll-up. Entry rules as unit_history_check_entry(); audited; own
 * transaction or the caller's. JSON answers are owned by the caller.
 */
#ifndef TG_REPORTERS_H
#define TG_REPORTERS_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

struct reporters_filter {
	int64_t unit_id;
	int64_t reporter_id;       /* conferences: those this reporter spoke at */
	const char *from, *to;     /* conferences in [from, to] */
	const char *active_on;     /* roster: still on it on this date */
	int64_t limit, offset;
};

int reporters_list(struct store_conn *c, const struct actor *a,
		   const struct reporters_filter *f, json_t **out,
		   struct err *e);
int reporters_get(struct store_conn *c, const struct actor *a, int64_t id,
		  json_t **out, struct err *e);
int reporters_create(struct store_conn *c, const struct actor *a,
		     json_t *body, json_t **out, struct err *e);
int reporters_update(struct store_conn *c, const struct actor *a, int64_t id,
		     json_t *body, json_t **out, struct err *e);
int reporters_delete(struct store_conn *c, const struct actor *a, int64_t id,
		     struct err *e);

int rconf_list(struct store_conn *c, const struct actor *a,
	       const struct reporters_filter *f, json_t **out, struct err *e);
int rconf_get(struct store_conn *c, const struct actor *a, int64_t id,
	      json_t **out, struct err *e);
int rconf_create(struct store_conn *c, const struct actor *a, json_t *body,
		 json_t **out, struct err *e);
int rconf_update(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t *body, json_t **out, struct err *e);
int rconf_delete(struct store_conn *c, const struct actor *a, int64_t id,
		 struct err *e);

#endif
