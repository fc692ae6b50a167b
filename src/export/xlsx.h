/*
 * The statistical annex of a report as XLSX (libxlsxwriter): one sheet per
 * module (study conferences, political activities, reporters, classes,
 * publications with Party histories, commendations and the units' own
 * channels, indicators, documents and tasks), one row per lower unit (documents,
 * tasks and indicators: totals of the subtree only), a row for records entered
 * at the unit itself, and a total row of SUM formulas with their cached results
 * (worksheet_write_formula_num, so readers that do not recalculate show
 * the figures); rates as numbers in a percent format; Vietnamese headers;
 * the header row frozen.
 *
 * export_xlsx() renders the JSON of reports_get() into `out` (the bytes of
 * the file; libxlsxwriter writes through a temporary file that is removed)
 * and returns 0, or -1 with `e` filled.
 */
#ifndef TG_EXPORT_XLSX_H
#define TG_EXPORT_XLSX_H

#include <jansson.h>

#include "base/err.h"

struct buf;

int export_xlsx(json_t *report, struct buf *out, struct err *e);

#endif
