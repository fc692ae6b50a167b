/*
 * The catalogue of statements domain code may run, by name. The SQL text is
 * in queries.c, in one dialect both backends accept: numbered parameters
 * ?1..?N (the PostgreSQL backend rewrites them to $1..$N), explicit CASTs
 * where a parameter's type could not be inferred, RETURNING for new ids, and
 * times as ISO-8601 UTC text computed in C.
 *
 * Subtrees are ranges of the materialised path: a unit's `path` is
 * "/1/5/23/" (its ancestors' ids and its own), and its subtree is every unit
 * with  path >= P  and  path < P' , where P' is P with its final '/'
 * replaced by '0' (the next byte). That range uses the path index on both
 * backends; units_path_end() in domain/units.c computes P'.
 */
#ifndef TG_QUERIES_H
#define TG_QUERIES_H

enum query {
	/* levels */
	Q_LEVEL_LIST,
	Q_LEVEL_GET,
	Q_LEVEL_GET_BY_CODE,
	Q_LEVEL_INSERT,
	Q_LEVEL_UPDATE,
	/* units */
	Q_UNIT_GET,
	Q_UNIT_GET_BY_CODE,
	Q_UNIT_CHILDREN,
	Q_UNIT_CHILDREN_COUNT,
	Q_UNIT_SEARCH,
	Q_UNIT_SEARCH_COUNT,
	Q_UNIT_INSERT,
	Q_UNIT_SET_PATH,
	Q_UNIT_UPDATE,
	Q_UNIT_SET_PARENT,
	Q_UNIT_REPATH_SUBTREE,
	Q_UNIT_DELETE,
	Q_UNIT_DEPENDENTS,
	/* users */
	Q_USER_GET,
	Q_USER_AUTH_BY_USERNAME,
	Q_USER_LIST,
	Q_USER_LIST_COUNT,
	Q_USER_INSERT,
	Q_USER_UPDATE,
	Q_USER_SET_PASSWORD,
	Q_USER_DELETE,
	/* sessions */
	Q_SESSION_INSERT,
	Q_SESSION_LOOKUP,
	Q_SESSION_TOUCH,
	Q_SESSION_DELETE,
	Q_SESSION_DELETE_FOR_USER,
	Q_SESSION_PURGE,
	/* audit */
	Q_AUDIT_INSERT,
	Q_AUDIT_LIST,
	Q_AUDIT_LIST_COUNT,
	Q__COUNT
};

/* The SQL of statement q, in the portable dialect described above. */
const char *query_sql(enum query q);
/* A short name for logs and errors ("unit_get"). */
const char *query_name(enum query q);

#endif
