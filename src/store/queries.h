/*
 * The catalogue of statements domain code may run, by name. The SQL text is
 * in the sql_*.def files, one per module, in one dialect both backends
 * accept: numbered parameters ?1..?N (the PostgreSQL backend rewrites them
 * to $1..$N), explicit CASTs where a parameter's type could not be
 * inferred, RETURNING for new ids, and times as ISO-8601 UTC text computed
 * in C. Each .def file lists Q(id, name, sql) entries; this header expands
 * them into `enum query`, queries.c into the table of SQL.
 *
 * Subtrees are ranges of the materialised path: a unit's `path` is
 * "/1/5/23/" (its ancestors' ids and its own), and its subtree is every unit
 * with  path >= P  and  path < P' , where P' is P with its final '/'
 * replaced by '0' (the next byte). That range uses the path index on both
 * backends; units_subtree_range() in domain/units.c computes P'.
 */
#ifndef TG_QUERIES_H
#define TG_QUERIES_H

#define Q(id, name, sql) id,
enum query {
#include "store/sql_core.def"
#include "store/sql_documents.def"
#include "store/sql_study.def"
#include "store/sql_opinion.def"
#include "store/sql_reports.def"
#include "store/sql_rollup.def"
#include "store/sql_gen.def"
#include "store/sql_security.def"
#include "store/sql_imports.def"
#include "store/sql_publications.def"
#include "store/sql_honours.def"
	Q__COUNT
};
#undef Q

/* The SQL of statement q, in the portable dialect described above. */
const char *query_sql(enum query q);
/* A short name for logs and errors ("unit_get"). */
const char *query_name(enum query q);

#endif
