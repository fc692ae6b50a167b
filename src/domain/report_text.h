/*
 * The Vietnamese wording of periodic reports, from the roll-up figures
 * (rollup.h): no I/O, no storage; every number goes through format.h.
 *
 *   report_text_count(b, 7)    -> "07"   (counts below 10 with a leading
 *   report_text_count(b, 321)  -> "321"   zero, as Party documents write
 *   report_text_count(b, 8199) -> "8.199" them: "07 báo cáo chuyên đề")
 *   report_text_period(b, "2022-H1")   -> "6 tháng đầu năm 2022"
 *   report_text_period(b, "2023-Q3")   -> "quý III năm 2023"
 *   report_text_period(b, "2023-9M")   -> "9 tháng đầu năm 2023"
 *   report_text_place_date(b, "Long Giang", "2022-06-15")
 *                              -> "Long Giang, ngày 15 tháng 6 năm 2022"
 *   report_text_upper(b, "Thành ủy Long Giang") -> "THÀNH ỦY LONG GIANG"
 *   report_text_committee(b, "Tỉnh ủy Sơn Hà")   -> "Đảng bộ tỉnh Sơn Hà"
 *
 * report_text_results() turns the "totals" object of a roll-up into the
 * paragraphs of "I. Kết quả đạt được": one sentence per figure group that
 * has something to say. Zero counts never give "0 hội nghị": the study
 * conferences and reporters' conferences say "chưa tổ chức", other groups
 * are left out. Groups the roll-up does not carry are skipped; opinion
 * reports (with the three topics most reported) and hot spots (opened,
 * resolved, still open) are worded when opinion.h adds them, documents
 * issued by type and received, and task assignments done and overdue when
 * reports.c adds them ("documents", "tasks"). All functions append to a struct
 * buf and return 0, or -1 if it would overflow; report_text_results returns a
 * new array of strings the caller owns.
 */
#ifndef TG_REPORT_TEXT_H
#define TG_REPORT_TEXT_H

#include <jansson.h>
#include <stdint.h>

struct buf;

int report_text_count(struct buf *out, int64_t n);
/* The period in words, from a key of periods.h or "YYYY-9M"; the key
 * itself when it is not recognised. */
int report_text_period(struct buf *out, const char *key);
int report_text_place_date(struct buf *out, const char *place,
			   const char *iso_date);
int report_text_upper(struct buf *out, const char *s);
int report_text_committee(struct buf *out, const char *committee_name);
/* The kind's name: "week" -> "tuần", "half" -> "6 tháng", …; the kind
 * itself when unknown. */
const char *report_text_kind_name(const char *kind);

json_t *report_text_results(json_t *totals);

/* Append to `list` the sentences about weekly press reports, publications
 * and appraisals (report_text_pub.c), when `totals` carries them. */
void report_text_output(json_t *list, json_t *totals);
/* Append to `list` the sentences on Party-history projects, commendations
 * and the units' own channels (report_text_honours.c), when the roll-up
 * carries them (honours_rollup.h). */
void report_text_honours(json_t *list, json_t *totals);

#endif
