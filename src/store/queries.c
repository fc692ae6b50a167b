/*
 * The table of SQL for `enum query`, expanded from the sql_*.def files (see
 * queries.h). Column lists shared by several statements are macros in
 * sql_macros.h, so the positions a domain module reads stay identical
 * across its statements.
 */
#include "store/queries.h"
#include "store/sql_macros.h"

#include <stddef.h>

static const struct {
	const char *name;
	const char *sql;
} queries[Q__COUNT] = {
#define Q(id, qname, text) [id] = { qname, text },
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
#undef Q
};

const char *query_sql(enum query q)
{
	return (unsigned)q < Q__COUNT ? queries[q].sql : NULL;
}

const char *query_name(enum query q)
{
	return (unsigned)q < Q__COUNT ? queries[q].name : "?";
}
