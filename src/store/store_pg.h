/*
 * What the PostgreSQL backend offers beyond store.h, for tests and tools.
 */
#ifndef TG_STORE_PG_H
#define TG_STORE_PG_H

#include "store/store.h"

/*
 * Prepare every statement of queries.h on connection c (of a PostgreSQL
 * store), so one whose SQL PostgreSQL cannot parse or type is found without
 * running it. Returns the number that failed (each logged on stderr with
 * its name and PostgreSQL's message), or -1 when c is not PostgreSQL.
 */
int store_pg_prepare_all(struct store_conn *c);

#endif
