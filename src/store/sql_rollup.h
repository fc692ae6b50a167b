/*
 * The SQL of the maintained roll-up aggregates (domain/rollup.h), shared
 * by the migration that creates and back-fills them (schema_sqlite.c,
 * schema_pg.c) and by the statements of sql_rollup.def, so the back-fill,
 * the rebuild and the recount that checks them are one text.
 *
 * rollup_agg (ancestor_id, grain, bucket, child_id, fig, n, v1, v2, v3):
 *   the sums of the dated records (activities by date, reporter
 *   conferences by date, classes by start date) per ancestor above the
 *   record's unit on the record's date (depth >= 1), per child of that
 *   ancestor the record rolls up through (the ancestry row one level
 *   below, on the same date; 0 if none), per bucket (grain 'y': the year
 *   'YYYY', since migration 10; grain 'm': the month 'YYYY-MM'; grain
 *   'd': the day) and per figure `fig` (the
 *   activity or class kind, or 'rc'). n is the number of records, v1..v3
 *   the summed numbers (activities: members present, expected,
 *   non-members; conferences: reporters present, audience, 0; classes:
 *   enrolled, completed, 0; opinion reports, since migration 10, by
 *   period end, figure 'o:<topic id>:<intensity>': the shares agreeing,
 *   concerned, disagreeing; hot spots, since migration 11, by the ancestry
 *   of their opening date, in buckets behind a letter: see
 *   AGG_RECOUNT_HOTSPOTS). Rows with n = 0 are removed.
 * rollup_iv (ancestor_id, period_end, period_start, indicator_id, period,
 *   child_id, n, num, den): the same for indicator values, keyed by their
 *   own period (they count when their whole period lies in the range),
 *   dated by period_end.
 * Records entered at the asked-for unit itself (depth 0) are not kept:
 * the roll-up reads them from the record tables by (unit_id, date).
 */
#ifndef TG_SQL_ROLLUP_H
#define TG_SQL_ROLLUP_H

/* The ancestors above record `al` on its date `col` (x1, depth >= 1) and
 * the child of each the record rolls up through (x2). */
#define AGG_ANCESTRY(al, col)                                                 \
	" JOIN unit_ancestry x1 ON x1.unit_id = " al ".unit_id"                \
	" AND x1.depth >= 1 AND " al "." col " >= x1.valid_from"               \
	" AND " al "." col " <= x1.valid_to"                                   \
	" LEFT JOIN unit_ancestry x2 ON x2.unit_id = " al ".unit_id"           \
	" AND x2.depth = x1.depth - 1 AND " al "." col " >= x2.valid_from"     \
	" AND " al "." col " <= x2.valid_to"
/* Each record once per grain: year, month, day (before migration 10,
 * month and day: AGG_GRAINS_V9, for migration 9's own text). */
#define AGG_GRAINS                                                            \
	" CROSS JOIN (SELECT 'y' AS grain UNION ALL SELECT 'm'"                \
	" UNION ALL SELECT 'd') g"
#define AGG_GRAINS_V9 " CROSS JOIN (SELECT 'm' AS grain UNION ALL SELECT 'd') g"
#define AGG_BUCKET(e)                                                         \
	"CASE g.grain WHEN 'y' THEN substr(" e ", 1, 4) WHEN 'm' THEN substr("  \
	e ", 1, 7) ELSE " e " END"

/* Record filters for AGG_RECOUNT: all records, or those dated on or after
 * ?2 of the units now in the subtree of ?1 (a move or merge of ?1 on ?2). */
#define AGG_ALL(al, col) ""
#define AGG_SHIFTED(al, col)                                                  \
	" AND " al "." col " >= ?2 AND " al ".unit_id IN (SELECT s.unit_id"    \
	" FROM unit_ancestry s WHERE s.ancestor_id = ?1"                       \
	" AND s.valid_to = '9999-12-31')"

#define AGG_COLS "ancestor_id, grain, bucket, child_id, fig, n, v1, v2, v3"
#define AGG_KEY "ancestor_id, grain, bucket, child_id, fig"
#define IV_AGG_COLS                                                           \
	"ancestor_id, period_end, period_start, indicator_id, period,"         \
	" child_id, n, num, den"
#define IV_AGG_KEY                                                            \
	"ancestor_id, period_end, period_start, indicator_id, period, child_id"

/* The rows rollup_agg must hold, recounted from the records (AGG_COLS):
 * since migration 10 years and opinion reports included, since
 * migration 11 hot spots. */
#define AGG_RECOUNT(where)                                                    \
	AGG_RECOUNT_G(where, AGG_GRAINS)                                       \
	" UNION ALL " AGG_RECOUNT_OPINION(where, AGG_GRAINS)                   \
	" UNION ALL " AGG_RECOUNT_HOTSPOTS(where, AGG_GRAINS)
/* Activities, reporter conferences and classes, for the grains `grains`. */
#define AGG_RECOUNT_G(where, grains)                                          \
	"SELECT x1.ancestor_id AS c1, g.grain AS c2, " AGG_BUCKET("a.date")    \
	" AS c3, COALESCE(x2.ancestor_id, 0) AS c4, a.kind AS c5,"             \
	" COUNT(*) AS c6, SUM(a.members_present) AS c7,"                       \
	" SUM(a.members_expected) AS c8, SUM(a.non_members) AS c9"             \
	" FROM activities a" AGG_ANCESTRY("a", "date")                         \
	grains " WHERE 1 = 1" where("a", "date")                               \
	" GROUP BY 1, 2, 3, 4, 5"                                              \
	" UNION ALL SELECT x1.ancestor_id, g.grain, " AGG_BUCKET("k.date") "," \
	" COALESCE(x2.ancestor_id, 0), 'rc', COUNT(*),"                        \
	" SUM(k.reporters_present), SUM(k.audience), 0"                        \
	" FROM reporter_conferences k" AGG_ANCESTRY("k", "date") grains        \
	" WHERE 1 = 1" where("k", "date") " GROUP BY 1, 2, 3, 4, 5"            \
	" UNION ALL SELECT x1.ancestor_id, g.grain, "                          \
	AGG_BUCKET("c.start_date") ", COALESCE(x2.ancestor_id, 0), c.kind,"    \
	" COUNT(*), SUM(c.enrolled), SUM(c.completed), 0 FROM classes c"       \
	AGG_ANCESTRY("c", "start_date") grains " WHERE 1 = 1"                  \
	where("c", "start_date") " GROUP BY 1, 2, 3, 4, 5"
/* Opinion reports (migration 10), by period_end, figure AGG_OPINION_FIG:
 * count, and the summed shares agreeing, concerned, disagreeing. */
#define AGG_OPINION_FIG(al)                                                   \
	"'o:' || CAST(" al ".topic_id AS TEXT) || ':' || " al ".intensity"
#define AGG_RECOUNT_OPINION(where, grains)                                    \
	"SELECT x1.ancestor_id, g.grain, " AGG_BUCKET("o.period_end") ","      \
	" COALESCE(x2.ancestor_id, 0), " AGG_OPINION_FIG("o") ", COUNT(*),"    \
	" SUM(o.share_agree), SUM(o.share_concerned), SUM(o.share_disagree)"   \
	" FROM opinion_reports o" AGG_ANCESTRY("o", "period_end") grains       \
	" WHERE 1 = 1" where("o", "period_end") " GROUP BY 1, 2, 3, 4, 5"

/* Hot spots (migrations 11, 12), all by the ancestry of their opening
 * date, in buckets of their own (the date's bucket behind a letter, so a
 * read of other figures never passes them): under AGG_HS_STATE,
 * AGG_HS_OPENED dated by the opening (count) and AGG_HS_RESOLVED_N by the
 * resolution (count, v1 the days to resolve); under AGG_HS_DAYS_PRE,
 * AGG_HS_RESOLVED by the resolution (count, v1 the days): one figure per
 * number of days, written so that figures sort by it ('h:r:' then the
 * number of digits, then the digits: 'h:r:212' for 12 days), and the
 * longest in a bucket is its last figure, found by one index probe. A
 * roll-up reads the first over its range (opened, resolved, days, and per
 * bucket with resolutions the last of the second: the longest) and from
 * the beginning to its end (open at the end, and the current status of
 * those opened by then). Migration 11 wrote the days unsorted
 * (AGG_HS_RESOLVED_V11) and no days under AGG_HS_RESOLVED_N. */
#define AGG_HS_STATE_L "'h'"
#define AGG_HS_DAYS_L "'r'"
#define AGG_HS_STATE AGG_HS_STATE_L " || "
#define AGG_HS_DAYS_PRE AGG_HS_DAYS_L " || "
#define AGG_HS_OPENED(al) "'h:o:' || " al ".status"
#define AGG_HS_RESOLVED_N "'h:n'"
#define AGG_HS_DAYS_TEXT(al)                                                  \
	"COALESCE(CAST(" al ".days_to_resolve AS TEXT), '')"
#define AGG_HS_RESOLVED(al)                                                   \
	"'h:r:' || length(" AGG_HS_DAYS_TEXT(al) ") || " AGG_HS_DAYS_TEXT(al)
#define AGG_HS_RESOLVED_V11(al) "'h:r:' || " AGG_HS_DAYS_TEXT(al)
/* The days of a figure AGG_HS_RESOLVED (NULL if none). */
#define AGG_HS_RESOLVED_DAYS(fig)                                             \
	"CAST(NULLIF(substr(" fig ", 6), '') AS INTEGER)"
#define AGG_HS_DAYS(al) "COALESCE(" al ".days_to_resolve, 0)"
/* v1 of AGG_HS_RESOLVED_N: the days (migration 11: none). */
#define AGG_HS_N_DAYS(al) AGG_HS_DAYS(al)
#define AGG_HS_N_DAYS_V11(al) "0"
#define AGG_RECOUNT_HOTSPOTS(where, grains)                                   \
	AGG_RECOUNT_HOTSPOTS_AS(AGG_HS_RESOLVED,                               \
				"SUM(" AGG_HS_N_DAYS("h") ")", where, grains)
/* The recount with figure `resolved` (AGG_HS_RESOLVED…) and v1 `n_days`
 * of AGG_HS_RESOLVED_N. */
#define AGG_RECOUNT_HOTSPOTS_AS(resolved, n_days, where, grains)              \
	AGG_RECOUNT_HS(AGG_HS_STATE, "opened_on", AGG_HS_OPENED("h"), "0",     \
		       "1 = 1", where, grains)                                 \
	" UNION ALL "                                                          \
	AGG_RECOUNT_HS(AGG_HS_STATE, "resolved_on", AGG_HS_RESOLVED_N, n_days, \
		       "h.resolved_on IS NOT NULL", where, grains)             \
	" UNION ALL "                                                          \
	AGG_RECOUNT_HS(AGG_HS_DAYS_PRE, "resolved_on", resolved("h"),          \
		       "SUM(" AGG_HS_DAYS("h") ")", "h.resolved_on IS NOT NULL", \
		       where, grains)
/* One of them: figure `fig` in buckets `pre` of date column `col`, v1
 * `v1`, for the hot spots passing `cond`. */
#define AGG_RECOUNT_HS(pre, col, fig, v1, cond, where, grains)                \
	"SELECT x1.ancestor_id, g.grain, " pre AGG_BUCKET("h." col) ","        \
	" COALESCE(x2.ancestor_id, 0), " fig ", COUNT(*), " v1 ", 0, 0"        \
	" FROM hotspots h" AGG_ANCESTRY("h", "opened_on") grains " WHERE "     \
	cond where("h", "opened_on") " GROUP BY 1, 2, 3, 4, 5"

/* The rows rollup_iv must hold (IV_AGG_COLS). */
#define IV_AGG_RECOUNT(where)                                                 \
	"SELECT x1.ancestor_id AS c1, v.period_end AS c2,"                     \
	" v.period_start AS c3, v.indicator_id AS c4, v.period AS c5,"         \
	" COALESCE(x2.ancestor_id, 0) AS c6, COUNT(*) AS c7,"                  \
	" SUM(v.numerator) AS c8, SUM(v.denominator) AS c9"                    \
	" FROM indicator_values v"        \
	AGG_ANCESTRY("v", "period_end") " WHERE 1 = 1"                         \
	where("v", "period_end") " GROUP BY 1, 2, 3, 4, 5, 6"

/* Add the rows of a recount into the tables, scaled by `sign` (an SQL
 * expression: 1, -1 or a parameter). */
#define AGG_UPSERT(tbl, cols, key, sign, select, sets)                        \
	"INSERT INTO " #tbl " (" cols ") SELECT r.c1, r.c2, r.c3, r.c4, r.c5, " \
	AGG_SCALED_##tbl(sign) " FROM (" select ") r WHERE 1 = 1"              \
	" ON CONFLICT (" key ") DO UPDATE SET " sets
/* The key columns stay, the counts and sums are scaled. */
#define AGG_SCALED_rollup_agg(sign)                                           \
	sign " * r.c6, " sign " * r.c7, " sign " * r.c8, " sign " * r.c9"
#define AGG_SCALED_rollup_iv(sign)                                            \
	"r.c6, " sign " * r.c7, " sign " * r.c8, " sign " * r.c9"
#define AGG_SETS                                                              \
	"n = rollup_agg.n + excluded.n, v1 = rollup_agg.v1 + excluded.v1,"     \
	" v2 = rollup_agg.v2 + excluded.v2, v3 = rollup_agg.v3 + excluded.v3"
#define IV_AGG_SETS                                                           \
	"n = rollup_iv.n + excluded.n, num = rollup_iv.num + excluded.num,"    \
	" den = rollup_iv.den + excluded.den"

/* The back-fill of migration 9 (month and day rows). */
#define AGG_FILL_V9                                                           \
	"INSERT INTO rollup_agg (" AGG_COLS ") SELECT * FROM ("                \
	AGG_RECOUNT_G(AGG_ALL, AGG_GRAINS_V9) ") r;"                           \
	"INSERT INTO rollup_iv (" IV_AGG_COLS ") SELECT * FROM ("              \
	IV_AGG_RECOUNT(AGG_ALL) ") r;"

/* Migration 10: the year rows, summed from the month rows, and the rows
 * of the opinion reports. */
#define AGG_V10_FILL(tbl)                                                     \
	"INSERT INTO " tbl " (" AGG_COLS ") SELECT ancestor_id, 'y',"          \
	" substr(bucket, 1, 4), child_id, fig, SUM(n), SUM(v1), SUM(v2),"      \
	" SUM(v3) FROM rollup_agg WHERE grain = 'm'"                           \
	" GROUP BY ancestor_id, substr(bucket, 1, 4), child_id, fig;"          \
	"INSERT INTO " tbl " (" AGG_COLS ") SELECT * FROM ("                   \
	AGG_RECOUNT_OPINION(AGG_ALL, AGG_GRAINS) ") r;"

/*
 * Trigger bodies (SQLite; the PostgreSQL function's too), per record `rec`
 * (NEW or OLD) of unit `rec.unit_id` dated `rec.col`: add `sign` times its
 * figures to every ancestor above it on that date, in each of `grains`,
 * then drop the rows that fell to zero. AGG_TRIG_ADD_AT: the record of
 * unit `unit`, its ancestry taken on date `on`, its bucket from date `at`
 * behind `pre` (AGG_HS_STATE…, or ""), when `cond` (" AND …" or "")
 * holds; AGG_TRIG_CLEAN_AT: the rows of such a bucket.
 */
#define AGG_TRIG_ADD(grains, rec, col, fig, sign, a, b, c)                    \
	AGG_TRIG_ADD_AT(grains, rec ".unit_id", rec "." col, "", rec "." col,  \
			"", fig, sign, a, b, c)
#define AGG_TRIG_ADD_AT(grains, unit, on, pre, at, cond, fig, sign, a, b, c)  \
	"INSERT INTO rollup_agg (" AGG_COLS ") SELECT x1.ancestor_id,"         \
	" g.grain, " pre AGG_BUCKET(at) ", COALESCE(x2.ancestor_id, 0), "      \
	fig ", " sign ", " sign " * " a ", " sign " * " b ", " sign " * " c    \
	" FROM unit_ancestry x1 LEFT JOIN unit_ancestry x2"                    \
	" ON x2.unit_id = x1.unit_id AND x2.depth = x1.depth - 1"              \
	" AND " on " >= x2.valid_from"                                         \
	" AND " on " <= x2.valid_to" grains                                    \
	" WHERE x1.unit_id = " unit " AND x1.depth >= 1"                       \
	" AND " on " >= x1.valid_from"                                         \
	" AND " on " <= x1.valid_to" cond                                      \
	" ON CONFLICT (" AGG_KEY ") DO UPDATE SET " AGG_SETS ";"
#define AGG_TRIG_CLEAN(rec, col)                                              \
	AGG_TRIG_CLEAN_AT(rec ".unit_id", "", rec "." col)
#define AGG_TRIG_CLEAN_AT(unit, pre, at)                                      \
	"DELETE FROM rollup_agg WHERE n = 0 AND grain = 'y'"                   \
	" AND bucket = " pre "substr(" at ", 1, 4) AND ancestor_id IN"         \
	" (SELECT ancestor_id FROM unit_ancestry WHERE unit_id = " unit        \
	" AND depth >= 1);"                                                    \
	"DELETE FROM rollup_agg WHERE n = 0 AND grain = 'm'"                   \
	" AND bucket = " pre "substr(" at ", 1, 7) AND ancestor_id IN"         \
	" (SELECT ancestor_id FROM unit_ancestry WHERE unit_id = " unit        \
	" AND depth >= 1);"                                                    \
	"DELETE FROM rollup_agg WHERE n = 0 AND grain = 'd'"                   \
	" AND bucket = " pre at " AND ancestor_id IN"                          \
	" (SELECT ancestor_id FROM unit_ancestry WHERE unit_id = " unit        \
	" AND depth >= 1);"
#define IV_TRIG_ADD(rec, sign)                                                \
	"INSERT INTO rollup_iv (" IV_AGG_COLS ") SELECT x1.ancestor_id, "      \
	rec ".period_end, " rec ".period_start, " rec ".indicator_id, " rec    \
	".period, COALESCE(x2.ancestor_id, 0), " sign ", " sign " * " rec      \
	".numerator, " sign " * " rec ".denominator"                           \
	" FROM unit_ancestry x1 LEFT JOIN unit_ancestry x2"                    \
	" ON x2.unit_id = x1.unit_id AND x2.depth = x1.depth - 1"              \
	" AND " rec ".period_end >= x2.valid_from"                             \
	" AND " rec ".period_end <= x2.valid_to"                               \
	" WHERE x1.unit_id = " rec ".unit_id AND x1.depth >= 1"                \
	" AND " rec ".period_end >= x1.valid_from"                             \
	" AND " rec ".period_end <= x1.valid_to"                               \
	" ON CONFLICT (" IV_AGG_KEY ") DO UPDATE SET " IV_AGG_SETS ";"
#define IV_TRIG_CLEAN(rec)                                                    \
	"DELETE FROM rollup_iv WHERE n = 0 AND period_end = " rec              \
	".period_end AND ancestor_id IN (SELECT ancestor_id FROM"              \
	" unit_ancestry WHERE unit_id = " rec ".unit_id AND depth >= 1);"

#endif
