/*
 * The statements PostgreSQL runs instead of their portable text, by query
 * id: those the .def files mark SQLite-only, and a few where PostgreSQL
 * has a faster form. Each keeps the parameter numbers and the column
 * positions of the statement it replaces.
 *
 * Q_DOC_SEARCH_FTS / Q_DOC_SEARCH_FTS_COUNT ("*_fts_sqlite"): SQLite runs
 * an FTS5 MATCH. ?9 is then an FTS5 query of quoted prefix terms built by
 * documents.c (`"nghi"* "quyet"*`). Here every term must start a word of
 * documents.search_folded: words are the runs left when ASCII punctuation
 * and spaces are cut out, as FTS5's unicode61 tokenizer cuts them. The
 * rank column is a bm25 score computed in SQL (see PG_RANK), so "relevance"
 * orders much as FTS5 does; it reads every document's folded text once per
 * search, which is fine for a province and is the thing to replace (a
 * tsvector column, or pg_trgm similarity) at national size.
 *
 * Q_GEN_* ("gen_*_sqlite", sql_gen.def): the generator's JSON batches,
 * read with json_array_elements() instead of SQLite's json_each().
 *
 * Q_REP_ROLLUP_ALL, Q_HP_ROLLUP_SHARE_ALL: the root's roster and history
 * share find each unit's child of the root with one index probe against
 * an array of the root's children (ROOT_CHILD_ANY) instead of two probes:
 * 10,0 → 8,5 and 8,1 → 7,1 ms at the nation (psql, national dataset,
 * jit off as in our sessions: their estimate passes jit_above_cost).
 */
#include "store/sql_pg_overrides.h"
#include "store/sql_macros.h"

#include <stddef.h>

/* The column-list macros of the documents module, the generator's and
 * the roll-up's. */
#define Q(id, name, sql)
#include "store/sql_documents.def"
#include "store/sql_gen.def"
#include "store/sql_study.def"
#include "store/sql_honours.def"
#undef Q

/* The terms of ?9, one per row (w). */
#define PG_TERMS                                                              \
	" unnest(string_to_array(replace(replace(CAST(?9 AS TEXT), '\"', ''),"  \
	" '*', ''), ' ')) "

/* The words of a folded column, as ' w1 w2 … ': cut at the ASCII bytes
 * that are not letters or digits (\x01-/ :-@ [-` {-\x7f). */
#define PG_WORDS(col)                                                         \
	"(' ' || regexp_replace(" col ", '[\\x01-/:-@\\[-`{-\\x7f]+', ' ',"    \
	" 'g'))"

/* Every term of ?9 starts a word of d.search_folded. */
#define PG_DOC_MATCH                                                          \
	" NOT EXISTS (SELECT 1 FROM" PG_TERMS "AS ft(w) WHERE ft.w <> ''"       \
	" AND " PG_WORDS("d.search_folded") " NOT LIKE '% ' || ft.w || '%') "

/* bm25 (k1 = 1.2, b = 0.75) over the word-start occurrences of the terms,
 * negated like FTS5's rank (lower is better): the number of documents and
 * their mean folded length (st), each term's document frequency (tq). */
#define PG_RANK_WITH                                                          \
	"WITH st AS (SELECT CAST(COUNT(*) AS DOUBLE PRECISION) AS n,"           \
	" CAST(COALESCE(AVG(length(search_folded)), 1) AS DOUBLE PRECISION)"   \
	" AS avgl FROM documents),"                                            \
	" tq AS (SELECT t.w, CAST((SELECT COUNT(*) FROM documents dd WHERE "   \
	PG_WORDS("dd.search_folded") " LIKE '% ' || t.w || '%')"               \
	" AS DOUBLE PRECISION) AS df FROM" PG_TERMS "AS t(w) WHERE t.w <> '') "
#define PG_RANK                                                               \
	" -(SELECT COALESCE(SUM(ln((st.n - tq.df + 0.5) / (tq.df + 0.5) + 1)"  \
	" * tf.f * 2.2 / (tf.f + 1.2 * (0.25 + 0.75 *"                         \
	" length(d.search_folded) / GREATEST(st.avgl, 1)))), 0)"               \
	" FROM st, tq, LATERAL (SELECT CAST((length(x.s) - length(replace(x.s," \
	" ' ' || tq.w, ''))) / length(' ' || tq.w) AS DOUBLE PRECISION) AS f"  \
	" FROM (SELECT " PG_WORDS("d.search_folded") " AS s) x) tf) "

#define GEN_AGG_SWITCH(how)                                                   \
	"DO $$ BEGIN"                                                          \
	" ALTER TABLE activities " how " TRIGGER activities_agg;"              \
	" ALTER TABLE reporter_conferences " how " TRIGGER rc_agg;"            \
	" ALTER TABLE classes " how " TRIGGER classes_agg;"                    \
	" ALTER TABLE indicator_values " how " TRIGGER iv_agg;"                \
	" ALTER TABLE opinion_reports " how " TRIGGER opinion_agg;"            \
	" ALTER TABLE hotspots " how " TRIGGER hotspots_agg; END $$"

static const char *const overrides[Q__COUNT] = {
	[Q_DOC_SEARCH_FTS] =
		PG_RANK_WITH "SELECT " DOC_COLS "," PG_RANK "AS tg_rank"
		" FROM documents d" DOC_JOINS
		"WHERE" PG_DOC_MATCH "AND" DOC_FILTER
		" ORDER BY" DOC_ORDER ", tg_rank, d.issued_on DESC, d.id DESC"
		" LIMIT ?11 OFFSET ?12",
	[Q_DOC_SEARCH_FTS_COUNT] =
		"SELECT COUNT(*) FROM documents d" DOC_JOINS
		"WHERE" PG_DOC_MATCH "AND" DOC_FILTER,
	/* Where the WAL is: written on the primary, replayed on a replica. */
	[Q_DATA_VERSION] =
		"SELECT CAST(CASE WHEN pg_is_in_recovery()"
		" THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_insert_lsn()"
		" END AS TEXT)",
	/* The generator's batches: the JSON array read as json rows. */
	[Q_GEN_UNITS] = GEN_UNITS(GEN_ROWS_PG),
	[Q_GEN_ACTIVITIES] = GEN_ACTIVITIES(GEN_ROWS_PG),
	[Q_GEN_REPORTERS] = GEN_REPORTERS(GEN_ROWS_PG),
	[Q_GEN_RCONFS] = GEN_RCONFS(GEN_ROWS_PG),
	[Q_GEN_CLASSES] = GEN_CLASSES(GEN_ROWS_PG),
	[Q_GEN_IVALUES] = GEN_IVALUES(GEN_ROWS_PG),
	[Q_GEN_OPINION] = GEN_OPINION(GEN_ROWS_PG),
	[Q_GEN_HOTSPOTS] = GEN_HOTSPOTS(GEN_ROWS_PG),
	[Q_GEN_DOCS_IN] = GEN_DOCS_IN(GEN_ROWS_PG),
	[Q_GEN_ASSIGNMENTS] = GEN_ASSIGNMENTS(GEN_ROWS_PG),
	/* The root's roster and history share: one ancestry probe per
	 * unit instead of two (sql_study.def, ROLLUP_REC_GROUPED). */
	[Q_REP_ROLLUP_ALL] = REP_ROLLUP_ALL(ROOT_CHILD_ANY),
	[Q_HP_ROLLUP_SHARE_ALL] = HP_ROLLUP_SHARE_ALL(ROOT_CHILD_ANY),
	/* The roll-up aggregate triggers, switched by the tables' owner. */
	[Q_GEN_AGG_OFF] = GEN_AGG_SWITCH("DISABLE"),
	[Q_GEN_AGG_ON] = GEN_AGG_SWITCH("ENABLE"),
	[Q_GEN_AGG_PAUSED] =
		"SELECT COUNT(*) FROM pg_trigger WHERE tgname IN"
		" ('activities_agg', 'rc_agg', 'classes_agg', 'iv_agg',"
		" 'opinion_agg', 'hotspots_agg')"
		" AND tgenabled = 'D'",
};

const char *pg_override_sql(enum query q)
{
	return (unsigned)q < Q__COUNT ? overrides[q] : NULL;
}
