/*
 * Versioned schema migrations. Each backend has its own list (the DDL
 * differs: INTEGER PRIMARY KEY vs identity columns), in the same order and
 * with the same versions; a migration is applied once, in a transaction
 * together with its row in schema_migrations, at start-up.
 */
#ifndef TG_SCHEMA_H
#define TG_SCHEMA_H

struct migration {
	int version; /* 0 ends the list */
	const char *name;
	const char *sql;
};

extern const struct migration schema_sqlite[];
extern const struct migration schema_pg[];

#endif
