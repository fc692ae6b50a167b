/*
 * The SQL of every statement in queries.h, in the portable dialect described
 * there. Columns are listed explicitly and read by position; the *_COLS
 * macros keep the positions of one entity identical across its statements,
 * and the domain module that reads them names the positions in an enum.
 */
#include "store/queries.h"

#include <stddef.h>

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
	" FROM audit a LEFT JOIN units un ON un.id = a.unit_id"                \
	" WHERE ((" SUBTREE("un", "?1", "?2") ") OR (a.unit_id IS NULL AND"    \
	" CAST(?3 AS BIGINT) = 1))"                                            \
	" AND (CAST(?4 AS TEXT) IS NULL OR a.entity = ?4)"                     \
	" AND (CAST(?5 AS TEXT) IS NULL OR a.action = ?5)"                     \
	" AND (CAST(?6 AS TEXT) IS NULL OR a.username = ?6)"                   \
	" AND (CAST(?7 AS TEXT) IS NULL OR a.at >= ?7)"                        \
	" AND (CAST(?8 AS TEXT) IS NULL OR a.at < ?8)"                         \
	" AND (CAST(?9 AS BIGINT) IS NULL OR a.entity_id = ?9)"

static const struct {
	const char *name;
	const char *sql;
} queries[Q__COUNT] = {
	[Q_LEVEL_LIST] = { "level_list",
		"SELECT id, code, name, rank FROM levels ORDER BY rank, id" },
	[Q_LEVEL_GET] = { "level_get",
		"SELECT id, code, name, rank FROM levels WHERE id = ?1" },
	[Q_LEVEL_GET_BY_CODE] = { "level_get_by_code",
		"SELECT id, code, name, rank FROM levels WHERE code = ?1" },
	[Q_LEVEL_INSERT] = { "level_insert",
		"INSERT INTO levels (code, name, rank) VALUES (?1, ?2, ?3)"
		" RETURNING id" },
	[Q_LEVEL_UPDATE] = { "level_update",
		"UPDATE levels SET code = ?2, name = ?3, rank = ?4 WHERE id = ?1" },

	[Q_UNIT_GET] = { "unit_get",
		"SELECT " UNIT_COLS UNIT_FROM "WHERE u.id = ?1" },
	[Q_UNIT_GET_BY_CODE] = { "unit_get_by_code",
		"SELECT " UNIT_COLS UNIT_FROM "WHERE u.code = ?1" },
	[Q_UNIT_CHILDREN] = { "unit_children",
		"SELECT " UNIT_COLS UNIT_FROM "WHERE u.parent_id = ?1"
		" ORDER BY l.rank, u.name, u.id LIMIT ?2 OFFSET ?3" },
	[Q_UNIT_CHILDREN_COUNT] = { "unit_children_count",
		"SELECT COUNT(*) FROM units WHERE parent_id = ?1" },
	[Q_UNIT_SEARCH] = { "unit_search",
		"SELECT " UNIT_COLS UNIT_FROM "WHERE " SUBTREE("u", "?1", "?2")
		" AND (CAST(?3 AS TEXT) IS NULL OR u.search_folded LIKE ?3"
		" ESCAPE '\\')"
		" AND (CAST(?4 AS TEXT) IS NULL OR l.code = ?4)"
		" ORDER BY u.depth, l.rank, u.name, u.id LIMIT ?5 OFFSET ?6" },
	[Q_UNIT_SEARCH_COUNT] = { "unit_search_count",
		"SELECT COUNT(*)" UNIT_FROM "WHERE " SUBTREE("u", "?1", "?2")
		" AND (CAST(?3 AS TEXT) IS NULL OR u.search_folded LIKE ?3"
		" ESCAPE '\\')"
		" AND (CAST(?4 AS TEXT) IS NULL OR l.code = ?4)" },
	[Q_UNIT_INSERT] = { "unit_insert",
		"INSERT INTO units (code, name, short_name, level_id, parent_id,"
		" path, depth, valid_from, valid_to, members, search_folded,"
		" created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, '', 0, ?6, ?7, ?8, ?9, ?10, ?10)"
		" RETURNING id" },
	[Q_UNIT_SET_PATH] = { "unit_set_path",
		"UPDATE units SET path = ?2, depth = ?3 WHERE id = ?1" },
	[Q_UNIT_UPDATE] = { "unit_update",
		"UPDATE units SET code = ?2, name = ?3, short_name = ?4,"
		" level_id = ?5, valid_from = ?6, valid_to = ?7, members = ?8,"
		" search_folded = ?9, updated_at = ?10 WHERE id = ?1" },
	[Q_UNIT_SET_PARENT] = { "unit_set_parent",
		"UPDATE units SET parent_id = ?2 WHERE id = ?1" },
	[Q_UNIT_REPATH_SUBTREE] = { "unit_repath_subtree",
		"UPDATE units SET path = CAST(?1 AS TEXT) ||"
		" substr(path, CAST(?2 AS INTEGER)),"
		" depth = depth + CAST(?3 AS INTEGER)"
		" WHERE path >= ?4 AND path < ?5" },
	[Q_UNIT_DELETE] = { "unit_delete", "DELETE FROM units WHERE id = ?1" },
	[Q_UNIT_DEPENDENTS] = { "unit_dependents",
		"SELECT (SELECT COUNT(*) FROM units WHERE parent_id = ?1),"
		" (SELECT COUNT(*) FROM users WHERE unit_id = ?1)" },

	[Q_USER_GET] = { "user_get",
		"SELECT " USER_COLS USER_FROM "WHERE u.id = ?1" },
	[Q_USER_AUTH_BY_USERNAME] = { "user_auth_by_username",
		"SELECT " USER_COLS ", u.password_hash" USER_FROM
		"WHERE u.username = ?1" },
	[Q_USER_LIST] = { "user_list",
		"SELECT " USER_COLS USER_FROM USER_FILTER
		" ORDER BY un.path, u.username LIMIT ?5 OFFSET ?6" },
	[Q_USER_LIST_COUNT] = { "user_list_count",
		"SELECT COUNT(*)" USER_FROM USER_FILTER },
	[Q_USER_INSERT] = { "user_insert",
		"INSERT INTO users (username, full_name, unit_id, role,"
		" password_hash, disabled, search_folded, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING id" },
	[Q_USER_UPDATE] = { "user_update",
		"UPDATE users SET full_name = ?2, unit_id = ?3, role = ?4,"
		" disabled = ?5, search_folded = ?6, updated_at = ?7"
		" WHERE id = ?1" },
	[Q_USER_SET_PASSWORD] = { "user_set_password",
		"UPDATE users SET password_hash = ?2, updated_at = ?3"
		" WHERE id = ?1" },
	[Q_USER_DELETE] = { "user_delete", "DELETE FROM users WHERE id = ?1" },

	[Q_SESSION_INSERT] = { "session_insert",
		"INSERT INTO sessions (token_hash, user_id, csrf_token,"
		" created_at, last_seen, ip) VALUES (?1, ?2, ?3, ?4, ?4, ?5)" },
	[Q_SESSION_LOOKUP] = { "session_lookup",
		"SELECT s.id, s.csrf_token, s.created_at, s.last_seen, "
		USER_COLS USER_FROM
		"JOIN sessions s ON s.user_id = u.id WHERE s.token_hash = ?1" },
	[Q_SESSION_TOUCH] = { "session_touch",
		"UPDATE sessions SET last_seen = ?2 WHERE id = ?1" },
	[Q_SESSION_DELETE] = { "session_delete",
		"DELETE FROM sessions WHERE token_hash = ?1" },
	[Q_SESSION_DELETE_FOR_USER] = { "session_delete_for_user",
		"DELETE FROM sessions WHERE user_id = ?1" },
	[Q_SESSION_PURGE] = { "session_purge",
		"DELETE FROM sessions WHERE last_seen < ?1 OR created_at < ?2" },

	[Q_AUDIT_INSERT] = { "audit_insert",
		"INSERT INTO audit (at, user_id, username, ip, action, entity,"
		" entity_id, unit_id, before_json, after_json)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)" },
	[Q_AUDIT_LIST] = { "audit_list",
		"SELECT a.id, a.at, a.user_id, a.username, a.ip, a.action,"
		" a.entity, a.entity_id, a.unit_id, a.before_json, a.after_json"
		AUDIT_FILTER " ORDER BY a.id DESC LIMIT ?10 OFFSET ?11" },
	[Q_AUDIT_LIST_COUNT] = { "audit_list_count",
		"SELECT COUNT(*)" AUDIT_FILTER },
};

const char *query_sql(enum query q)
{
	return (unsigned)q < Q__COUNT ? queries[q].sql : NULL;
}

const char *query_name(enum query q)
{
	return (unsigned)q < Q__COUNT ? queries[q].name : "?";
}
