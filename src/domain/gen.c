/*
 * The data generator; see gen.h for what it writes and why it can be
 * trusted by the rest of the app. Small tables (levels, the root, users,
 * indicator definitions) go through the domain functions, so they are
 * validated and audited like any API write; the bulk goes through the JSON
 * batches of store/sql_gen.def.
 */
#include "domain/gen.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/demo.h"
#include "domain/indicators.h"
#include "domain/periods.h"
#include "domain/rollup_agg.h"
#include "domain/units.h"
#include "domain/users.h"
#include "base/buf.h"
#include "base/text.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define YEAR_FIRST 2021
#define YEAR_LAST 2025
#define N_YEARS (YEAR_LAST - YEAR_FIRST + 1)
#define VALID_FROM "2020-10-15" /* start of the 2020-2025 term */
#define BATCH_ROWS 4000
#define BATCH_BYTES ((size_t)1 << 20)
#define TXN_ROWS 400000
#define CODE_SIZE 48

/* --- random numbers ----------------------------------------------------- */

/* splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for
 * test data; one stream per (seed, phase, unit) so phases stay independent
 * of each other's draws. */
static uint64_t rnd_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rnd_stream(uint64_t seed, uint64_t phase, uint64_t index)
{
	uint64_t s = seed ^ (phase * 0xd1b54a32d192ed03ULL) ^
		     (index * 0x8cb92ba72f3d8dd7ULL);

	rnd_next(&s);
	return s;
}

/* Uniform in [0, n). */
static int64_t rnd_below(uint64_t *s, int64_t n)
{
	return n > 0 ? (int64_t)(rnd_next(s) % (uint64_t)n) : 0;
}

static int64_t rnd_range(uint64_t *s, int64_t lo, int64_t hi)
{
	return lo + rnd_below(s, hi - lo + 1);
}

/* True with probability pct / 100. */
static int rnd_pct(uint64_t *s, int pct)
{
	return rnd_below(s, 100) < pct;
}

enum phase { PH_TREE = 1, PH_ACT, PH_REP, PH_CLS, PH_IND, PH_OP, PH_HS,
	     PH_DOC, PH_TASK };

/* --- the tree ----------------------------------------------------------- */

struct province_def {
	const char *code, *name;
	int communes; /* the real count after the 2025 reorganisation */
};

static const struct province_def provinces[] = {
	{ "HNI", "Hà Nội", 126 },     { "HUE", "Huế", 40 },
	{ "LCH", "Lai Châu", 38 },    { "DBI", "Điện Biên", 45 },
	{ "SLA", "Sơn La", 75 },      { "LSO", "Lạng Sơn", 65 },
	{ "QNI", "Quảng Ninh", 54 },  { "THO", "Thanh Hóa", 166 },
	{ "NAN", "Nghệ An", 130 },    { "HTI", "Hà Tĩnh", 69 },
	{ "CBA", "Cao Bằng", 56 },    { "TQU", "Tuyên Quang", 124 },
	{ "LCA", "Lào Cai", 99 },     { "TNG", "Thái Nguyên", 92 },
	{ "PTH", "Phú Thọ", 148 },    { "BNI", "Bắc Ninh", 99 },
	{ "HYE", "Hưng Yên", 104 },   { "HPH", "Hải Phòng", 114 },
	{ "NBI", "Ninh Bình", 129 },  { "QTR", "Quảng Trị", 78 },
	{ "DNA", "Đà Nẵng", 94 },     { "QNG", "Quảng Ngãi", 96 },
	{ "GLA", "Gia Lai", 135 },    { "KHO", "Khánh Hòa", 65 },
	{ "LDO", "Lâm Đồng", 124 },   { "DLA", "Đắk Lắk", 102 },
	{ "HCM", "Thành phố Hồ Chí Minh", 168 },
	{ "DNI", "Đồng Nai", 95 },    { "TNI", "Tây Ninh", 96 },
	{ "CTH", "Cần Thơ", 103 },    { "VLO", "Vĩnh Long", 124 },
	{ "DTH", "Đồng Tháp", 102 },  { "CMA", "Cà Mau", 64 },
	{ "AGI", "An Giang", 102 },
};
#define N_PROVINCES (sizeof(provinces) / sizeof(provinces[0]))
#define NATIONAL_COMMUNES 3321
#define NATIONAL_CELLS 100000

static const char *const syl1[] = {
	"An",   "Bình",  "Phú",   "Tân",   "Hòa",  "Long", "Thạnh",
	"Phước", "Đông", "Tây",   "Nam",   "Bắc",  "Trung", "Hưng",
	"Quang", "Minh", "Thanh", "Vĩnh",  "Hải",  "Sơn",
};
static const char *const syl2[] = {
	"An",    "Bình", "Hòa",  "Lợi",   "Thịnh", "Phong", "Lộc",
	"Thuận", "Hưng", "Tiến", "Thành", "Lâm",   "Hà",    "Giang",
	"Xuân",  "Mỹ",   "Khánh", "Điền", "Nguyên", "Định",
};
#define NSYL1 (sizeof(syl1) / sizeof(syl1[0]))
#define NSYL2 (sizeof(syl2) / sizeof(syl2[0]))

/* The last cells of every commune: its school, health station, police,
 * military command (the others are its villages or neighbourhoods). */
static const char *const cell_orgs[] = {
	"Trường Tiểu học", "Trường THCS", "Trạm Y tế", "Công an",
	"Quân sự",
};
#define N_ORGS 5

struct node {
	int64_t id;
	int32_t parent;        /* index in the level above */
	int32_t first, count;  /* children in the level below */
	int32_t members;       /* cells only */
	char code[CODE_SIZE];
};

struct tree {
	struct node root;
	struct node *prov, *comm, *cell;
	int32_t nprov, ncomm, ncell;
	int64_t level[4]; /* ids of tw, tinh, coso, chibo */
};

static void tree_release(struct tree *t)
{
	free(t->prov);
	free(t->comm);
	free(t->cell);
	memset(t, 0, sizeof(*t));
}

/* Split `total` over `n` slots in proportion to `w`, exactly. */
static void spread(int64_t total, const int64_t *w, int32_t n, int32_t *out)
{
	int64_t sum = 0, acc = 0, rem;
	int32_t i;

	for (i = 0; i < n; i++)
		sum += w[i];
	for (i = 0; i < n; i++) {
		out[i] = (int32_t)(sum ? total * w[i] / sum : 0);
		acc += out[i];
	}
	for (rem = total - acc, i = 0; rem > 0; i = (i + 1) % n, rem--)
		out[i]++;
}

/* Shape the tree of the scale in memory (no ids yet). */
static void tree_shape(struct tree *t, enum gen_scale scale, uint64_t seed)
{
	static const int small_prov[] = { 0, 6, 13 }; /* HNI, QNI, TNG */
	int32_t pi[N_PROVINCES], ncomm[N_PROVINCES], *ncell;
	int64_t *w;
	int32_t i, k, c, total_cells;
	uint64_t r;

	memset(t, 0, sizeof(*t));
	if (scale == GEN_NATIONAL) {
		int64_t pw[N_PROVINCES];

		t->nprov = (int32_t)N_PROVINCES;
		for (i = 0; i < t->nprov; i++) {
			pi[i] = i;
			pw[i] = provinces[i].communes;
		}
		spread(NATIONAL_COMMUNES, pw, t->nprov, ncomm);
	} else if (scale == GEN_PROVINCE) {
		t->nprov = 1;
		pi[0] = 13;
		ncomm[0] = provinces[13].communes;
	} else {
		t->nprov = 3;
		for (i = 0; i < 3; i++) {
			pi[i] = small_prov[i];
			ncomm[i] = 6;
		}
	}
	for (i = 0; i < t->nprov; i++)
		t->ncomm += ncomm[i];
	t->prov = calloc((size_t)t->nprov, sizeof(struct node));
	t->comm = calloc((size_t)t->ncomm, sizeof(struct node));
	w = calloc((size_t)t->ncomm, sizeof(int64_t));
	ncell = calloc((size_t)t->ncomm, sizeof(int32_t));
	if (!t->prov || !t->comm || !w || !ncell)
		abort();
	total_cells = scale == GEN_NATIONAL ? NATIONAL_CELLS
		      : scale == GEN_PROVINCE ? 30 * t->ncomm
					      : 250;
	r = rnd_stream(seed, PH_TREE, 0);
	for (c = 0; c < t->ncomm; c++)
		w[c] = rnd_range(&r, 20, 40);
	spread(total_cells, w, t->ncomm, ncell);
	t->cell = calloc((size_t)total_cells, sizeof(struct node));
	if (!t->cell)
		abort();
	snprintf(t->root.code, CODE_SIZE, "TW");
	t->root.count = t->nprov;
	for (i = 0, c = 0; i < t->nprov; i++) {
		struct node *p = &t->prov[i];

		snprintf(p->code, CODE_SIZE, "%s", provinces[pi[i]].code);
		p->parent = pi[i]; /* index into provinces[], for the name */
		p->first = c;
		p->count = ncomm[i];
		for (k = 0; k < ncomm[i]; k++, c++) {
			struct node *m = &t->comm[c];

			snprintf(m->code, CODE_SIZE, "%.8s-X%03d", p->code,
				 (k + 1) % 1000);
			m->parent = i;
		}
	}
	for (c = 0; c < t->ncomm; c++) {
		struct node *m = &t->comm[c];

		m->first = t->ncell;
		m->count = ncell[c];
		for (k = 0; k < ncell[c]; k++) {
			struct node *x = &t->cell[t->ncell++];

			snprintf(x->code, CODE_SIZE, "%.20s-CB%02d", m->code,
				 (k + 1) % 1000);
			x->parent = c;
			x->members = (int32_t)rnd_range(&r, 15, 97);
		}
	}
	free(w);
	free(ncell);
}

/* A commune's name from its code and the seed: "Tân Hòa". */
static void commune_name(uint64_t seed, int32_t c, char *out, size_t n,
			 int *ward)
{
	uint64_t r = rnd_stream(seed, PH_TREE, 1000000 + (uint64_t)c);

	snprintf(out, n, "%s %s", syl1[rnd_below(&r, NSYL1)],
		 syl2[rnd_below(&r, NSYL2)]);
	*ward = rnd_pct(&r, 20);
}

/* --- JSON batches ------------------------------------------------------- */

struct gen {
	struct store_conn *c;
	const struct gen_options *o;
	struct gen_counts *n;
	struct err *e;
	struct tree t;
	int64_t txn_rows;
	int64_t types[8], issuers[4], topics[16], ind[3], admin_id;
	int ntopics;
};

struct batch {
	struct gen *g;
	enum query q;
	struct buf b;
	int64_t rows;
	int64_t *count; /* the table's counter in gen_counts */
	const char *arg2;
};

static void batch_init(struct batch *bt, struct gen *g, enum query q,
		       int64_t *count)
{
	memset(bt, 0, sizeof(*bt));
	bt->g = g;
	bt->q = q;
	bt->count = count;
	buf_init(&bt->b, (size_t)64 << 20);
}

/* Commit what is written and open the next transaction. */
static int txn_cycle(struct gen *g)
{
	if (store_commit(g->c, g->e) < 0)
		return -1;
	g->txn_rows = 0;
	return store_begin(g->c, g->e);
}

static int batch_flush(struct batch *bt)
{
	struct gen *g = bt->g;
	int rc;

	if (!bt->rows)
		return 0;
	buf_addch(&bt->b, ']');
	rc = store_exec(g->c, bt->q,
			(struct sval[]){ SV_T(bt->b.ptr), SV_T(bt->arg2) },
			bt->arg2 ? 2 : 1, g->e);
	if (rc < 0)
		return -1;
	*bt->count += bt->rows;
	g->n->total += bt->rows;
	g->txn_rows += bt->rows;
	bt->rows = 0;
	buf_reset(&bt->b);
	if (g->txn_rows >= TXN_ROWS)
		return txn_cycle(g);
	return 0;
}

static int batch_done(struct batch *bt)
{
	int rc = batch_flush(bt);

	buf_release(&bt->b);
	return rc;
}

/* Start a row: "[" or ",[". */
static void row_open(struct batch *bt)
{
	buf_adds(&bt->b, bt->rows ? ",[" : "[[");
}

static int row_close(struct batch *bt)
{
	buf_addch(&bt->b, ']');
	bt->rows++;
	if (bt->rows >= BATCH_ROWS || bt->b.len >= BATCH_BYTES)
		return batch_flush(bt);
	return 0;
}

/* Values, each preceded by a comma but the first of a row. */
static void jint(struct batch *bt, int first, int64_t v)
{
	buf_addf(&bt->b, first ? "%lld" : ",%lld", (long long)v);
}

static void jstr(struct batch *bt, int first, const char *s)
{
	if (!first)
		buf_addch(&bt->b, ',');
	if (!s) {
		buf_adds(&bt->b, "null");
		return;
	}
	buf_addch(&bt->b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_addch(&bt->b, '\\');
		buf_addch(&bt->b, *s);
	}
	buf_addch(&bt->b, '"');
}

static void progress(struct gen *g, const char *phase, int64_t done,
		     int64_t total)
{
	if (g->o->progress)
		g->o->progress(g->o->arg, phase, done, total, g->n->total);
}

/* --- dates ---------------------------------------------------------------- */

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static void ymd(char out[PERIOD_DATE_SIZE], int y, int m, int d)
{
	snprintf(out, PERIOD_DATE_SIZE, "%04u-%02u-%02u", (unsigned)y % 10000u,
		 (unsigned)m % 100u, (unsigned)d % 100u);
}

/* A random day of year y on or after month m0. */
static void random_day(uint64_t *r, int y, int m0, char out[PERIOD_DATE_SIZE])
{
	int m = (int)rnd_range(r, m0, 12);

	ymd(out, y, m, (int)rnd_range(r, 1, days_in_month(y, m)));
}

/* --- small tables through the domain ------------------------------------- */

static int ensure_level(struct gen *g, const struct actor *a, int i,
			const char *code, const char *name, int rank)
{
	json_t *levels = NULL, *v, *body, *out = NULL;
	size_t k;
	int rc;

	if (levels_list(g->c, &levels, g->e) < 0)
		return -1;
	json_array_foreach(json_object_get(levels, "items"), k, v)
		if (!strcmp(json_string_value(json_object_get(v, "code")),
			    code)) {
			g->t.level[i] = json_integer_value(json_object_get(v, "id"));
			json_decref(levels);
			return 0;
		}
	json_decref(levels);
	body = json_pack("{s:s, s:s, s:i}", "code", code, "name", name, "rank",
			 rank);
	rc = levels_create(g->c, a, body, &out, g->e);
	json_decref(body);
	if (rc == 0)
		g->t.level[i] = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	return rc;
}

static int create_user(struct gen *g, const struct actor *a,
		       const char *username, const char *full_name,
		       int64_t unit, const char *role)
{
	json_t *body = json_pack("{s:s, s:s, s:I, s:s, s:s}", "username",
				 username, "full_name", full_name, "unit_id",
				 (json_int_t)unit, "role", role, "password",
				 GEN_PASSWORD);
	json_t *out = NULL;
	int rc = users_create(g->c, a, body, &out, g->e);

	if (rc == 0 && !strcmp(username, "admin"))
		g->admin_id = json_integer_value(json_object_get(out, "id"));
	json_decref(body);
	json_decref(out);
	if (rc == 0)
		g->n->users++;
	return rc;
}

static int create_indicator(struct gen *g, const struct actor *a, int i,
			    const char *code, const char *name,
			    const char *num, const char *den,
			    const char *level, int target)
{
	json_t *body = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:s}",
				 "code", code, "name", name, "numerator_label",
				 num, "denominator_label", den, "period_type",
				 "year", "target_hundredths", target,
				 "deadline_days", 20, "level", level);
	json_t *out = NULL;
	int rc = indicators_create(g->c, a, body, &out, g->e);

	if (rc == 0) {
		g->ind[i] = json_integer_value(json_object_get(out, "id"));
		g->n->indicators++;
	}
	json_decref(body);
	json_decref(out);
	return rc;
}

/* --- units --------------------------------------------------------------- */

static int cmp_code(const void *a, const void *b)
{
	return strcmp((*(const struct node *const *)a)->code,
		      (*(const struct node *const *)b)->code);
}

/* Read back the ids of the units of `depth` into their nodes. */
static int resolve_ids(struct gen *g, int depth, struct node *nodes,
		       int32_t n)
{
	struct node **idx = malloc((size_t)n * sizeof(*idx)), key, *kp = &key,
		    **hit;
	struct store_rows *r;
	int32_t i, found = 0;
	int st;

	if (!idx)
		abort();
	for (i = 0; i < n; i++)
		idx[i] = &nodes[i];
	qsort(idx, (size_t)n, sizeof(*idx), cmp_code);
	if (store_query(g->c, Q_GEN_UNIT_IDS, (struct sval[]){ SV_I(depth) },
			1, &r, g->e) < 0) {
		free(idx);
		return -1;
	}
	while ((st = store_next(r)) == 1) {
		snprintf(key.code, CODE_SIZE, "%s", store_col_text(r, 1));
		hit = bsearch(&kp, idx, (size_t)n, sizeof(*idx), cmp_code);
		if (hit) {
			(*hit)->id = store_col_int(r, 0);
			found++;
		}
	}
	store_rows_free(r);
	free(idx);
	if (st < 0 || found != n)
		return err_internal(g->e, "gen unit ids");
	return 0;
}

/* Paths and history of the units of `depth` just inserted. */
static int finish_level(struct gen *g, int depth, struct node *nodes,
			int32_t n)
{
	struct sval d[] = { SV_I(depth) };

	if (store_exec(g->c, Q_GEN_UNIT_PATHS, d, 1, g->e) < 0 ||
	    store_exec(g->c, Q_GEN_UNIT_LINKS, d, 1, g->e) < 0 ||
	    store_exec(g->c, Q_GEN_UNIT_SELF, d, 1, g->e) < 0 ||
	    store_exec(g->c, Q_GEN_UNIT_INHERIT, d, 1, g->e) < 0)
		return -1;
	g->n->unit_history += (int64_t)n * (2 + depth);
	return resolve_ids(g, depth, nodes, n);
}

static void unit_row(struct batch *bt, const char *code, const char *name,
		     const char *short_name, int64_t level, int64_t parent,
		     int64_t members)
{
	struct buf s = BUF_INIT;
	char *folded;

	buf_addf(&s, "%s %s %s", code, name, short_name);
	folded = text_fold_dup(s.ptr);
	buf_release(&s);
	row_open(bt);
	jstr(bt, 1, code);
	jstr(bt, 0, name);
	jstr(bt, 0, short_name);
	jint(bt, 0, level);
	jint(bt, 0, parent);
	jint(bt, 0, members);
	jstr(bt, 0, folded);
	free(folded);
}

static int gen_units(struct gen *g, const struct actor *a)
{
	struct tree *t = &g->t;
	struct batch bt;
	json_t *body, *out = NULL;
	char name[160], short_name[96], cname[64];
	int32_t i;
	int ward, rc;

	body = json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", "TW", "name",
			 "Ban Chấp hành Trung ương Đảng", "short_name",
			 "Trung ương", "level", "tw", "valid_from", VALID_FROM);
	rc = units_create_root(g->c, a, body, &out, g->e);
	json_decref(body);
	if (rc < 0)
		return -1;
	t->root.id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	g->n->units++;
	if (store_begin(g->c, g->e) < 0)
		return -1;

	batch_init(&bt, g, Q_GEN_UNITS, &g->n->units);
	bt.arg2 = VALID_FROM;
	for (i = 0; i < t->nprov; i++) {
		const struct province_def *p = &provinces[t->prov[i].parent];

		snprintf(name, sizeof(name), "Đảng bộ %s%s",
			 strncmp(p->name, "Thành phố", 9) ? "tỉnh " : "",
			 p->name);
		unit_row(&bt, t->prov[i].code, name, p->name, t->level[1],
			 t->root.id, 0);
		if (row_close(&bt) < 0)
			goto fail;
	}
	if (batch_flush(&bt) < 0 || finish_level(g, 1, t->prov, t->nprov) < 0)
		goto fail;
	progress(g, "đơn vị", 1, 3);
	for (i = 0; i < t->ncomm; i++) {
		commune_name(g->o->seed, i, cname, sizeof(cname), &ward);
		snprintf(name, sizeof(name), "Đảng ủy %s %s",
			 ward ? "phường" : "xã", cname);
		snprintf(short_name, sizeof(short_name), "%s %s",
			 ward ? "P." : "Xã", cname);
		unit_row(&bt, t->comm[i].code, name, short_name, t->level[2],
			 t->prov[t->comm[i].parent].id, 0);
		if (row_close(&bt) < 0)
			goto fail;
	}
	if (batch_flush(&bt) < 0 || finish_level(g, 2, t->comm, t->ncomm) < 0)
		goto fail;
	progress(g, "đơn vị", 2, 3);
	for (i = 0; i < t->ncell; i++) {
		const struct node *x = &t->cell[i], *m = &t->comm[x->parent];
		int32_t k = i - m->first, villages = m->count - N_ORGS;

		commune_name(g->o->seed, x->parent, cname, sizeof(cname), &ward);
		if (k < villages) {
			snprintf(name, sizeof(name), "Chi bộ %s %d",
				 ward ? "khu phố" : "thôn", k + 1);
			snprintf(short_name, sizeof(short_name), "%s %d",
				 ward ? "Khu phố" : "Thôn", k + 1);
		} else {
			snprintf(name, sizeof(name), "Chi bộ %s %s",
				 cell_orgs[k - villages], cname);
			snprintf(short_name, sizeof(short_name), "%s",
				 cell_orgs[k - villages]);
		}
		unit_row(&bt, x->code, name, short_name, t->level[3], m->id,
			 x->members);
		if (row_close(&bt) < 0)
			goto fail;
		g->n->members += x->members;
	}
	if (batch_flush(&bt) < 0 || finish_level(g, 3, t->cell, t->ncell) < 0)
		goto fail;
	g->n->cells = t->ncell;
	progress(g, "đơn vị", 3, 3);
	buf_release(&bt.b);
	g->txn_rows = 0;
	return store_commit(g->c, g->e);
fail:
	buf_release(&bt.b);
	store_rollback(g->c);
	return -1;
}

/* --- activities ------------------------------------------------------------ */

struct central_doc {
	const char *symbol, *type, *date, *summary;
	int number;
};

/* Documents of the centre the cells study, in date order. */
static const struct central_doc central[] = {
	{ "01-KL/TW", "KL", "2021-05-18",
	  "Kết luận về tiếp tục thực hiện Chỉ thị số 05-CT/TW về đẩy mạnh học"
	  " tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 1 },
	{ "04-KL/TW", "KL", "2021-07-05",
	  "Kết luận về việc học tập, quán triệt, tuyên truyền và triển khai"
	  " thực hiện Nghị quyết Đại hội XIII của Đảng", 4 },
	{ "21-NQ/TW", "NQ", "2022-06-16",
	  "Nghị quyết về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và"
	  " nâng cao chất lượng đội ngũ đảng viên trong giai đoạn mới", 21 },
	{ "27-NQ/TW", "NQ", "2022-11-09",
	  "Nghị quyết về tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền"
	  " xã hội chủ nghĩa Việt Nam trong giai đoạn mới", 27 },
	{ "41-NQ/TW", "NQ", "2023-10-10",
	  "Nghị quyết về xây dựng và phát huy vai trò của đội ngũ doanh nhân"
	  " Việt Nam trong thời kỳ mới", 41 },
	{ "57-NQ/TW", "NQ", "2024-12-22",
	  "Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng"
	  " tạo và chuyển đổi số quốc gia", 57 },
	{ "66-NQ/TW", "NQ", "2025-04-30",
	  "Nghị quyết về đổi mới công tác xây dựng và thi hành pháp luật đáp"
	  " ứng yêu cầu phát triển đất nước trong kỷ nguyên mới", 66 },
	{ "68-NQ/TW", "NQ", "2025-05-04",
	  "Nghị quyết về phát triển kinh tế tư nhân", 68 },
};
#define N_CENTRAL (sizeof(central) / sizeof(central[0]))

/* The central documents issued before `date`: how many. */
static int central_before(const char *date)
{
	int k = 0;

	while (k < (int)N_CENTRAL && strcmp(central[k].date, date) < 0)
		k++;
	return k;
}

static const char *form_of(uint64_t *r)
{
	int64_t x = rnd_below(r, 100);

	return x < 85 ? "in_person" : x < 95 ? "online" : "hybrid";
}

static void activity(struct batch *bt, int64_t unit, const char *date,
		     const char *kind, const char *form, const char *title,
		     const char *ref, int64_t expected, int64_t present,
		     int64_t non)
{
	row_open(bt);
	jint(bt, 1, unit);
	jstr(bt, 0, date);
	jstr(bt, 0, kind);
	jstr(bt, 0, form);
	jstr(bt, 0, title);
	jstr(bt, 0, ref);
	jint(bt, 0, present);
	jint(bt, 0, expected);
	jint(bt, 0, non);
}

static int gen_activities(struct gen *g)
{
	struct tree *t = &g->t;
	struct batch bt;
	char date[PERIOD_DATE_SIZE], title[200];
	int32_t c, i;
	int y, m, q, k;

	batch_init(&bt, g, Q_GEN_ACTIVITIES, &g->n->activities);
	for (c = 0; c < t->ncomm; c++) {
		const struct node *cm = &t->comm[c];
		int64_t all = 0;

		for (i = cm->first; i < cm->first + cm->count; i++) {
			const struct node *x = &t->cell[i];
			uint64_t r = rnd_stream(g->o->seed, PH_ACT, (uint64_t)i);

			all += x->members;
			for (y = YEAR_FIRST; y <= YEAR_LAST; y++)
				for (m = 1; m <= 12; m++) {
					int64_t exp = x->members -
						      rnd_below(&r, 3);
					int64_t abs = rnd_below(&r, exp / 8 + 1);
					int dim = days_in_month(y, m);

					/* The regular monthly meeting. */
					ymd(date, y, m, (int)rnd_range(&r, 1, 10));
					snprintf(title, sizeof(title),
						 "Sinh hoạt chi bộ thường kỳ"
						 " tháng %d/%d", m, y);
					activity(&bt, x->id, date, "political",
						 "in_person", title, NULL, exp,
						 exp - abs, 0);
					if (row_close(&bt) < 0)
						goto fail;
					if (rnd_pct(&r, 55)) {
						ymd(date, y, m,
						    (int)rnd_range(&r, 1, dim));
						k = central_before(date);
						abs = rnd_below(&r, exp / 10 + 1);
						if (k) {
							k = (int)rnd_below(&r, k);
							snprintf(title, sizeof(title),
								 "Học tập, quán triệt %s",
								 central[k].symbol);
						} else {
							snprintf(title, sizeof(title),
								 "Học tập chuyên đề năm %d",
								 y);
						}
						activity(&bt, x->id, date, "study",
							 form_of(&r), title,
							 k || central_before(date)
								 ? central[k].symbol
								 : NULL,
							 exp, exp - abs,
							 rnd_pct(&r, 30)
								 ? rnd_below(&r, 20)
								 : 0);
						if (row_close(&bt) < 0)
							goto fail;
					}
					if (rnd_pct(&r, 3)) {
						ymd(date, y, m,
						    (int)rnd_range(&r, 1, dim));
						activity(&bt, x->id, date, "seminar",
							 form_of(&r),
							 "Tọa đàm chuyên đề", NULL,
							 exp, exp - rnd_below(&r, exp / 5 + 1),
							 rnd_below(&r, 30));
						if (row_close(&bt) < 0)
							goto fail;
					}
					if (rnd_pct(&r, 2)) {
						ymd(date, y, m, 1 + (int)rnd_below(&r, 7));
						activity(&bt, x->id, date,
							 "flag_salute", "in_person",
							 "Chào cờ đầu tháng", NULL,
							 exp, exp - rnd_below(&r, 3),
							 rnd_below(&r, 50));
						if (row_close(&bt) < 0)
							goto fail;
					}
				}
		}
		/* Commune-wide study conferences, one per quarter. */
		{
			uint64_t r = rnd_stream(g->o->seed, PH_ACT,
						10000000 + (uint64_t)c);

			for (y = YEAR_FIRST; y <= YEAR_LAST; y++)
				for (q = 0; q < 4; q++) {
					int64_t present;

					m = 3 * q + 1 + (int)rnd_below(&r, 3);
					ymd(date, y, m,
					    (int)rnd_range(&r, 1, days_in_month(y, m)));
					k = central_before(date);
					present = all - rnd_below(&r, all / 12 + 1);
					snprintf(title, sizeof(title),
						 "Hội nghị học tập, quán triệt"
						 " quý %d/%d", q + 1, y);
					activity(&bt, cm->id, date, "study",
						 form_of(&r), title,
						 k ? central[k - 1].symbol : NULL,
						 all, present, rnd_below(&r, 40));
					if (row_close(&bt) < 0)
						goto fail;
				}
		}
		if (c % 16 == 15 || c + 1 == t->ncomm)
			progress(g, "hoạt động", c + 1, t->ncomm);
	}
	return batch_done(&bt);
fail:
	buf_release(&bt.b);
	return -1;
}

/* --- reporters and reporter conferences ------------------------------------ */

static const char *const family[] = { "Nguyễn", "Trần", "Lê",  "Phạm",
				      "Hoàng",  "Huỳnh", "Phan", "Vũ",
				      "Võ",     "Đặng", "Bùi", "Đỗ",
				      "Hồ",     "Ngô",  "Dương", "Lý" };
static const char *const middle[] = { "Văn", "Thị",  "Minh", "Thanh",
				      "Hữu", "Đức",  "Ngọc", "Quang",
				      "Thu", "Hoàng" };
static const char *const given[] = {
	"An",   "Bình", "Cường", "Dũng", "Giang", "Hà",   "Hải",
	"Hạnh", "Hòa",  "Hùng",  "Hương", "Lan",  "Linh", "Long",
	"Mai",  "Nam",  "Nga",   "Phong", "Phương", "Quân", "Sơn",
	"Tâm",  "Thảo", "Trang", "Tuấn", "Việt", "Yến",
};
#define PICK(r, arr) arr[rnd_below(r, (int64_t)(sizeof(arr) / sizeof(arr[0])))]

static const char *const positions[] = {
	"Bí thư Đảng ủy", "Phó Bí thư Thường trực", "Trưởng Ban Tuyên giáo",
	"Chủ tịch Ủy ban Mặt trận Tổ quốc", "Bí thư Đoàn Thanh niên",
	"Chủ tịch Hội Cựu chiến binh", "Chuyên viên",
};

/* The reporters and monthly conferences of one unit. */
static int unit_reporters(struct gen *g, struct batch *rep,
			  struct batch *conf, int64_t unit, uint64_t *r,
			  int nrep, int64_t audience)
{
	char name[96], date[PERIOD_DATE_SIZE], topics[200];
	int i, y, m;

	for (i = 0; i < nrep; i++) {
		snprintf(name, sizeof(name), "%s %s %s", PICK(r, family),
			 PICK(r, middle), PICK(r, given));
		row_open(rep);
		jint(rep, 1, unit);
		jstr(rep, 0, name);
		jstr(rep, 0, PICK(r, positions));
		jstr(rep, 0, i < nrep - 1 ? "2021-01-01" : "2023-01-01");
		if (row_close(rep) < 0)
			return -1;
	}
	for (y = YEAR_FIRST; y <= YEAR_LAST; y++)
		for (m = 1; m <= 12; m++) {
			if (!rnd_pct(r, 92))
				continue;
			ymd(date, y, m, (int)rnd_range(r, 3, 20));
			snprintf(topics, sizeof(topics),
				 "Định hướng tuyên truyền tháng %d/%d; tình hình"
				 " thời sự trong nước và quốc tế",
				 m, y);
			row_open(conf);
			jint(conf, 1, unit);
			jstr(conf, 0, date);
			jstr(conf, 0, topics);
			jint(conf, 0, rnd_range(r, 1, nrep));
			jint(conf, 0, audience / 2 + rnd_below(r, audience / 2 + 1));
			if (row_close(conf) < 0)
				return -1;
		}
	(void)g;
	return 0;
}

static int gen_reporters(struct gen *g)
{
	struct tree *t = &g->t;
	struct batch rep, conf;
	int32_t i;

	batch_init(&rep, g, Q_GEN_REPORTERS, &g->n->reporters);
	batch_init(&conf, g, Q_GEN_RCONFS, &g->n->reporter_conferences);
	for (i = 0; i < t->nprov; i++) {
		uint64_t r = rnd_stream(g->o->seed, PH_REP, (uint64_t)i);

		if (unit_reporters(g, &rep, &conf, t->prov[i].id, &r,
				   (int)rnd_range(&r, 15, 25), 400) < 0)
			goto fail;
	}
	for (i = 0; i < t->ncomm; i++) {
		uint64_t r = rnd_stream(g->o->seed, PH_REP, 100000 + (uint64_t)i);

		if (unit_reporters(g, &rep, &conf, t->comm[i].id, &r,
				   (int)rnd_range(&r, 3, 6), 160) < 0)
			goto fail;
		if (i % 64 == 63 || i + 1 == t->ncomm)
			progress(g, "báo cáo viên", i + 1, t->ncomm);
	}
	if (batch_done(&rep) < 0 || batch_done(&conf) < 0)
		return -1;
	return 0;
fail:
	buf_release(&rep.b);
	buf_release(&conf.b);
	return -1;
}

/* --- classes --------------------------------------------------------------- */

static const struct {
	const char *kind, *title;
	int pct, lo, hi;
} class_kinds[] = {
	{ "new_members", "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới",
	  90, 8, 40 },
	{ "prospective", "Lớp bồi dưỡng nhận thức về Đảng", 80, 10, 50 },
	{ "thematic", "Lớp bồi dưỡng chuyên đề", 70, 20, 80 },
	{ "refresher", "Lớp bồi dưỡng, cập nhật kiến thức cho cán bộ", 40, 15,
	  60 },
	{ "elementary", "Lớp sơ cấp lý luận chính trị", 15, 20, 60 },
};
#define N_CLASS_KINDS (sizeof(class_kinds) / sizeof(class_kinds[0]))

static int unit_classes(struct batch *bt, int64_t unit, uint64_t *r,
			int scale)
{
	char start[PERIOD_DATE_SIZE], end[PERIOD_DATE_SIZE], title[200];
	int y;
	size_t k;

	for (y = YEAR_FIRST; y <= YEAR_LAST; y++)
		for (k = 0; k < N_CLASS_KINDS; k++) {
			int64_t enrolled;

			if (!rnd_pct(r, class_kinds[k].pct))
				continue;
			random_day(r, y, 1, start);
			if (periods_add_days(start, rnd_range(r, 2, 12), end) < 0)
				return err_internal(bt->g->e, "gen class date");
			if (strncmp(end, start, 4))
				memcpy(end, start, PERIOD_DATE_SIZE);
			enrolled = scale * rnd_range(r, class_kinds[k].lo,
						     class_kinds[k].hi);
			snprintf(title, sizeof(title), "%s năm %d",
				 class_kinds[k].title, y);
			row_open(bt);
			jint(bt, 1, unit);
			jstr(bt, 0, class_kinds[k].kind);
			jstr(bt, 0, title);
			jstr(bt, 0, start);
			jstr(bt, 0, end);
			jint(bt, 0, enrolled);
			jint(bt, 0, enrolled - rnd_below(r, enrolled / 15 + 1));
			if (row_close(bt) < 0)
				return -1;
		}
	return 0;
}

static int gen_classes(struct gen *g)
{
	struct tree *t = &g->t;
	struct batch bt;
	int32_t i;

	batch_init(&bt, g, Q_GEN_CLASSES, &g->n->classes);
	for (i = 0; i < t->nprov; i++) {
		uint64_t r = rnd_stream(g->o->seed, PH_CLS, (uint64_t)i);
		int k;

		for (k = 0; k < 4; k++)
			if (unit_classes(&bt, t->prov[i].id, &r, 2) < 0)
				goto fail;
	}
	for (i = 0; i < t->ncomm; i++) {
		uint64_t r = rnd_stream(g->o->seed, PH_CLS, 100000 + (uint64_t)i);

		if (unit_classes(&bt, t->comm[i].id, &r, 1) < 0)
			goto fail;
		if (i % 64 == 63 || i + 1 == t->ncomm)
			progress(g, "lớp học", i + 1, t->ncomm);
	}
	return batch_done(&bt);
fail:
	buf_release(&bt.b);
	return -1;
}

/* --- indicator values ------------------------------------------------------ */

static int ivalue(struct batch *bt, int64_t ind, int64_t unit, int y,
		  int64_t num, int64_t den, uint64_t *r)
{
	char period[8], start[PERIOD_DATE_SIZE], end[PERIOD_DATE_SIZE],
		entered[PERIOD_DATE_SIZE];

	snprintf(period, sizeof(period), "%d", y);
	ymd(start, y, 1, 1);
	ymd(end, y, 12, 31);
	ymd(entered, y + 1, 1, (int)rnd_range(r, 3, 28));
	row_open(bt);
	jint(bt, 1, ind);
	jint(bt, 0, unit);
	jstr(bt, 0, period);
	jstr(bt, 0, start);
	jstr(bt, 0, end);
	jint(bt, 0, num);
	jint(bt, 0, den);
	jstr(bt, 0, entered);
	return row_close(bt);
}

static int gen_indicators(struct gen *g)
{
	struct tree *t = &g->t;
	struct batch bt;
	int32_t c, i;
	int y;

	batch_init(&bt, g, Q_GEN_IVALUES, &g->n->indicator_values);
	for (c = 0; c < t->ncomm; c++) {
		const struct node *cm = &t->comm[c];
		uint64_t r = rnd_stream(g->o->seed, PH_IND, (uint64_t)c);
		int64_t areas = cm->count > N_ORGS ? cm->count - N_ORGS : 1;
		int64_t homes = 300 * areas + rnd_below(&r, 200 * areas);

		for (y = YEAR_FIRST; y <= YEAR_LAST; y++) {
			int64_t hh = homes + (y - YEAR_FIRST) * areas * 4;

			if (ivalue(&bt, g->ind[0], cm->id, y,
				   areas - rnd_below(&r, areas / 5 + 1), areas,
				   &r) < 0 ||
			    ivalue(&bt, g->ind[1], cm->id, y,
				   hh - rnd_range(&r, hh / 50, hh / 8), hh,
				   &r) < 0)
				goto fail;
		}
		for (i = cm->first; i < cm->first + cm->count; i++) {
			const struct node *x = &t->cell[i];

			for (y = YEAR_FIRST; y <= YEAR_LAST; y++)
				if (ivalue(&bt, g->ind[2], x->id, y,
					   x->members -
						   rnd_below(&r, x->members / 6 + 1),
					   x->members, &r) < 0)
					goto fail;
		}
		if (c % 64 == 63 || c + 1 == t->ncomm)
			progress(g, "chỉ tiêu", c + 1, t->ncomm);
	}
	return batch_done(&bt);
fail:
	buf_release(&bt.b);
	return -1;
}

/* --- opinion reports and hot spots ----------------------------------------- */

static const char *const opinion_says[] = {
	"Nhân dân quan tâm tiến độ và mức bồi thường khi thu hồi đất",
	"Nhân dân phản ánh ô nhiễm từ cơ sở sản xuất gần khu dân cư",
	"Nhân dân quan tâm chất lượng khám chữa bệnh tại tuyến cơ sở",
	"Phụ huynh quan tâm các khoản thu đầu năm học",
	"Nhân dân lo lắng giá cả hàng hóa thiết yếu tăng",
	"Nhân dân mong sớm sửa chữa tuyến đường liên thôn xuống cấp",
	"Nhân dân đồng tình với chính sách hỗ trợ người có hoàn cảnh khó khăn",
	"Nhân dân quan tâm tình hình an ninh trật tự ở địa bàn",
	"Cán bộ, đảng viên và nhân dân đồng tình với việc sắp xếp tổ chức bộ máy",
	"Nhân dân quan tâm việc triển khai chính sách mới",
};

static const char *const hotspot_cases[] = {
	"Khiếu kiện đông người về bồi thường giải phóng mặt bằng",
	"Sự cố ô nhiễm nguồn nước",
	"Ngộ độc thực phẩm tập thể",
	"Phản ánh lạm thu đầu năm học",
	"Tăng giá dịch vụ thiết yếu bất thường",
	"Tranh chấp về tuyến đường dân sinh",
	"Chậm chi trả chế độ chính sách",
	"Tụ tập gây mất trật tự",
	"Thông tin sai lệch trên mạng xã hội",
	"Phản ánh về thực hiện chính sách mới",
};

static int gen_opinion(struct gen *g)
{
	struct tree *t = &g->t;
	struct batch op, hs;
	char period[8], start[PERIOD_DATE_SIZE], end[PERIOD_DATE_SIZE],
		opened[PERIOD_DATE_SIZE], resolved[PERIOD_DATE_SIZE],
		closed[PERIOD_DATE_SIZE], title[200];
	int32_t c;
	int y, m, k, n, ti;

	batch_init(&op, g, Q_GEN_OPINION, &g->n->opinion_reports);
	batch_init(&hs, g, Q_GEN_HOTSPOTS, &g->n->hotspots);
	for (c = 0; c < t->ncomm; c++) {
		const struct node *cm = &t->comm[c];
		uint64_t r = rnd_stream(g->o->seed, PH_OP, (uint64_t)c);

		for (y = YEAR_FIRST; y <= YEAR_LAST; y++)
			for (m = 1; m <= 12; m++) {
				n = (int)rnd_below(&r, 4);
				ti = (int)rnd_below(&r, g->ntopics);
				snprintf(period, sizeof(period), "%04d-%02d", y, m);
				ymd(start, y, m, 1);
				ymd(end, y, m, days_in_month(y, m));
				for (k = 0; k < n; k++) {
					int t_ix = (ti + 3 * k) % g->ntopics;
					int64_t agree = rnd_range(&r, 30, 85);
					int64_t conc = rnd_below(&r, 100 - agree + 1);
					int64_t dis = rnd_below(&r, 100 - agree - conc + 1);
					int64_t x = rnd_below(&r, 10);

					row_open(&op);
					jint(&op, 1, cm->id);
					jint(&op, 0, g->topics[t_ix]);
					jstr(&op, 0, period);
					jstr(&op, 0, start);
					jstr(&op, 0, end);
					jstr(&op, 0, opinion_says[t_ix % 10]);
					jint(&op, 0, agree);
					jint(&op, 0, conc);
					jint(&op, 0, dis);
					jstr(&op, 0, x < 6 ? "low" : x < 9 ? "medium" : "high");
					jstr(&op, 0, x < 6 ? "" : "Đề nghị cấp ủy chỉ đạo"
								  " giải quyết dứt điểm");
					if (row_close(&op) < 0)
						goto fail;
				}
			}
		r = rnd_stream(g->o->seed, PH_HS, (uint64_t)c);
		for (y = YEAR_FIRST; y <= YEAR_LAST; y++) {
			int64_t days, x;
			const char *status;

			if (!rnd_pct(&r, 60))
				continue;
			random_day(&r, y, 1, opened);
			ti = (int)rnd_below(&r, g->ntopics);
			days = rnd_range(&r, 5, 150);
			x = rnd_below(&r, 100);
			status = x < 55 ? "closed" : x < 85 ? "resolved"
				 : x < 95 ? "handling" : "detected";
			if (periods_add_days(opened, days, resolved) < 0 ||
			    periods_add_days(resolved, 30, closed) < 0)
				goto fail_internal;
			snprintf(title, sizeof(title), "%s tại %s",
				 hotspot_cases[ti % 10], cm->code);
			row_open(&hs);
			jint(&hs, 1, cm->id);
			jint(&hs, 0, g->topics[ti]);
			jstr(&hs, 0, title);
			jstr(&hs, 0, opened);
			jstr(&hs, 0, x % 3 == 0 ? "high" : x % 3 == 1 ? "medium" : "low");
			jstr(&hs, 0, "Ủy ban nhân dân xã");
			jstr(&hs, 0, status);
			if (x < 85) {
				jstr(&hs, 0, resolved);
				jint(&hs, 0, days);
			} else {
				jstr(&hs, 0, NULL);
				jstr(&hs, 0, NULL);
			}
			jstr(&hs, 0, x < 55 ? closed : NULL);
			jstr(&hs, 0, x < 85 ? "Đã phối hợp giải quyết, nhân dân"
					      " đồng tình" : "");
			if (row_close(&hs) < 0)
				goto fail;
		}
		if (c % 64 == 63 || c + 1 == t->ncomm)
			progress(g, "dư luận, điểm nóng", c + 1, t->ncomm);
	}
	if (batch_done(&op) < 0 || batch_done(&hs) < 0)
		return -1;
	return 0;
fail_internal:
	err_internal(g->e, "gen hotspot date");
fail:
	buf_release(&op.b);
	buf_release(&hs.b);
	return -1;
}

/* --- documents and tasks --------------------------------------------------- */

/* -1 with g->e set, for a statement that failed or returned no row. */
static int e_status_or_internal(struct gen *g)
{
	return g->e->status ? -1 : err_internal(g->e, "gen");
}

/* The id of a document type or issuer by code; -1 when missing. */
static int64_t lookup_id(struct gen *g, enum query q, const char *code)
{
	int64_t id = 0;

	if (store_int(g->c, q, (struct sval[]){ SV_T(code) }, 1, &id, g->e) != 1)
		return e_status_or_internal(g);
	return id;
}

static char *doc_folded(const char *symbol, const char *type,
			const char *issuer, const char *summary,
			const char *signer, int number)
{
	struct buf b = BUF_INIT;
	char *f;

	buf_addf(&b, "%s %s %s %s %s %d", symbol, type, issuer, summary,
		 signer, number);
	f = text_fold_dup(b.ptr);
	buf_release(&b);
	return f;
}

static int gen_central_docs(struct gen *g)
{
	struct tree *t = &g->t;
	struct batch bt;
	int64_t tw = lookup_id(g, Q_GEN_ISSUER_ID, "TW");
	int64_t type[N_CENTRAL];
	char *folded[N_CENTRAL];
	int32_t i, n = 1 + t->nprov + t->ncomm;
	size_t k;
	int rc = -1;

	if (tw < 0)
		return -1;
	for (k = 0; k < N_CENTRAL; k++) {
		folded[k] = NULL;
		type[k] = lookup_id(g, Q_GEN_TYPE_ID, central[k].type);
		if (type[k] < 0)
			goto out;
		folded[k] = doc_folded(central[k].symbol, central[k].type, "TW",
				       central[k].summary, "", central[k].number);
	}
	batch_init(&bt, g, Q_GEN_DOCS_IN, &g->n->documents);
	for (i = 0; i < n; i++) {
		int64_t unit = i == 0 ? t->root.id
			       : i <= t->nprov ? t->prov[i - 1].id
					       : t->comm[i - 1 - t->nprov].id;

		for (k = 0; k < N_CENTRAL; k++) {
			row_open(&bt);
			jint(&bt, 1, unit);
			jstr(&bt, 0, central[k].symbol);
			jint(&bt, 0, central[k].number);
			jint(&bt, 0, type[k]);
			jint(&bt, 0, tw);
			jstr(&bt, 0, central[k].date);
			jstr(&bt, 0, central[k].summary);
			jstr(&bt, 0, "");
			jstr(&bt, 0, folded[k]);
			if (row_close(&bt) < 0) {
				buf_release(&bt.b);
				goto out;
			}
		}
	}
	rc = batch_done(&bt);
out:
	for (k = 0; k < N_CENTRAL; k++)
		if (type[k] >= 0)
			free(folded[k]);
	return rc;
}

static const struct {
	const char *type, *summary;
	int weight;
} out_kinds[] = {
	{ "KH", "Kế hoạch tuyên truyền, học tập, quán triệt", 30 },
	{ "HD", "Hướng dẫn tuyên truyền kỷ niệm các ngày lễ lớn", 15 },
	{ "CV", "Công văn về việc định hướng thông tin tuyên truyền", 35 },
	{ "BC", "Báo cáo kết quả công tác tuyên giáo", 15 },
	{ "TB", "Thông báo kết luận của Thường trực", 5 },
};
#define N_OUT_KINDS (sizeof(out_kinds) / sizeof(out_kinds[0]))

static const char *const task_titles[] = {
	"Tổ chức học tập, quán triệt và xây dựng kế hoạch thực hiện",
	"Tuyên truyền kỷ niệm ngày thành lập Đảng",
	"Báo cáo kết quả thực hiện chuyên đề học tập năm",
	"Tổ chức hội nghị báo cáo viên và nắm bắt dư luận xã hội",
	"Rà soát, báo cáo tình hình tư tưởng trong cán bộ, đảng viên",
	"Tuyên truyền đại hội đảng bộ các cấp",
};
#define N_TASK_TITLES (sizeof(task_titles) / sizeof(task_titles[0]))

/* One province: its terms, outgoing documents and the tasks they give its
 * communes. */
static int province_docs(struct gen *g, struct batch *asg, int32_t pi,
			 const int64_t *type_ids, const int64_t *issuer_ids)
{
	struct tree *t = &g->t;
	const struct node *p = &t->prov[pi];
	uint64_t r = rnd_stream(g->o->seed, PH_DOC, (uint64_t)pi);
	int64_t term[2], doc, task;
	int counter[2][N_OUT_KINDS] = { { 0 } };
	char date[PERIOD_DATE_SIZE], deadline[PERIOD_DATE_SIZE],
		done[PERIOD_DATE_SIZE], symbol[64], summary[300], title[300];
	int y, i, ndocs, tm;
	size_t k;
	int32_t c;

	if (store_int(g->c, Q_GEN_TERM_INSERT,
		      (struct sval[]){ SV_I(p->id), SV_T("Nhiệm kỳ 2020-2025"),
				       SV_T("2020-10-15"), SV_T("2025-09-30") },
		      4, &term[0], g->e) != 1 ||
	    store_int(g->c, Q_GEN_TERM_INSERT,
		      (struct sval[]){ SV_I(p->id), SV_T("Nhiệm kỳ 2025-2030"),
				       SV_T("2025-10-01"), SV_NUL },
		      4, &term[1], g->e) != 1)
		return e_status_or_internal(g);
	for (y = YEAR_FIRST; y <= YEAR_LAST; y++) {
		ndocs = (int)rnd_range(&r, 100, 200);
		for (i = 0; i < ndocs; i++) {
			int64_t x = rnd_below(&r, 100), acc = 0;
			char *folded;
			int number;

			for (k = 0; k < N_OUT_KINDS - 1; k++) {
				acc += out_kinds[k].weight;
				if (x < acc)
					break;
			}
			random_day(&r, y, 1, date);
			tm = strcmp(date, "2025-10-01") >= 0;
			number = ++counter[tm][k];
			snprintf(symbol, sizeof(symbol), "%02d-%s/%s", number,
				 out_kinds[k].type, tm ? "BTGDVTU" : "BTGTU");
			snprintf(summary, sizeof(summary), "%s năm %d",
				 out_kinds[k].summary, y);
			folded = doc_folded(symbol, out_kinds[k].type,
					    tm ? "BTGDVTU" : "BTGTU", summary,
					    "Trưởng Ban", number);
			if (store_int(g->c, Q_GEN_DOC_OUT,
				      (struct sval[]){
					      SV_I(p->id), SV_T(symbol),
					      SV_I(number), SV_I(type_ids[k]),
					      SV_I(issuer_ids[tm]), SV_I(term[tm]),
					      SV_T(date), SV_T(summary),
					      SV_T("Trưởng Ban"), SV_T(folded) },
				      10, &doc, g->e) != 1) {
				free(folded);
				return e_status_or_internal(g);
			}
			free(folded);
			g->n->documents++;
			g->n->total++;
			/* About a third of the plans of January to August give tasks. */
			if (k != 0 || rnd_pct(&r, 70) || date[5] > '0' ||
			    date[6] > '8')
				continue;
			if (periods_add_days(date, rnd_range(&r, 30, 90),
					     deadline) < 0)
				return err_internal(g->e, "gen deadline");
			snprintf(title, sizeof(title), "%s (%s)",
				 task_titles[rnd_below(&r, N_TASK_TITLES)], symbol);
			if (store_int(g->c, Q_GEN_TASK,
				      (struct sval[]){ SV_I(doc), SV_I(p->id),
						       SV_T(i % 7 ? "task" : "so_ket"),
						       SV_T(title), SV_T(deadline),
						       SV_T(date) },
				      6, &task, g->e) != 1)
				return e_status_or_internal(g);
			g->n->tasks++;
			g->n->total++;
			for (c = p->first; c < p->first + p->count; c++) {
				int64_t s = rnd_below(&r, 100);

				if (periods_add_days(deadline,
						     rnd_range(&r, -25, 5),
						     done) < 0)
					return err_internal(g->e, "gen done");
				if (strcmp(done, date) < 0)
					memcpy(done, date, sizeof(done));
				row_open(asg);
				jint(asg, 1, task);
				jint(asg, 0, t->comm[c].id);
				jstr(asg, 0, s < 85 ? "done" : s < 95 ? "in_progress"
								  : "not_started");
				jstr(asg, 0, s < 85 ? done : NULL);
				jstr(asg, 0, s < 85 ? "Đã triển khai đến chi bộ" : "");
				jstr(asg, 0, s < 85 ? done : deadline);
				if (row_close(asg) < 0)
					return -1;
			}
		}
		progress(g, "văn bản, nhiệm vụ",
			 (int64_t)pi * N_YEARS + (y - YEAR_FIRST) + 1,
			 (int64_t)t->nprov * N_YEARS);
	}
	return 0;
}

static int gen_documents(struct gen *g)
{
	struct batch asg;
	int64_t type_ids[N_OUT_KINDS], issuer_ids[2];
	size_t k;
	int32_t i;

	if (gen_central_docs(g) < 0)
		return -1;
	for (k = 0; k < N_OUT_KINDS; k++)
		if ((type_ids[k] = lookup_id(g, Q_GEN_TYPE_ID,
					     out_kinds[k].type)) < 0)
			return -1;
	if ((issuer_ids[0] = lookup_id(g, Q_GEN_ISSUER_ID, "BTGTU")) < 0 ||
	    (issuer_ids[1] = lookup_id(g, Q_GEN_ISSUER_ID, "BTGDVTU")) < 0)
		return -1;
	batch_init(&asg, g, Q_GEN_ASSIGNMENTS, &g->n->assignments);
	for (i = 0; i < g->t.nprov; i++)
		if (province_docs(g, &asg, i, type_ids, issuer_ids) < 0) {
			buf_release(&asg.b);
			return -1;
		}
	return batch_done(&asg);
}

/* --- the run --------------------------------------------------------------- */

int gen_scale_parse(const char *s, enum gen_scale *out)
{
	if (!strcmp(s, "national"))
		*out = GEN_NATIONAL;
	else if (!strcmp(s, "province"))
		*out = GEN_PROVINCE;
	else if (!strcmp(s, "small"))
		*out = GEN_SMALL;
	else
		return -1;
	return 0;
}

static int load_topics(struct gen *g)
{
	struct store_rows *r;
	int st;

	if (store_query(g->c, Q_GEN_TOPIC_IDS, NULL, 0, &r, g->e) < 0)
		return -1;
	while ((st = store_next(r)) == 1 && g->ntopics < 16)
		g->topics[g->ntopics++] = store_col_int(r, 0);
	store_rows_free(r);
	if (st < 0 || !g->ntopics)
		return err_internal(g->e, "gen topics");
	return 0;
}

/* Levels, the root and every unit, users, indicator definitions, each in
 * its own transaction (the domain functions open theirs). */
static int gen_setup(struct gen *g, const struct actor *a)
{
	const struct tree *t = &g->t;

	if (ensure_level(g, a, 0, "tw", "Trung ương", 1) < 0 ||
	    ensure_level(g, a, 1, "tinh", "Đảng bộ tỉnh, thành phố", 2) < 0 ||
	    ensure_level(g, a, 2, "coso", "Đảng bộ cơ sở (xã, phường)", 3) < 0 ||
	    ensure_level(g, a, 3, "chibo", "Chi bộ", 4) < 0 ||
	    gen_units(g, a) < 0)
		return -1;
	if (create_user(g, a, "admin", "Quản trị hệ thống", t->root.id,
			"admin") < 0 ||
	    create_user(g, a, "tinh01", "Chuyên viên Ban Tuyên giáo tỉnh",
			t->prov[0].id, "leader") < 0 ||
	    create_user(g, a, "xa0001", "Bí thư Đảng ủy xã", t->comm[0].id,
			"specialist") < 0)
		return -1;
	if (create_indicator(g, a, 0, "KDC-VH", "Khu dân cư đạt chuẩn văn hóa",
			     "Khu dân cư đạt chuẩn văn hóa",
			     "Tổng số khu dân cư", "coso", 8500) < 0 ||
	    create_indicator(g, a, 1, "HO-GDVH",
			     "Hộ gia đình đạt danh hiệu \"Gia đình văn hóa\"",
			     "Hộ đạt danh hiệu Gia đình văn hóa",
			     "Tổng số hộ gia đình", "coso", 9000) < 0 ||
	    create_indicator(g, a, 2, "DV-HTTNV",
			     "Đảng viên hoàn thành tốt nhiệm vụ trở lên",
			     "Đảng viên hoàn thành tốt nhiệm vụ trở lên",
			     "Đảng viên được đánh giá", "chibo", 9000) < 0)
		return -1;
	return load_topics(g);
}

int gen_run(struct store_conn *c, const struct gen_options *o,
	    struct gen_counts *n, struct err *e)
{
	struct gen g;
	struct actor a;
	json_t *summary;
	int64_t units = 0, paused = 0;
	int rc = -1;

	memset(n, 0, sizeof(*n));
	memset(&g, 0, sizeof(g));
	g.c = c;
	g.o = o;
	g.n = n;
	g.e = e;
	if (store_int(c, Q_GEN_UNITS_COUNT, NULL, 0, &units, e) != 1)
		return e->status ? -1 : err_internal(e, "gen");
	if (units > 0)
		return err_set(e, ERR_CONFLICT, "not_empty", NULL,
			       "Cơ sở dữ liệu đã có đơn vị; hãy sinh dữ liệu"
			       " vào một cơ sở dữ liệu trống.");
	demo_system_actor(&a);
	tree_shape(&g.t, o->scale, o->seed);
	if (gen_setup(&g, &a) < 0 || store_begin(c, e) < 0)
		goto out;
	if (store_exec(c, Q_GEN_AGG_OFF, NULL, 0, e) < 0 ||
	    store_int(c, Q_GEN_AGG_PAUSED, NULL, 0, &paused, e) != 1 ||
	    gen_activities(&g) < 0 ||
	    gen_reporters(&g) < 0 || gen_classes(&g) < 0 ||
	    gen_indicators(&g) < 0 || gen_opinion(&g) < 0 ||
	    gen_documents(&g) < 0)
		goto rollback;
	if (paused) {
		progress(&g, "tổng hợp", 0, 1);
		if (store_exec(c, Q_GEN_AGG_ON, NULL, 0, e) < 0 ||
		    rollup_agg_rebuild(c, e) < 0)
			goto rollback;
		progress(&g, "tổng hợp", 1, 1);
	}
	n->total += 1 + n->unit_history + n->users + n->indicators;
	summary = json_pack("{s:I, s:I, s:I, s:I, s:I}", "seed",
			    (json_int_t)o->seed, "units", (json_int_t)n->units,
			    "activities", (json_int_t)n->activities, "documents",
			    (json_int_t)n->documents, "rows",
			    (json_int_t)n->total);
	rc = audit_record(c, &a, "create", "generated_dataset", g.t.root.id,
			  g.t.root.id, NULL, summary, e);
	json_decref(summary);
	if (rc < 0 || store_commit(c, e) < 0)
		goto rollback;
	rc = 0;
	goto out;
rollback:
	rc = -1;
	store_rollback(c);
	/* The batches committed before the failure may have committed the
	 * triggers' pause too: never leave a database without them. */
	if (paused)
		store_exec(c, Q_GEN_AGG_ON, NULL, 0, NULL);
out:
	tree_release(&g.t);
	return rc;
}
