/*
 * The demo figures of study, training, reporters and indicators for the
 * Thành ủy Long Giang (SH-LG), reproducing what such a city committee
 * publishes (seeds 003 and 004), spread deterministically over its cells
 * and dates:
 *   2022-H1  148 political activities, 8.199/8.257 members present;
 *            321 study conferences (Kết luận 01-KL/TW and the 2022
 *            themes), 8.196/8.272 members, 2.526 non-members;
 *   2023     11 classes with 551 trainees; 117/120 residential areas and
 *            17.279/18.121 households recognised as cultural;
 * plus a reporter roster with monthly reporter conferences in 2023 and the
 * merge of xã Tân Giang into xã Mỹ Hòa Hưng from 2025-07-01.
 * Idempotent: nothing is added when the indicators exist already, and the
 * merge is skipped when done. Runs through the domain functions, audited
 * as "system".
 */
#ifndef TG_DEMO_STUDY_H
#define TG_DEMO_STUDY_H

#include "base/err.h"

struct store_conn;

int demo_study_load(struct store_conn *c, struct err *e);

#endif
