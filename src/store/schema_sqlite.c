/*
 * The SQLite schema, as a list of migrations (see schema.h). Never edit a
 * migration that has shipped: add a new one.
 *
 * Roles are data checked by a CHECK constraint mirrored in domain/auth.c.
 * Times are ISO-8601 UTC text, except session times, which are Unix seconds
 * because they are compared arithmetically on every request.
 */
#include "store/schema.h"

#include <stddef.h>

const struct migration schema_sqlite[] = {
	{ 1, "foundation",
	  "CREATE TABLE levels ("
	  " id INTEGER PRIMARY KEY,"
	  " code TEXT NOT NULL UNIQUE,"
	  " name TEXT NOT NULL,"
	  " rank INTEGER NOT NULL);"

	  "CREATE TABLE units ("
	  " id INTEGER PRIMARY KEY,"
	  " code TEXT NOT NULL UNIQUE,"
	  " name TEXT NOT NULL,"
	  " short_name TEXT NOT NULL DEFAULT '',"
	  " level_id INTEGER NOT NULL REFERENCES levels(id),"
	  " parent_id INTEGER REFERENCES units(id),"
	  " path TEXT NOT NULL,"
	  " depth INTEGER NOT NULL,"
	  " valid_from TEXT,"
	  " valid_to TEXT,"
	  " members INTEGER NOT NULL DEFAULT 0 CHECK (members >= 0),"
	  " search_folded TEXT NOT NULL,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL);"
	  "CREATE INDEX units_parent ON units(parent_id);"
	  "CREATE INDEX units_path ON units(path);"

	  "CREATE TABLE users ("
	  " id INTEGER PRIMARY KEY,"
	  " username TEXT NOT NULL UNIQUE,"
	  " full_name TEXT NOT NULL DEFAULT '',"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " role TEXT NOT NULL CHECK (role IN ('admin', 'leader',"
	  "  'specialist', 'contributor', 'viewer')),"
	  " password_hash TEXT NOT NULL,"
	  " disabled INTEGER NOT NULL DEFAULT 0,"
	  " search_folded TEXT NOT NULL,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL);"
	  "CREATE INDEX users_unit ON users(unit_id);"

	  "CREATE TABLE sessions ("
	  " id INTEGER PRIMARY KEY,"
	  " token_hash TEXT NOT NULL UNIQUE,"
	  " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	  " csrf_token TEXT NOT NULL,"
	  " created_at INTEGER NOT NULL,"
	  " last_seen INTEGER NOT NULL,"
	  " ip TEXT NOT NULL);"
	  "CREATE INDEX sessions_user ON sessions(user_id);"

	  "CREATE TABLE audit ("
	  " id INTEGER PRIMARY KEY,"
	  " at TEXT NOT NULL,"
	  " user_id INTEGER,"
	  " username TEXT,"
	  " ip TEXT,"
	  " action TEXT NOT NULL,"
	  " entity TEXT NOT NULL,"
	  " entity_id INTEGER,"
	  " unit_id INTEGER,"
	  " before_json TEXT,"
	  " after_json TEXT);"
	  "CREATE INDEX audit_at ON audit(at);"
	  "CREATE INDEX audit_entity ON audit(entity, entity_id);"
	  "CREATE INDEX audit_unit ON audit(unit_id);" },
	/* version 2: documents and tasks (documents module) */
	/* version 3: study, reporters, training, indicators, unit history */
	{ 0, NULL, NULL },
};
