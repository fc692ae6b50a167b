/*
 * The demo public opinion and hot spots of the Tỉnh ủy Sơn Hà: a year of
 * weekly opinion reports (ISO weeks 2025-W48 to 2026-W47) from the eleven
 * communes and wards valid all year, two topics each per week, with a
 * visible rise of "Đất đai, giải phóng mặt bằng" in the wards and communes
 * of Thành ủy Long Giang over the last three weeks (high intensity, with
 * recommendations); and 15 hot spots in every status (2 detected, 3 being
 * handled, 4 resolved, 6 closed), the 10 resolved ones resolved in 2026,
 * with their timelines. All from integer arithmetic on fixed tables, so
 * every load gives the same rows; idempotent (nothing is added when any
 * opinion report exists). Runs through the domain functions in one
 * transaction, audited as "system".
 */
#ifndef TG_DEMO_OPINION_H
#define TG_DEMO_OPINION_H

#include "base/err.h"

struct store_conn;

int demo_opinion_load(struct store_conn *c, struct err *e);

#endif
