/*
 * SQL fragments shared by the statement files (sql_*.def): the column lists
 * whose positions domain modules read, and the subtree range test.
 */
#ifndef TG_SQL_MACROS_H
#define TG_SQL_MACROS_H

#define SUBTREE(alias, lo, hi) alias ".path >= " lo " AND " alias ".path < " hi

/* Positions: see enum unit_col in domain/units.c. */
#define UNIT_COLS                                                             \
	"u.id, u.code, u.name, u.short_name, l.code, l.name, u.parent_id, "     \
	"u.valid_from, u.valid_to, u.members, "                                \
	"(SELECT COALESCE(SUM(m.members), 0) FROM units m WHERE m.path >= "    \
	"u.path AND m.path < substr(u.path, 1, length(u.path) - 1) || '0'), "  \
	"(SELECT COUNT(*) FROM units c WHERE c.parent_id = u.id), u.path, "    \
	"u.level_id, u.depth, u.created_at, u.updated_at "

#define UNIT_FROM " FROM units u JOIN levels l ON l.id = u.level_id "

/* Positions: see enum user_col in domain/users.c. */
#define USER_COLS                                                             \
	"u.id, u.username, u.full_name, u.role, u.unit_id, un.code, un.name, " \
	"u.disabled, u.created_at, un.path "

#define USER_FROM " FROM users u JOIN units un ON un.id = u.unit_id "

#define USER_FILTER                                                           \
	" WHERE " SUBTREE("un", "?1", "?2")                                    \
	" AND (CAST(?3 AS BIGINT) IS NULL OR u.unit_id = ?3)"                  \
	" AND (CAST(?4 AS TEXT) IS NULL OR u.search_folded LIKE ?4 ESCAPE '\\')"

#define AUDIT_FILTER                                                          \
	" FROM audit a"                                                        \
	" WHERE ((a.unit_path >= ?1 AND a.unit_path < ?2) OR"                 \
	" (a.unit_path IS NULL AND CAST(?3 AS BIGINT) = 1))"                   \
	" AND (CAST(?4 AS TEXT) IS NULL OR a.entity = ?4)"                     \
	" AND (CAST(?5 AS TEXT) IS NULL OR a.action = ?5)"                     \
	" AND (CAST(?6 AS TEXT) IS NULL OR a.username = ?6)"                   \
	" AND (CAST(?7 AS TEXT) IS NULL OR a.at >= ?7)"                        \
	" AND (CAST(?8 AS TEXT) IS NULL OR a.at < ?8)"                         \
	" AND (CAST(?9 AS BIGINT) IS NULL OR a.entity_id = ?9)"

#endif
