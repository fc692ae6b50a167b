/*
 * A report as a DOCX file (Office Open XML), built with libzip from parts
 * written with struct buf and base/escape.h: [Content_Types].xml,
 * _rels/.rels, word/document.xml, word/styles.xml, word/settings.xml,
 * word/_rels/document.xml.rels, word/footer1.xml (a PAGE field),
 * docProps/core.xml and docProps/app.xml.
 *
 * Layout of a Party report: A4, margins top 20 mm, bottom 20 mm, left
 * 30 mm, right 15 mm; Times New Roman 14; the two-column header as a
 * borderless table (committee, unit, "*", "Số …" on the left; "ĐẢNG CỘNG
 * SẢN VIỆT NAM" bold underlined and the italic place and date on the
 * right); bold section headings; the annex tables per lower unit.
 *
 * export_docx() renders the JSON of reports_get() into `out` (the bytes of
 * the file) and returns 0, or -1 with `e` filled.
 */
#ifndef TG_EXPORT_DOCX_H
#define TG_EXPORT_DOCX_H

#include <jansson.h>

#include "base/err.h"

struct buf;

int export_docx(json_t *report, struct buf *out, struct err *e);

/* The word/document.xml part alone (tests). */
int export_docx_document_xml(json_t *report, struct buf *out);

#endif
