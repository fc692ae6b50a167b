/*
 * Commendations (biểu dương, khen thưởng), issue 9: the `commendations`
 * collection. A commendation is recorded by a unit: its kind
 * ("collective" tập thể, "individual" cá nhân), the recipient (the name of
 * a collective, or of an official), the official's position (required for
 * an individual, none for a collective), the award (COMMENDATION_AWARDS:
 * Bằng khen, Giấy khen of each level, or a biểu dương at a flag-salute
 * political activity), the reason, the date and an optional decision
 * number. Individuals are officials commended in a public act: name and
 * position only, no other personal data, and no field about citizens.
 * The date is not in the future and the unit valid on it
 * (unit_history_check_entry). Roll-ups count by kind and award by date.
 * Audited; own transaction or the caller's. JSON owned by the caller.
 */
#ifndef TG_COMMENDATIONS_H
#define TG_COMMENDATIONS_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"

struct actor;
struct store_conn;

/* The award codes, NULL-terminated, as the schema's CHECK lists them. */
extern const char *const commendation_awards[];

struct commendations_filter {
	int64_t unit_id;
	const char *kind, *award, *from, *to; /* awarded_on in [from, to] */
	int64_t limit, offset;
};

int commendations_list(struct store_conn *c, const struct actor *a,
		       const struct commendations_filter *f, json_t **out,
		       struct err *e);
int commendations_get(struct store_conn *c, const struct actor *a,
		      int64_t id, json_t **out, struct err *e);
int commendations_create(struct store_conn *c, const struct actor *a,
			 json_t *body, json_t **out, struct err *e);
int commendations_update(struct store_conn *c, const struct actor *a,
			 int64_t id, json_t *body, json_t **out,
			 struct err *e);
int commendations_delete(struct store_conn *c, const struct actor *a,
			 int64_t id, struct err *e);

#endif
