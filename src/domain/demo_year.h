/*
 * The demo year of the provincial Ban Tuyên giáo và Dân vận (SH-BTGDV),
 * 2024, with the figures of seed 001 (the year's report of a provincial
 * Ban Tuyên giáo): 36 issues of the bulletin "Thông tin tổng hợp" (three a
 * month), 12 of "Thông tin an ninh tư tưởng" (one a month), the handbook
 * "Sổ tay Sinh hoạt chi bộ" printed at 3.000 copies every month (12 monthly
 * issues of 3.000 copies, so the roll-up says "3.000 cuốn …/tháng"), one
 * book; 73 drafts sent by the province's departments for comment or
 * appraisal, all answered within the year; and 52 weekly press reports
 * (2024-W01 to 2024-W52, the ISO weeks ending in 2024), submitted and
 * numbered "…-BC/BTGDVTU" (the issuer BTGDVTU is bound to the Ban when it
 * is bound to no unit).
 *
 * All from integer arithmetic on fixed tables, so every load gives the
 * same rows; idempotent per group (publications, appraisals: nothing is
 * added when the unit has any in 2024; press reports: week by week).
 * Through the domain functions, audited as "system".
 */
#ifndef TG_DEMO_YEAR_H
#define TG_DEMO_YEAR_H

#include "base/err.h"

struct store_conn;

#define DEMO_YEAR_UNIT "SH-BTGDV"
#define DEMO_YEAR "2024"

int demo_year_load(struct store_conn *c, struct err *e);

#endif
