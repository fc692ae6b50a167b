/*
 * The static data of the demo province, a fictional "Tỉnh ủy Sơn Hà": the
 * levels of the Party organisation, a tree of about 115 units (the Tỉnh ủy,
 * four of its departments, the Thành ủy Long Giang with its wards and
 * communes, five communes and wards directly under the province, and about
 * 100 chi bộ beneath them) and the demo accounts that sign in to it. Every
 * name is invented; none belongs to a real province.
 *
 * The tables are plain constants, read by whatever loads the demo into a
 * database. Their rules:
 *   - a unit's code is unique, ASCII upper case, digits and '-', and
 *     starts with its parent's code ("SH-LG-MP-CB01" is under "SH-LG-MP");
 *   - a parent comes before all its children in demo_units, so the table
 *     can be inserted in order; the root ("SH") has parent NULL;
 *   - `level` is a code of demo_levels; `members` (Party members) is set
 *     on chi bộ only and is 0 above them;
 *   - no child is valid before its parent.
 * The demo passwords are for the demo only, never for a real deployment.
 */
#ifndef TG_DEMO_DATA_H
#define TG_DEMO_DATA_H

#include <stddef.h>

struct demo_level {
	const char *code;
	const char *name;
	int rank;
};

struct demo_unit {
	const char *code;       /* unique, ASCII upper case, digits and '-' */
	const char *parent;     /* parent's code, NULL for the root */
	const char *level;      /* a demo_level code */
	const char *name;       /* full name, e.g. "Đảng ủy phường Mỹ Phước" */
	const char *short_name; /* e.g. "P. Mỹ Phước" */
	int members;            /* Party members; cells only, 0 above cells */
	const char *valid_from; /* "YYYY-MM-DD" */
};

struct demo_user {
	const char *username;
	const char *password;
	const char *unit; /* unit code */
	const char *role;
	const char *full_name;
};

extern const struct demo_level demo_levels[];
extern const size_t demo_levels_count;
extern const struct demo_unit demo_units[];
extern const size_t demo_units_count;
extern const struct demo_user demo_users[];
extern const size_t demo_users_count;

#endif
