/*
 * PostgreSQL replacements for the few statements of the sql_*.def files
 * that only SQLite can run (see sql_pg_overrides.c).
 */
#ifndef TG_SQL_PG_OVERRIDES_H
#define TG_SQL_PG_OVERRIDES_H

#include "store/queries.h"

/* The PostgreSQL SQL of statement q when it differs from query_sql(q),
 * else NULL. Same dialect (?N parameters), same columns, same meaning. */
const char *pg_override_sql(enum query q);

#endif
