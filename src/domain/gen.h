/*
 * The data generator behind `tuyengiao gen`: a synthetic Party organisation
 * and five years (2021-2025) of its records, for benchmarks and for trying
 * the app at national size.
 *
 * Scales:
 *   national   the root (Trung ương), 34 provinces, 3.321 communes and
 *              100.000 Party cells (about 5,6 million members), over ten
 *              million records;
 *   province   the root and one province of 92 communes (~2.800 cells);
 *   small      the root, 3 provinces, 18 communes and 250 cells.
 *
 * What is generated: levels (tw, tinh, coso, chibo), the unit tree with
 * its materialised paths and unit history (unit_links, unit_ancestry, as
 * units_create() would write them), members on the cells, three users
 * (admin at the root, tinh01 leader of the first province, xa0001
 * specialist of its
 * first commune; password GEN_PASSWORD), study conferences and political
 * activities (one regular meeting per cell and month, study conferences,
 * seminars, flag salutes, commune-wide study conferences), reporters and
 * monthly reporter conferences, classes, indicator definitions and yearly
 * values, central documents received by every province and commune,
 * outgoing documents of each province with tasks assigned to its communes,
 * monthly opinion reports and hot spots. All values keep the schema's and
 * the domain's rules (present <= expected, completed <= enrolled,
 * numerator <= denominator, shares summing to at most 100, one opinion
 * report per unit, topic and month, unique document numbers per issuer,
 * type and term).
 *
 * Deterministic: every figure comes from a splitmix64 stream seeded from
 * the seed and the unit, and records are stamped with their own date, so
 * the same seed on an empty database gives the same rows and ids.
 *
 * Bulk rows are written as JSON batches of a few thousand rows (the
 * Q_GEN_* statements of store/sql_gen.def), in transactions of a few
 * hundred thousand rows; the generator refuses a database that already
 * holds units. One audit row records the run. A run that fails half-way
 * leaves what it committed: start again on a new database.
 */
#ifndef TG_GEN_H
#define TG_GEN_H

#include <stdint.h>

#include "base/err.h"

struct store_conn;

#define GEN_PASSWORD "sinh du lieu 2026"

enum gen_scale { GEN_SMALL, GEN_PROVINCE, GEN_NATIONAL };

/* Called as work advances: `phase` names it ("hoạt động"), done/total in
 * the phase's own units (communes); rows is the running total of rows. */
typedef void (*gen_progress_fn)(void *arg, const char *phase, int64_t done,
				int64_t total, int64_t rows);

struct gen_options {
	enum gen_scale scale;
	uint64_t seed;
	gen_progress_fn progress; /* may be NULL */
	void *arg;
};

/* Rows written, by table. */
struct gen_counts {
	int64_t units, cells, members, users, unit_history;
	int64_t activities, reporters, reporter_conferences, classes;
	int64_t indicators, indicator_values, documents, tasks, assignments;
	int64_t opinion_reports, hotspots;
	int64_t total;
};

/* "national", "province", "small"; -1 when unknown. */
int gen_scale_parse(const char *s, enum gen_scale *out);

/*
 * Generate a dataset of scale o->scale into the empty database behind `c`
 * (no transaction open). 0 on success with *n filled; -1 with `e` set:
 * 409 when the database already has units.
 */
int gen_run(struct store_conn *c, const struct gen_options *o,
	    struct gen_counts *n, struct err *e);

#endif
