/*
 * The SQLite schema, as a list of migrations (see schema.h). Never edit a
 * migration that has shipped: add a new one.
 *
 * Roles are data checked by a CHECK constraint mirrored in domain/auth.c.
 * Times are ISO-8601 UTC text, except session times, which are Unix seconds
 * because they are compared arithmetically on every request.
 *
 * Ids are AUTOINCREMENT so a deleted row's id is never given to a new one:
 * the audit trail names entities by id. An audit row keeps the path of its
 * unit as it was when written, so rows about a unit deleted or moved since
 * stay readable by those whose subtree held it.
 */
#include "store/schema.h"
#include "store/sql_rollup.h"

#include <stddef.h>

/*
 * The three triggers (`name`_insert, _update, _delete) that keep rollup_agg
 * (store/sql_rollup.h) for the records of `tbl`, dated by column `col`, in
 * the grains `grains`; `cols` are the columns whose update changes the
 * figures. FIG, A, B and C are macros giving, for the record NEW or OLD,
 * the figure and its three summed numbers.
 */
#define AGG_SQLITE_TABLE_TRIGGERS(grains, name, tbl, cols, col, FIG, A, B, C) \
	"CREATE TRIGGER " name "_insert AFTER INSERT ON " tbl " BEGIN "        \
	AGG_TRIG_ADD(grains, "NEW", col, FIG("NEW"), "1", A("NEW"), B("NEW"),  \
		     C("NEW"))                                                 \
	" END;"                                                                \
	"CREATE TRIGGER " name "_update AFTER UPDATE OF " cols " ON " tbl      \
	" BEGIN "                                                              \
	AGG_TRIG_ADD(grains, "OLD", col, FIG("OLD"), "-1", A("OLD"), B("OLD"), \
		     C("OLD"))                                                 \
	AGG_TRIG_ADD(grains, "NEW", col, FIG("NEW"), "1", A("NEW"), B("NEW"),  \
		     C("NEW"))                                                 \
	AGG_TRIG_CLEAN("OLD", col) " END;"                                     \
	"CREATE TRIGGER " name "_delete AFTER DELETE ON " tbl " BEGIN "        \
	AGG_TRIG_ADD(grains, "OLD", col, FIG("OLD"), "-1", A("OLD"), B("OLD"), \
		     C("OLD"))                                                 \
	AGG_TRIG_CLEAN("OLD", col) " END;"
#define REC_KIND(r) r ".kind"
#define REC_RC(r) "'rc'"
#define REC_ZERO(r) "0"
#define REC_PRESENT(r) r ".members_present"
#define REC_EXPECTED(r) r ".members_expected"
#define REC_NON(r) r ".non_members"
#define REC_REPORTERS(r) r ".reporters_present"
#define REC_AUDIENCE(r) r ".audience"
#define REC_ENROLLED(r) r ".enrolled"
#define REC_COMPLETED(r) r ".completed"
#define REC_AGREE(r) r ".share_agree"
#define REC_CONCERNED(r) r ".share_concerned"
#define REC_DISAGREE(r) r ".share_disagree"

/* The triggers of activities, reporter conferences and classes for the
 * grains `grains`: migration 9 made them for months and days, migration 10
 * makes them again with years. */
#define AGG_SQLITE_TRIGGERS(grains)                                           \
	AGG_SQLITE_TABLE_TRIGGERS(grains, "activities_agg", "activities",     \
				  "unit_id, date, kind, members_present,"     \
				  " members_expected, non_members",           \
				  "date", REC_KIND, REC_PRESENT, REC_EXPECTED, \
				  REC_NON)                                    \
	AGG_SQLITE_TABLE_TRIGGERS(grains, "rc_agg", "reporter_conferences",   \
				  "unit_id, date, reporters_present, audience", \
				  "date", REC_RC, REC_REPORTERS,              \
				  REC_AUDIENCE, REC_ZERO)                     \
	AGG_SQLITE_TABLE_TRIGGERS(grains, "classes_agg", "classes",           \
				  "unit_id, kind, start_date, enrolled,"      \
				  " completed",                               \
				  "start_date", REC_KIND, REC_ENROLLED,       \
				  REC_COMPLETED, REC_ZERO)

/* The hot spots' figures (store/sql_rollup.h) of record `rec` (NEW or
 * OLD), `sign` times: by the opening, and by the resolution if any, its
 * figures written by `resolved` and `n_days` (AGG_HS_RESOLVED…,
 * AGG_HS_N_DAYS…). */
#define AGG_SQLITE_HOTSPOT(rec, sign, resolved, n_days)                       \
	AGG_TRIG_ADD_AT(AGG_GRAINS, rec ".unit_id", rec ".opened_on",          \
			AGG_HS_STATE, rec ".opened_on", "",                    \
			AGG_HS_OPENED(rec), sign, "0", "0", "0")               \
	AGG_TRIG_ADD_AT(AGG_GRAINS, rec ".unit_id", rec ".opened_on",          \
			AGG_HS_STATE, rec ".resolved_on",                      \
			" AND " rec ".resolved_on IS NOT NULL",                \
			AGG_HS_RESOLVED_N, sign, n_days(rec), "0", "0")        \
	AGG_TRIG_ADD_AT(AGG_GRAINS, rec ".unit_id", rec ".opened_on",          \
			AGG_HS_DAYS_PRE, rec ".resolved_on",                   \
			" AND " rec ".resolved_on IS NOT NULL",                \
			resolved(rec), sign, AGG_HS_DAYS(rec), "0", "0")
#define AGG_SQLITE_HOTSPOT_CLEAN                                              \
	AGG_TRIG_CLEAN_AT("OLD.unit_id", AGG_HS_STATE, "OLD.opened_on")        \
	AGG_TRIG_CLEAN_AT("OLD.unit_id", AGG_HS_STATE, "OLD.resolved_on")      \
	AGG_TRIG_CLEAN_AT("OLD.unit_id", AGG_HS_DAYS_PRE, "OLD.resolved_on")

/* The hot spots' three triggers. */
#define AGG_SQLITE_HOTSPOT_TRIGGERS(resolved, n_days)                         \
	"CREATE TRIGGER hotspots_agg_insert AFTER INSERT ON hotspots BEGIN "   \
	AGG_SQLITE_HOTSPOT("NEW", "1", resolved, n_days) " END;"               \
	"CREATE TRIGGER hotspots_agg_update AFTER UPDATE OF unit_id,"          \
	" opened_on, status, resolved_on, days_to_resolve ON hotspots BEGIN "  \
	AGG_SQLITE_HOTSPOT("OLD", "-1", resolved, n_days)                      \
	AGG_SQLITE_HOTSPOT("NEW", "1", resolved, n_days)                       \
	AGG_SQLITE_HOTSPOT_CLEAN " END;"                                       \
	"CREATE TRIGGER hotspots_agg_delete AFTER DELETE ON hotspots BEGIN "   \
	AGG_SQLITE_HOTSPOT("OLD", "-1", resolved, n_days)                      \
	AGG_SQLITE_HOTSPOT_CLEAN " END;"

const struct migration schema_sqlite[] = {
	{ 1, "foundation",
	  "CREATE TABLE levels ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " code TEXT NOT NULL UNIQUE,"
	  " name TEXT NOT NULL,"
	  " rank INTEGER NOT NULL);"

	  "CREATE TABLE units ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
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
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
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
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " token_hash TEXT NOT NULL UNIQUE,"
	  " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	  " csrf_token TEXT NOT NULL,"
	  " created_at INTEGER NOT NULL,"
	  " last_seen INTEGER NOT NULL,"
	  " ip TEXT NOT NULL);"
	  "CREATE INDEX sessions_user ON sessions(user_id);"

	  "CREATE TABLE audit ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " at TEXT NOT NULL,"
	  " user_id INTEGER,"
	  " username TEXT,"
	  " ip TEXT,"
	  " action TEXT NOT NULL,"
	  " entity TEXT NOT NULL,"
	  " entity_id INTEGER,"
	  " unit_id INTEGER,"
	  " unit_path TEXT,"
	  " before_json TEXT,"
	  " after_json TEXT);"
	  "CREATE INDEX audit_at ON audit(at);"
	  "CREATE INDEX audit_entity ON audit(entity, entity_id);"
	  "CREATE INDEX audit_unit_path ON audit(unit_path);" },
	/* version 2: documents and tasks (documents module) */
	{ 2, "documents and tasks",
	  "CREATE TABLE document_types ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " code TEXT NOT NULL UNIQUE,"
	  " name TEXT NOT NULL,"
	  " active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)));"

	  "CREATE TABLE issuers ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " code TEXT NOT NULL UNIQUE,"
	  " name TEXT NOT NULL,"
	  " unit_id INTEGER REFERENCES units(id),"
	  " active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)));"

	  "CREATE TABLE terms ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " name TEXT NOT NULL,"
	  " start_date TEXT NOT NULL,"
	  " end_date TEXT,"
	  " UNIQUE (unit_id, name),"
	  " CHECK (end_date IS NULL OR end_date >= start_date));"
	  "CREATE INDEX terms_unit ON terms(unit_id, start_date);"

	  "CREATE TABLE documents ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),"
	  " symbol TEXT NOT NULL,"
	  " number INTEGER CHECK (number IS NULL OR number > 0),"
	  " type_id INTEGER REFERENCES document_types(id),"
	  " issuer_id INTEGER REFERENCES issuers(id),"
	  " issuer_text TEXT NOT NULL DEFAULT '',"
	  " suffix TEXT NOT NULL DEFAULT '',"
	  " state_style INTEGER NOT NULL DEFAULT 0"
	  "  CHECK (state_style = 0 OR direction = 'in'),"
	  " term_id INTEGER REFERENCES terms(id),"
	  " issued_on TEXT NOT NULL,"
	  " summary TEXT NOT NULL,"
	  " signer TEXT NOT NULL DEFAULT '',"
	  " body_text TEXT NOT NULL DEFAULT '',"
	  " tags TEXT NOT NULL DEFAULT '[]',"
	  " search_folded TEXT NOT NULL,"
	  " created_by INTEGER,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " CHECK (direction = 'in' OR (number IS NOT NULL AND"
	  "  type_id IS NOT NULL AND issuer_id IS NOT NULL AND"
	  "  term_id IS NOT NULL)));"
	  "CREATE UNIQUE INDEX documents_out_number ON documents"
	  " (issuer_id, type_id, term_id, number) WHERE direction = 'out';"
	  "CREATE UNIQUE INDEX documents_in_symbol ON documents"
	  " (unit_id, symbol, issued_on) WHERE direction = 'in';"
	  "CREATE INDEX documents_unit ON documents(unit_id, issued_on);"
	  "CREATE INDEX documents_issued ON documents(issued_on);"
	  "CREATE INDEX documents_type ON documents(type_id);"
	  "CREATE INDEX documents_issuer ON documents(issuer_id);"

	  /* The search accelerator (SQLite only): an external-content FTS5
	   * index over the folded column the domain code fills. */
	  "CREATE VIRTUAL TABLE documents_fts USING fts5("
	  " search_folded, content='documents', content_rowid='id',"
	  " tokenize='unicode61 remove_diacritics 0');"
	  "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN"
	  " INSERT INTO documents_fts(rowid, search_folded)"
	  " VALUES (new.id, new.search_folded); END;"
	  "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN"
	  " INSERT INTO documents_fts(documents_fts, rowid, search_folded)"
	  " VALUES ('delete', old.id, old.search_folded); END;"
	  "CREATE TRIGGER documents_fts_au AFTER UPDATE OF search_folded"
	  " ON documents BEGIN"
	  " INSERT INTO documents_fts(documents_fts, rowid, search_folded)"
	  " VALUES ('delete', old.id, old.search_folded);"
	  " INSERT INTO documents_fts(rowid, search_folded)"
	  " VALUES (new.id, new.search_folded); END;"

	  "CREATE TABLE attachments ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " document_id INTEGER NOT NULL REFERENCES documents(id),"
	  " sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
	  " size INTEGER NOT NULL CHECK (size >= 0),"
	  " mime TEXT NOT NULL,"
	  " filename TEXT NOT NULL,"
	  " created_by INTEGER,"
	  " created_at TEXT NOT NULL);"
	  "CREATE INDEX attachments_document ON attachments(document_id);"
	  "CREATE INDEX attachments_sha ON attachments(sha256);"

	  "CREATE TABLE tasks ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " document_id INTEGER REFERENCES documents(id),"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " kind TEXT NOT NULL DEFAULT 'task'"
	  "  CHECK (kind IN ('task', 'so_ket', 'tong_ket')),"
	  " title TEXT NOT NULL,"
	  " deadline TEXT NOT NULL,"
	  " note TEXT NOT NULL DEFAULT '',"
	  " created_by INTEGER,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL);"
	  "CREATE INDEX tasks_document ON tasks(document_id);"
	  "CREATE INDEX tasks_unit ON tasks(unit_id, deadline);"
	  "CREATE INDEX tasks_deadline ON tasks(deadline);"

	  "CREATE TABLE task_assignments ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " status TEXT NOT NULL DEFAULT 'not_started'"
	  "  CHECK (status IN ('not_started', 'in_progress', 'done')),"
	  " done_date TEXT,"
	  " result TEXT NOT NULL DEFAULT '',"
	  " updated_at TEXT NOT NULL,"
	  " UNIQUE (task_id, unit_id),"
	  " CHECK ((status = 'done') = (done_date IS NOT NULL)));"
	  "CREATE INDEX task_assignments_unit ON task_assignments(unit_id);"

	  /* Seeds: Party document types and issuer codes (editable data). */
	  "INSERT INTO document_types (code, name) VALUES"
	  " ('NQ', 'Nghị quyết'),"
	  " ('QĐ', 'Quyết định, quy định'),"
	  " ('CT', 'Chỉ thị'),"
	  " ('KL', 'Kết luận'),"
	  " ('QC', 'Quy chế'),"
	  " ('HD', 'Hướng dẫn'),"
	  " ('KH', 'Kế hoạch'),"
	  " ('CV', 'Công văn'),"
	  " ('BS', 'Bản sao'),"
	  " ('TT', 'Thông tri'),"
	  " ('TB', 'Thông báo'),"
	  " ('BC', 'Báo cáo'),"
	  " ('TTr', 'Tờ trình'),"
	  " ('CTr', 'Chương trình'),"
	  " ('ĐA', 'Đề án'),"
	  " ('PA', 'Phương án'),"
	  " ('BB', 'Biên bản'),"
	  " ('GM', 'Giấy mời'),"
	  " ('GGT', 'Giấy giới thiệu');"
	  "INSERT INTO issuers (code, name) VALUES"
	  " ('TW', 'Ban Chấp hành Trung ương Đảng'),"
	  " ('VPTW', 'Văn phòng Trung ương Đảng'),"
	  " ('BTGTW', 'Ban Tuyên giáo Trung ương'),"
	  " ('BTGDVTW', 'Ban Tuyên giáo và Dân vận Trung ương'),"
	  " ('BTCTW', 'Ban Tổ chức Trung ương'),"
	  " ('UBKTTW', 'Ủy ban Kiểm tra Trung ương'),"
	  " ('TU', 'Tỉnh ủy'),"
	  " ('HU', 'Huyện ủy'),"
	  " ('ThU', 'Thành ủy'),"
	  " ('QU', 'Quận ủy'),"
	  " ('ĐU', 'Đảng ủy'),"
	  " ('BTGTU', 'Ban Tuyên giáo Tỉnh ủy'),"
	  " ('BTGDVTU', 'Ban Tuyên giáo và Dân vận Tỉnh ủy'),"
	  " ('BTCTU', 'Ban Tổ chức Tỉnh ủy'),"
	  " ('BDVTU', 'Ban Dân vận Tỉnh ủy'),"
	  " ('VPTU', 'Văn phòng Tỉnh ủy'),"
	  " ('UBKTTU', 'Ủy ban Kiểm tra Tỉnh ủy'),"
	  " ('BTGThU', 'Ban Tuyên giáo Thành ủy'),"
	  " ('BTGDVThU', 'Ban Tuyên giáo và Dân vận Thành ủy'),"
	  " ('BTGHU', 'Ban Tuyên giáo Huyện ủy'),"
	  " ('CB', 'Chi bộ');" },
	/* version 3: study, reporters, training, indicators, unit history */
	{ 3, "study, reporters, training, indicators, unit history",
	  /* The parent of a unit over time: [valid_from, valid_to] inclusive,
	   * '0001-01-01' and '9999-12-31' for open ends. */
	  "CREATE TABLE unit_links ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,"
	  " parent_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,"
	  " valid_from TEXT NOT NULL,"
	  " valid_to TEXT NOT NULL,"
	  " CHECK (valid_to >= valid_from));"
	  "CREATE INDEX unit_links_unit ON unit_links(unit_id, valid_to);"
	  "CREATE INDEX unit_links_parent ON unit_links(parent_id, valid_to);"
	  /* Ancestry with validity: `ancestor_id` is the `depth`-th ancestor
	   * of `unit_id` (0: itself) during [valid_from, valid_to]. */
	  "CREATE TABLE unit_ancestry ("
	  " unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,"
	  " ancestor_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,"
	  " depth INTEGER NOT NULL CHECK (depth >= 0),"
	  " valid_from TEXT NOT NULL,"
	  " valid_to TEXT NOT NULL,"
	  " CHECK (valid_to >= valid_from));"
	  "CREATE INDEX unit_ancestry_anc ON unit_ancestry(ancestor_id, unit_id,"
	  " valid_from);"
	  "CREATE INDEX unit_ancestry_unit ON unit_ancestry(unit_id, depth,"
	  " valid_from);"
	  "CREATE TABLE unit_merges ("
	  " unit_id INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,"
	  " into_id INTEGER NOT NULL REFERENCES units(id),"
	  " merged_on TEXT NOT NULL,"
	  " created_at TEXT NOT NULL);"
	  /* The history of the units that exist already: one open link each,
	   * and their ancestry from the current tree. */
	  "INSERT INTO unit_links (unit_id, parent_id, valid_from, valid_to)"
	  " SELECT id, parent_id, '0001-01-01', '9999-12-31' FROM units"
	  " WHERE parent_id IS NOT NULL;"
	  "INSERT INTO unit_ancestry (unit_id, ancestor_id, depth, valid_from,"
	  " valid_to)"
	  " WITH RECURSIVE anc(unit_id, ancestor_id, depth) AS ("
	  "  SELECT id, id, 0 FROM units"
	  "  UNION ALL"
	  "  SELECT a.unit_id, u.parent_id, a.depth + 1 FROM anc a"
	  "  JOIN units u ON u.id = a.ancestor_id WHERE u.parent_id IS NOT NULL)"
	  " SELECT unit_id, ancestor_id, depth, '0001-01-01', '9999-12-31'"
	  " FROM anc;"

	  "CREATE TABLE activities ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " date TEXT NOT NULL,"
	  " kind TEXT NOT NULL CHECK (kind IN ('study', 'political',"
	  "  'flag_salute', 'seminar')),"
	  " form TEXT NOT NULL CHECK (form IN ('in_person', 'online',"
	  "  'hybrid')),"
	  " title TEXT NOT NULL DEFAULT '',"
	  " document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,"
	  " document_ref TEXT,"
	  " members_present INTEGER NOT NULL CHECK (members_present >= 0),"
	  " members_expected INTEGER NOT NULL"
	  "  CHECK (members_expected >= members_present),"
	  " non_members INTEGER NOT NULL DEFAULT 0 CHECK (non_members >= 0),"
	  " note TEXT NOT NULL DEFAULT '',"
	  " created_by INTEGER,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL);"
	  "CREATE INDEX activities_unit_date ON activities(unit_id, date);"
	  "CREATE INDEX activities_date ON activities(date);"
	  "CREATE INDEX activities_document ON activities(document_id);"
	  "CREATE INDEX activities_document_ref ON activities(document_ref);"

	  "CREATE TABLE reporters ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " name TEXT NOT NULL,"
	  " position TEXT NOT NULL DEFAULT '',"
	  " valid_from TEXT NOT NULL,"
	  " valid_to TEXT,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " CHECK (valid_to IS NULL OR valid_to >= valid_from));"
	  "CREATE INDEX reporters_unit ON reporters(unit_id);"
	  "CREATE TABLE reporter_conferences ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " date TEXT NOT NULL,"
	  " topics TEXT NOT NULL,"
	  " reporters_present INTEGER NOT NULL CHECK (reporters_present >= 0),"
	  " audience INTEGER NOT NULL CHECK (audience >= 0),"
	  " note TEXT NOT NULL DEFAULT '',"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL);"
	  "CREATE INDEX reporter_conferences_unit_date"
	  " ON reporter_conferences(unit_id, date);"
	  "CREATE TABLE reporter_conference_speakers ("
	  " conference_id INTEGER NOT NULL"
	  "  REFERENCES reporter_conferences(id) ON DELETE CASCADE,"
	  " reporter_id INTEGER NOT NULL REFERENCES reporters(id),"
	  " PRIMARY KEY (conference_id, reporter_id));"
	  "CREATE INDEX reporter_conference_speakers_reporter"
	  " ON reporter_conference_speakers(reporter_id);"

	  "CREATE TABLE classes ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " kind TEXT NOT NULL CHECK (kind IN ('new_members', 'prospective',"
	  "  'elementary', 'thematic', 'refresher')),"
	  " title TEXT NOT NULL DEFAULT '',"
	  " start_date TEXT NOT NULL,"
	  " end_date TEXT NOT NULL,"
	  " enrolled INTEGER NOT NULL CHECK (enrolled >= 0),"
	  " completed INTEGER NOT NULL CHECK (completed >= 0"
	  "  AND completed <= enrolled),"
	  " note TEXT NOT NULL DEFAULT '',"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " CHECK (end_date >= start_date));"
	  "CREATE INDEX classes_unit_date ON classes(unit_id, start_date);"

	  "CREATE TABLE indicators ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " code TEXT NOT NULL UNIQUE,"
	  " name TEXT NOT NULL,"
	  " numerator_label TEXT NOT NULL,"
	  " denominator_label TEXT NOT NULL,"
	  " period_type TEXT NOT NULL CHECK (period_type IN ('week', 'month',"
	  "  'quarter', 'half', 'year')),"
	  " target_hundredths INTEGER CHECK (target_hundredths BETWEEN 0"
	  "  AND 10000),"
	  " deadline_days INTEGER NOT NULL DEFAULT 15"
	  "  CHECK (deadline_days BETWEEN 0 AND 366),"
	  " level_id INTEGER REFERENCES levels(id),"
	  " active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL);"
	  "CREATE TABLE indicator_values ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " indicator_id INTEGER NOT NULL REFERENCES indicators(id),"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " period TEXT NOT NULL,"
	  " period_start TEXT NOT NULL,"
	  " period_end TEXT NOT NULL,"
	  " numerator INTEGER NOT NULL CHECK (numerator >= 0),"
	  " denominator INTEGER NOT NULL CHECK (denominator >= numerator),"
	  " note TEXT NOT NULL DEFAULT '',"
	  " entered_on TEXT NOT NULL,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " UNIQUE (indicator_id, unit_id, period));"
	  "CREATE INDEX indicator_values_unit_end"
	  " ON indicator_values(unit_id, period_end);"
	  "CREATE INDEX indicator_values_period"
	  " ON indicator_values(indicator_id, period_start);" },
	/* version 4: public opinion and hot spots */
	{ 4, "public opinion and hot spots",
	  "CREATE TABLE opinion_topics ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " code TEXT NOT NULL UNIQUE,"
	  " name TEXT NOT NULL,"
	  " parent_id INTEGER REFERENCES opinion_topics(id),"
	  " merged_into INTEGER REFERENCES opinion_topics(id),"
	  " merged_on TEXT,"
	  " active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " CHECK (merged_into IS NULL OR merged_into <> id));"
	  "CREATE INDEX opinion_topics_parent ON opinion_topics(parent_id);"
	  "CREATE INDEX opinion_topics_merged ON opinion_topics(merged_into);"
	  "INSERT INTO opinion_topics (code, name, created_at, updated_at)"
	  " VALUES"
	  " ('DD', 'Đất đai, giải phóng mặt bằng', '2026-01-01T00:00:00Z',"
	  "  '2026-01-01T00:00:00Z'),"
	  " ('MT', 'Môi trường', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	  " ('YT', 'Y tế', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	  " ('GD', 'Giáo dục', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
	  " ('GC', 'Giá cả, chi phí sinh hoạt', '2026-01-01T00:00:00Z',"
	  "  '2026-01-01T00:00:00Z'),"
	  " ('HT', 'Hạ tầng, giao thông', '2026-01-01T00:00:00Z',"
	  "  '2026-01-01T00:00:00Z'),"
	  " ('ASXH', 'An sinh xã hội', '2026-01-01T00:00:00Z',"
	  "  '2026-01-01T00:00:00Z'),"
	  " ('ANTT', 'An ninh, trật tự', '2026-01-01T00:00:00Z',"
	  "  '2026-01-01T00:00:00Z'),"
	  " ('XDD', 'Xây dựng Đảng', '2026-01-01T00:00:00Z',"
	  "  '2026-01-01T00:00:00Z'),"
	  " ('CS', 'Chính sách, sự kiện cụ thể', '2026-01-01T00:00:00Z',"
	  "  '2026-01-01T00:00:00Z');"

	  "CREATE TABLE opinion_reports ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " topic_id INTEGER NOT NULL REFERENCES opinion_topics(id),"
	  " period_type TEXT NOT NULL CHECK (period_type IN ('day', 'week',"
	  "  'month')),"
	  " period TEXT NOT NULL,"
	  " period_start TEXT NOT NULL,"
	  " period_end TEXT NOT NULL,"
	  " summary TEXT NOT NULL,"
	  " share_agree INTEGER NOT NULL CHECK (share_agree BETWEEN 0 AND 100),"
	  " share_concerned INTEGER NOT NULL"
	  "  CHECK (share_concerned BETWEEN 0 AND 100),"
	  " share_disagree INTEGER NOT NULL"
	  "  CHECK (share_disagree BETWEEN 0 AND 100),"
	  " intensity TEXT NOT NULL CHECK (intensity IN ('low', 'medium',"
	  "  'high')),"
	  " recommendation TEXT NOT NULL DEFAULT '',"
	  " author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " CHECK (share_agree + share_concerned + share_disagree <= 100),"
	  " CHECK (period_end >= period_start),"
	  " UNIQUE (unit_id, topic_id, period));"
	  "CREATE INDEX opinion_reports_unit_end"
	  " ON opinion_reports(unit_id, period_end);"
	  "CREATE INDEX opinion_reports_topic_end"
	  " ON opinion_reports(topic_id, period_end);"
	  "CREATE INDEX opinion_reports_end ON opinion_reports(period_end);"
	  "CREATE INDEX opinion_reports_author ON opinion_reports(author_id);"

	  "CREATE TABLE hotspots ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " topic_id INTEGER NOT NULL REFERENCES opinion_topics(id),"
	  " report_id INTEGER REFERENCES opinion_reports(id) ON DELETE SET NULL,"
	  " title TEXT NOT NULL,"
	  " opened_on TEXT NOT NULL,"
	  " severity TEXT NOT NULL CHECK (severity IN ('low', 'medium',"
	  "  'high')),"
	  " lead_agency TEXT NOT NULL DEFAULT '',"
	  " status TEXT NOT NULL CHECK (status IN ('detected', 'handling',"
	  "  'resolved', 'closed')),"
	  " resolved_on TEXT,"
	  " days_to_resolve INTEGER CHECK (days_to_resolve >= 0),"
	  " closed_on TEXT,"
	  " resolution TEXT NOT NULL DEFAULT '',"
	  " created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " CHECK (resolved_on IS NULL OR resolved_on >= opened_on),"
	  " CHECK (status NOT IN ('resolved', 'closed')"
	  "  OR resolved_on IS NOT NULL));"
	  "CREATE INDEX hotspots_unit_opened ON hotspots(unit_id, opened_on);"
	  "CREATE INDEX hotspots_topic ON hotspots(topic_id);"
	  "CREATE INDEX hotspots_status ON hotspots(status);"
	  "CREATE INDEX hotspots_resolved ON hotspots(resolved_on);"
	  "CREATE INDEX hotspots_report ON hotspots(report_id);"
	  "CREATE TABLE hotspot_partners ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " hotspot_id INTEGER NOT NULL REFERENCES hotspots(id)"
	  "  ON DELETE CASCADE,"
	  " position INTEGER NOT NULL,"
	  " agency TEXT NOT NULL,"
	  " UNIQUE (hotspot_id, position));"
	  "CREATE TABLE hotspot_actions ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " hotspot_id INTEGER NOT NULL REFERENCES hotspots(id)"
	  "  ON DELETE CASCADE,"
	  " date TEXT NOT NULL,"
	  " kind TEXT NOT NULL CHECK (kind IN ('action', 'status')),"
	  " status_from TEXT,"
	  " status_to TEXT,"
	  " note TEXT NOT NULL DEFAULT '',"
	  " created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,"
	  " created_at TEXT NOT NULL);"
	  "CREATE INDEX hotspot_actions_hotspot"
	  " ON hotspot_actions(hotspot_id, date);" },
	/* version 5: periodic reports and submission */
	{ 5, "periodic reports and submission",
	  "CREATE TABLE report_deadlines ("
	  " kind TEXT PRIMARY KEY CHECK (kind IN ('week', 'month', 'quarter',"
	  "  'half', 'nine_months', 'year')),"
	  " days INTEGER NOT NULL CHECK (days >= 0 AND days <= 366),"
	  " updated_at TEXT NOT NULL DEFAULT '');"
	  "INSERT INTO report_deadlines (kind, days) VALUES"
	  " ('week', 1), ('month', 3), ('quarter', 5), ('half', 7),"
	  " ('nine_months', 7), ('year', 15);"

	  "CREATE TABLE reports ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " kind TEXT NOT NULL REFERENCES report_deadlines(kind),"
	  " period TEXT NOT NULL,"
	  " period_start TEXT NOT NULL,"
	  " period_end TEXT NOT NULL,"
	  " report_date TEXT NOT NULL,"
	  " place TEXT NOT NULL DEFAULT '',"
	  " title TEXT NOT NULL,"
	  " document_id INTEGER REFERENCES documents(id),"
	  " symbol TEXT NOT NULL DEFAULT '',"
	  " status TEXT NOT NULL DEFAULT 'draft'"
	  "  CHECK (status IN ('draft', 'submitted')),"
	  " provisional INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),"
	  " figures TEXT NOT NULL,"
	  " results_text TEXT NOT NULL DEFAULT '',"
	  " limits_text TEXT NOT NULL DEFAULT '',"
	  " tasks_text TEXT NOT NULL DEFAULT '',"
	  " signer TEXT NOT NULL DEFAULT '',"
	  " submitted_at TEXT,"
	  " submitted_by TEXT,"
	  " reopen_reason TEXT NOT NULL DEFAULT '',"
	  " created_by TEXT NOT NULL DEFAULT '',"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " CHECK (period_start <= period_end),"
	  " UNIQUE (unit_id, period));"
	  "CREATE INDEX reports_period ON reports(period, kind);"
	  "CREATE INDEX reports_document ON reports(document_id);" },
	/* version 6: publications, appraisals, weekly press reports. The
	 * reports table is rebuilt (SQLite cannot drop a UNIQUE constraint)
	 * with a category, so a unit has one periodic report and one press
	 * report per week; its AUTOINCREMENT counter is carried over. */
	{ 6, "publications_appraisals",
	  "CREATE TABLE publications ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " kind TEXT NOT NULL CHECK (kind IN ('bulletin', 'handbook',"
	  "  'thematic', 'book')),"
	  " series TEXT NOT NULL CHECK (length(series) > 0),"
	  " title TEXT NOT NULL DEFAULT '',"
	  " issue_no INTEGER CHECK (issue_no IS NULL OR issue_no > 0),"
	  " issued_on TEXT NOT NULL,"
	  " copies INTEGER NOT NULL CHECK (copies >= 0),"
	  " distribution TEXT NOT NULL DEFAULT '',"
	  " note TEXT NOT NULL DEFAULT '',"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL);"
	  "CREATE INDEX publications_unit_date ON publications(unit_id, issued_on);"
	  "CREATE INDEX publications_date ON publications(issued_on);"
	  "CREATE INDEX publications_series ON publications(kind, series);"

	  "CREATE TABLE appraisals ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " kind TEXT NOT NULL CHECK (kind IN ('appraisal', 'comment')),"
	  " title TEXT NOT NULL CHECK (length(title) > 0),"
	  " sender TEXT NOT NULL CHECK (length(sender) > 0),"
	  " received_on TEXT NOT NULL,"
	  " answered_on TEXT,"
	  " days_to_answer INTEGER,"
	  " document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,"
	  " note TEXT NOT NULL DEFAULT '',"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " CHECK (answered_on IS NULL OR answered_on >= received_on),"
	  " CHECK ((answered_on IS NULL) = (days_to_answer IS NULL)),"
	  " CHECK (days_to_answer IS NULL OR days_to_answer >= 0));"
	  "CREATE INDEX appraisals_unit_received"
	  " ON appraisals(unit_id, received_on);"
	  "CREATE INDEX appraisals_received ON appraisals(received_on);"
	  "CREATE INDEX appraisals_answered ON appraisals(answered_on);"
	  "CREATE INDEX appraisals_document ON appraisals(document_id);"

	  "CREATE TABLE reports_new ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " kind TEXT NOT NULL REFERENCES report_deadlines(kind),"
	  " period TEXT NOT NULL,"
	  " period_start TEXT NOT NULL,"
	  " period_end TEXT NOT NULL,"
	  " report_date TEXT NOT NULL,"
	  " place TEXT NOT NULL DEFAULT '',"
	  " title TEXT NOT NULL,"
	  " document_id INTEGER REFERENCES documents(id),"
	  " symbol TEXT NOT NULL DEFAULT '',"
	  " status TEXT NOT NULL DEFAULT 'draft'"
	  "  CHECK (status IN ('draft', 'submitted')),"
	  " provisional INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),"
	  " figures TEXT NOT NULL,"
	  " results_text TEXT NOT NULL DEFAULT '',"
	  " limits_text TEXT NOT NULL DEFAULT '',"
	  " tasks_text TEXT NOT NULL DEFAULT '',"
	  " signer TEXT NOT NULL DEFAULT '',"
	  " submitted_at TEXT,"
	  " submitted_by TEXT,"
	  " reopen_reason TEXT NOT NULL DEFAULT '',"
	  " created_by TEXT NOT NULL DEFAULT '',"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " category TEXT NOT NULL DEFAULT 'periodic'"
	  "  CHECK (category IN ('periodic', 'press')),"
	  " CHECK (period_start <= period_end),"
	  " CHECK (category = 'periodic' OR kind = 'week'),"
	  " UNIQUE (unit_id, category, period));"
	  "INSERT INTO reports_new (id, unit_id, kind, period, period_start,"
	  " period_end, report_date, place, title, document_id, symbol, status,"
	  " provisional, figures, results_text, limits_text, tasks_text, signer,"
	  " submitted_at, submitted_by, reopen_reason, created_by, created_at,"
	  " updated_at) SELECT id, unit_id, kind, period, period_start,"
	  " period_end, report_date, place, title, document_id, symbol, status,"
	  " provisional, figures, results_text, limits_text, tasks_text, signer,"
	  " submitted_at, submitted_by, reopen_reason, created_by, created_at,"
	  " updated_at FROM reports;"
	  "DELETE FROM sqlite_sequence WHERE name = 'reports_new';"
	  "INSERT INTO sqlite_sequence (name, seq) SELECT 'reports_new', seq"
	  " FROM sqlite_sequence WHERE name = 'reports';"
	  "DROP TABLE reports;"
	  "ALTER TABLE reports_new RENAME TO reports;"
	  "CREATE INDEX reports_period ON reports(period, kind);"
	  "CREATE INDEX reports_document ON reports(document_id);"
	  "CREATE INDEX reports_category_end ON reports(category, period_end);" },
	/* version 7: Party-history projects, commendations and the units'
	 * own communication output (issue 9). Version 6 is another part of
	 * the same issue; versions are applied one by one, not in a run. */
	{ 7, "history_commendations_outreach",
	  /* A Party-history project: the history of `subject_unit_id` (the
	   * organisation whose history it is), directed by `unit_id`. Stage
	   * and dates agree: planned and compiling have no publication date,
	   * compiling has its start, published its first publication,
	   * reprinted both publication and reprint. */
	  "CREATE TABLE history_projects ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " subject_unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " title TEXT NOT NULL DEFAULT '',"
	  " stage TEXT NOT NULL CHECK (stage IN ('planned', 'compiling',"
	  "  'published', 'reprinted')),"
	  " started_on TEXT,"
	  " published_on TEXT,"
	  " reprinted_on TEXT,"
	  " note TEXT NOT NULL DEFAULT '',"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " CHECK ((stage = 'planned' AND published_on IS NULL"
	  "  AND reprinted_on IS NULL)"
	  "  OR (stage = 'compiling' AND started_on IS NOT NULL"
	  "  AND published_on IS NULL AND reprinted_on IS NULL)"
	  "  OR (stage = 'published' AND published_on IS NOT NULL"
	  "  AND reprinted_on IS NULL)"
	  "  OR (stage = 'reprinted' AND published_on IS NOT NULL"
	  "  AND reprinted_on IS NOT NULL)),"
	  " CHECK (started_on IS NULL OR published_on IS NULL"
	  "  OR published_on >= started_on),"
	  " CHECK (reprinted_on IS NULL OR reprinted_on >= published_on));"
	  "CREATE INDEX history_projects_unit ON history_projects(unit_id);"
	  "CREATE INDEX history_projects_subject"
	  " ON history_projects(subject_unit_id, published_on);"
	  "CREATE INDEX history_projects_published"
	  " ON history_projects(published_on);"
	  "CREATE INDEX history_projects_reprinted"
	  " ON history_projects(reprinted_on);"

	  /* A commendation (biểu dương, khen thưởng) recorded by `unit_id`:
	   * a collective, or an official by name and position only. */
	  "CREATE TABLE commendations ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " kind TEXT NOT NULL CHECK (kind IN ('collective', 'individual')),"
	  " recipient TEXT NOT NULL,"
	  " position TEXT NOT NULL DEFAULT '',"
	  " award TEXT NOT NULL CHECK (award IN ('bang_khen_tw',"
	  "  'bang_khen_tinh_uy', 'bang_khen_ubnd_tinh', 'giay_khen_ban',"
	  "  'giay_khen_huyen', 'giay_khen_co_so', 'bieu_duong', 'other')),"
	  " reason TEXT NOT NULL,"
	  " awarded_on TEXT NOT NULL,"
	  " decision_ref TEXT NOT NULL DEFAULT '',"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " CHECK (kind = 'individual' OR position = ''),"
	  " CHECK (kind = 'collective' OR position <> ''));"
	  "CREATE INDEX commendations_unit_date"
	  " ON commendations(unit_id, awarded_on);"
	  "CREATE INDEX commendations_date ON commendations(awarded_on);"

	  /* Posts, shares and followers of a unit's own page or channel for a
	   * period, as aggregate counts the platform reports: nothing about
	   * anyone else's account. */
	  "CREATE TABLE outreach ("
	  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
	  " unit_id INTEGER NOT NULL REFERENCES units(id),"
	  " channel_kind TEXT NOT NULL CHECK (channel_kind IN ('facebook',"
	  "  'zalo', 'website', 'youtube', 'tiktok', 'other')),"
	  " channel_name TEXT NOT NULL,"
	  " period TEXT NOT NULL,"
	  " period_start TEXT NOT NULL,"
	  " period_end TEXT NOT NULL,"
	  " posts INTEGER NOT NULL CHECK (posts >= 0),"
	  " shares INTEGER NOT NULL CHECK (shares >= 0),"
	  " followers INTEGER NOT NULL CHECK (followers >= 0),"
	  " note TEXT NOT NULL DEFAULT '',"
	  " created_at TEXT NOT NULL,"
	  " updated_at TEXT NOT NULL,"
	  " CHECK (period_start <= period_end),"
	  " UNIQUE (unit_id, channel_kind, channel_name, period));"
	  "CREATE INDEX outreach_channel ON outreach(unit_id, channel_kind,"
	  " channel_name, period_end);"
	  "CREATE INDEX outreach_period ON outreach(period_end);" },
	/* version 8: account lockout and session details (ASVS V2.2, V3) */
	{ 8, "account lockout and session details",
	  "ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';"
	  /* Consecutive failed sign-ins per username as typed, whether or not
	   * such an account exists, so a lockout answers alike for both. */
	  "CREATE TABLE login_lockouts ("
	  " username TEXT PRIMARY KEY,"
	  " failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),"
	  " lockouts INTEGER NOT NULL DEFAULT 0 CHECK (lockouts >= 0),"
	  " locked_until INTEGER NOT NULL DEFAULT 0,"
	  " last_failure INTEGER NOT NULL DEFAULT 0);"
	  "CREATE INDEX login_lockouts_last ON login_lockouts(last_failure);" },
	/* version 9: roll-up aggregates per ancestor, child and period,
	 * kept by triggers in the transaction of every write of a record
	 * (see store/sql_rollup.h and domain/rollup.h), back-filled here. */
	{ 9, "roll-up aggregates",
	  "CREATE TABLE rollup_agg ("
	  " ancestor_id INTEGER NOT NULL,"
	  " grain TEXT NOT NULL CHECK (grain IN ('m', 'd')),"
	  " bucket TEXT NOT NULL,"
	  " child_id INTEGER NOT NULL,"
	  " fig TEXT NOT NULL,"
	  " n INTEGER NOT NULL,"
	  " v1 INTEGER NOT NULL,"
	  " v2 INTEGER NOT NULL,"
	  " v3 INTEGER NOT NULL,"
	  " PRIMARY KEY (" AGG_KEY ")) WITHOUT ROWID;"
	  "CREATE TABLE rollup_iv ("
	  " ancestor_id INTEGER NOT NULL,"
	  " period_end TEXT NOT NULL,"
	  " period_start TEXT NOT NULL,"
	  " indicator_id INTEGER NOT NULL,"
	  " period TEXT NOT NULL,"
	  " child_id INTEGER NOT NULL,"
	  " n INTEGER NOT NULL,"
	  " num INTEGER NOT NULL,"
	  " den INTEGER NOT NULL,"
	  " PRIMARY KEY (" IV_AGG_KEY ")) WITHOUT ROWID;"
	  AGG_FILL_V9
	  AGG_SQLITE_TRIGGERS(AGG_GRAINS_V9)
	  "CREATE TRIGGER iv_agg_insert AFTER INSERT ON indicator_values BEGIN "
	  IV_TRIG_ADD("NEW", "1") " END;"
	  "CREATE TRIGGER iv_agg_update AFTER UPDATE OF unit_id, indicator_id,"
	  " period, period_start, period_end, numerator, denominator"
	  " ON indicator_values BEGIN "
	  IV_TRIG_ADD("OLD", "-1") IV_TRIG_ADD("NEW", "1") IV_TRIG_CLEAN("OLD")
	  " END;"
	  "CREATE TRIGGER iv_agg_delete AFTER DELETE ON indicator_values BEGIN "
	  IV_TRIG_ADD("OLD", "-1") IV_TRIG_CLEAN("OLD") " END;" },
	/* version 10: year rows in rollup_agg (a roll-up over five years
	 * reads five of them per child and figure instead of sixty months),
	 * the opinion reports in it, and units by level. SQLite cannot change a CHECK: the
	 * table is copied. */
	{ 10, "roll-up years and opinion",
	  "DROP TRIGGER activities_agg_insert; DROP TRIGGER activities_agg_update;"
	  " DROP TRIGGER activities_agg_delete; DROP TRIGGER rc_agg_insert;"
	  " DROP TRIGGER rc_agg_update; DROP TRIGGER rc_agg_delete;"
	  " DROP TRIGGER classes_agg_insert; DROP TRIGGER classes_agg_update;"
	  " DROP TRIGGER classes_agg_delete;"
	  "CREATE TABLE rollup_agg_v10 ("
	  " ancestor_id INTEGER NOT NULL,"
	  " grain TEXT NOT NULL CHECK (grain IN ('y', 'm', 'd')),"
	  " bucket TEXT NOT NULL,"
	  " child_id INTEGER NOT NULL,"
	  " fig TEXT NOT NULL,"
	  " n INTEGER NOT NULL,"
	  " v1 INTEGER NOT NULL,"
	  " v2 INTEGER NOT NULL,"
	  " v3 INTEGER NOT NULL,"
	  " PRIMARY KEY (" AGG_KEY ")) WITHOUT ROWID;"
	  "INSERT INTO rollup_agg_v10 (" AGG_COLS ") SELECT " AGG_COLS
	  " FROM rollup_agg WHERE grain <> 'y';"
	  AGG_V10_FILL("rollup_agg_v10")
	  "DROP TABLE rollup_agg;"
	  "ALTER TABLE rollup_agg_v10 RENAME TO rollup_agg;"
	  /* the root's roll-up reads the grassroots units by level */
	  "CREATE INDEX units_level ON units(level_id);"
	  AGG_SQLITE_TRIGGERS(AGG_GRAINS)
	  AGG_SQLITE_TABLE_TRIGGERS(AGG_GRAINS, "opinion_agg", "opinion_reports",
				    "unit_id, topic_id, period_end, share_agree,"
				    " share_concerned, share_disagree, intensity",
				    "period_end", AGG_OPINION_FIG, REC_AGREE,
				    REC_CONCERNED, REC_DISAGREE) },
	/* version 11: hot spots in rollup_agg; the ancestry indexes cover
	 * the columns the roll-ups read, so a lookup does not visit the
	 * table. */
	{ 11, "roll-up hot spots",
	  "INSERT INTO rollup_agg (" AGG_COLS ") SELECT * FROM ("
	  AGG_RECOUNT_HOTSPOTS_AS(AGG_HS_RESOLVED_V11, "0", AGG_ALL,
				  AGG_GRAINS) ") r;"
	  AGG_SQLITE_HOTSPOT_TRIGGERS(AGG_HS_RESOLVED_V11, AGG_HS_N_DAYS_V11)
	  "DROP INDEX unit_ancestry_anc; DROP INDEX unit_ancestry_unit;"
	  "CREATE INDEX unit_ancestry_anc ON unit_ancestry(ancestor_id, unit_id,"
	  " valid_from, valid_to, depth);"
	  "CREATE INDEX unit_ancestry_unit ON unit_ancestry(unit_id, depth,"
	  " valid_from, valid_to, ancestor_id);" },
	/* version 12: the hot spots' days written so that they sort, and
	 * summed under their resolution (sql_rollup.h): the longest is read
	 * by an index probe per bucket, not by passing every figure. */
	{ 12, "roll-up hot spots' days sorted",
	  "DROP TRIGGER hotspots_agg_insert; DROP TRIGGER hotspots_agg_update;"
	  " DROP TRIGGER hotspots_agg_delete;"
	  "DELETE FROM rollup_agg WHERE substr(bucket, 1, 1) IN ("
	  AGG_HS_STATE_L ", " AGG_HS_DAYS_L ");"
	  "INSERT INTO rollup_agg (" AGG_COLS ") SELECT * FROM ("
	  AGG_RECOUNT_HOTSPOTS(AGG_ALL, AGG_GRAINS) ") r;"
	  AGG_SQLITE_HOTSPOT_TRIGGERS(AGG_HS_RESOLVED, AGG_HS_N_DAYS) },
	{ 0, NULL, NULL },
};
