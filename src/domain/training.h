/*
 * Political theory training (bồi dưỡng lý luận chính trị), SPEC §3.5: the
 * `classes` collection. A class is held by a unit: kind ("new_members"
 * lớp đảng viên mới, "prospective" lớp cảm tình Đảng, "elementary" sơ cấp,
 * "thematic" chuyên đề, "refresher" bồi dưỡng cán bộ), title, start and
 * end dates, trainees enrolled and completed (0 <= completed <=
 * enrolled). Roll-ups count classes and trainee-times (lượt học viên =
 * enrolled) by start date. The start date is not in the future; the unit
 * follows unit_history_check_entry() on it. Audited; own transaction or
 * the caller's. JSON answers are owned by the caller.
 */
#ifndef TG_TRAINING_H
#define TG_TRAINING_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

struct training_filter {
	int64_t unit_id;
	const char *kind, *from, *to; /* start date in [from, to] */
	int64_t limit, offset;
};

int training_list(struct store_conn *c, const struct actor *a,
		  const struct training_filter *f, json_t **out,
		  struct err *e);
int training_get(struct store_conn *c, const struct actor *a, int64_t id,
		 json_t **out, struct err *e);
int training_create(struct store_conn *c, const struct actor *a,
		    json_t *body, json_t **out, struct err *e);
int training_update(struct store_conn *c, const struct actor *a, int64_t id,
		    json_t *body, json_t **out, struct err *e);
int training_delete(struct store_conn *c, const struct actor *a, int64_t id,
		    struct err *e);

#endif
