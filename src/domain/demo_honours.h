/*
 * The demo Party-history projects, commendations and communication output
 * of the Tỉnh ủy Sơn Hà (issue 9), reproducing what the seeds publish:
 *   - Thành ủy Long Giang (SH-LG): its own history published in 2007 and
 *     the histories of all 7 of its wards and communes published by 2023
 *     (3 of them reprinted in 2023), so "100% các đảng bộ phường, xã đã
 *     xuất bản lịch sử Đảng" for 2023 comes out of the tree (5/7 at the
 *     end of 2022);
 *   - the Tỉnh ủy directing the histories of xã Kỳ Hoa and phường Kỳ Liên
 *     (published in 2024) and of xã Kỳ Nam (being compiled since 2024-09),
 *     with xã Kỳ Phong planned and xã Sơn Lâm not started, so the province
 *     reads 9/12 at the end of 2024;
 *   - Long Giang, 2023: 125 collectives and 91 officials commended at the
 *     monthly flag-salute political activities; a few more in Kỳ Hoa in
 *     2024;
 *   - Long Giang, 2022-H1: the fanpages and Zalo OAs of the city and its
 *     7 wards and communes, month by month, 2.400 posts and 395.580
 *     shares and followers (330.000 shares, 65.580 followers in June);
 *     xã Kỳ Hoa's fanpage by quarter.
 * All from integer arithmetic on fixed tables; each part is skipped when
 * its collection holds anything already (idempotent). Runs through the
 * domain functions in one transaction, audited as "system".
 */
#ifndef TG_DEMO_HONOURS_H
#define TG_DEMO_HONOURS_H

#include "base/err.h"

struct store_conn;

int demo_honours_load(struct store_conn *c, struct err *e);

#endif
