/*
 * DOCX writer; see docx.h. Each part is a string built in a struct buf;
 * libzip stores them in an in-memory archive whose bytes are copied out.
 */
#include "export/docx.h"
#include "export/html.h"
#include "base/buf.h"
#include "base/escape.h"
#include "base/format.h"
#include "base/json.h"

#include <stdio.h>
#include <string.h>
#include <zip.h>

#define XML_DECL                                                               \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define W_NS                                                                   \
	"xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"   \
	"main\" "                                                              \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"     \
	"relationships\""

static const char content_types[] = XML_DECL
    "<Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

static const char root_rels[] = XML_DECL
    "<Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/"
    "metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
    "</Relationships>";

static const char doc_rels[] = XML_DECL
    "<Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/footer\" Target=\"footer1.xml\"/>"
    "</Relationships>";

static const char styles[] = XML_DECL
    "<w:styles " W_NS ">"
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
    "w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\"/>"
    "</w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
    "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
    "</w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" "
    "w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" "
    "w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
    "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:left "
    "w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" "
    "w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name "
    "w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/></w:style>"
    "</w:styles>";

static const char settings[] =
    XML_DECL "<w:settings " W_NS "><w:defaultTabStop w:val=\"720\"/>"
	     "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
	     "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
	     "w:uri=\"http://schemas.microsoft.com/office/word\" "
	     "w:val=\"15\"/></w:compat>"
	     "</w:settings>";

static const char footer[] = XML_DECL
    "<w:ftr " W_NS
    "><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"center\"/></w:pPr>"
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
    "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
    "<w:r><w:t>1</w:t></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    "</w:p></w:ftr>";

static const char app[] =
    XML_DECL "<Properties "
	     "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	     "extended-properties\" "
	     "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	     "docPropsVTypes\">"
	     "<Application>tuyengiao</Application></Properties>";

enum { B = 1, I = 2, U = 4 };

static void run(struct buf *b, const char *text, int fmt, int size)
{
	buf_adds(b, "<w:r>");
	if (fmt || size) {
		buf_adds(b, "<w:rPr>");
		if (fmt & B)
			buf_adds(b, "<w:b/><w:bCs/>");
		if (fmt & I)
			buf_adds(b, "<w:i/><w:iCs/>");
		if (fmt & U)
			buf_adds(b, "<w:u w:val=\"single\"/>");
		if (size)
			buf_addf(b,
				 "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>",
				 size, size);
		buf_adds(b, "</w:rPr>");
	}
	buf_adds(b, "<w:t xml:space=\"preserve\">");
	escape_xml(b, text);
	buf_adds(b, "</w:t></w:r>");
}

/* A paragraph: jc "center" | "both" | "left"; indent the first line. */
static void para(struct buf *b, const char *jc, int indent, int after,
		 const char *text, int fmt, int size)
{
	buf_addf(b, "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"%d\"/>",
		 after);
	if (indent)
		buf_adds(b, "<w:ind w:firstLine=\"567\"/>");
	buf_addf(b, "<w:jc w:val=\"%s\"/></w:pPr>", jc);
	run(b, text, fmt, size);
	buf_adds(b, "</w:p>");
}

static const char *S(json_t *r, const char *k)
{
	return json_get_str(r, k, "");
}

static void header_table(struct buf *b, json_t *r)
{
	char symbol[96];

	snprintf(symbol, sizeof(symbol), "Số %s",
		 *S(r, "symbol") ? S(r, "symbol") : "    -BC");
	buf_adds(b,
		 "<w:tbl><w:tblPr><w:tblW w:w=\"9354\" w:type=\"dxa\"/>"
		 "<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/>"
		 "<w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/>"
		 "<w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/>"
		 "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr>"
		 "<w:tblGrid><w:gridCol w:w=\"4254\"/><w:gridCol w:w=\"5100\"/>"
		 "</w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"4254\" "
		 "w:type=\"dxa\"/></w:tcPr>");
	if (*S(r, "header_committee"))
		para(b, "center", 0, 0, S(r, "header_committee"), 0, 26);
	para(b, "center", 0, 0, S(r, "header_unit"), B, 26);
	para(b, "center", 0, 0, "*", 0, 0);
	para(b, "center", 0, 0, symbol, 0, 0);
	buf_adds(b, "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"5100\" "
		    "w:type=\"dxa\"/></w:tcPr>");
	para(b, "center", 0, 120, "ĐẢNG CỘNG SẢN VIỆT NAM", B | U, 0);
	para(b, "center", 0, 0, S(r, "place_date"), I, 0);
	buf_adds(b, "</w:tc></w:tr></w:tbl>");
}

static void cell(struct buf *b, const char *text, int w, int fmt,
		 const char *jc)
{
	buf_addf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>",
		 w);
	para(b, jc, 0, 0, text, fmt, 24);
	buf_adds(b, "</w:tc>");
}

static void num_cell(struct buf *b, int64_t v, int w, int fmt)
{
	struct buf t = BUF_INIT;

	format_int(&t, v);
	cell(b, t.ptr, w, fmt, "right");
	buf_release(&t);
}

static void annex_row(struct buf *b, const char *name, json_t *fig, int fmt)
{
	json_t *st =
	    json_object_get(json_object_get(fig, "activities"), "study");
	json_t *m = json_object_get(st, "members");
	json_t *cls = json_object_get(json_object_get(fig, "classes"), "all");
	json_t *rc = json_object_get(fig, "reporter_conferences");

	buf_adds(b, "<w:tr>");
	cell(b, name, 3000, fmt, "left");
	num_cell(b, json_integer_value(json_object_get(st, "count")), 1100,
		 fmt);
	cell(b, json_get_str(m, "ratio_text", ""), 1800, fmt, "right");
	cell(b, json_get_str(m, "rate_text", ""), 1150, fmt, "right");
	num_cell(b, json_integer_value(json_object_get(rc, "count")), 1100,
		 fmt);
	num_cell(b, json_integer_value(json_object_get(cls, "count")), 1204,
		 fmt);
	buf_adds(b, "</w:tr>");
}

static void annex(struct buf *b, json_t *r)
{
	static const char *const head[] = {
	    "Đơn vị", "Hội nghị học tập", "Đảng viên tham dự",
	    "Tỷ lệ",  "Hội nghị BCV",	  "Lớp bồi dưỡng"};
	static const int w[] = {3000, 1100, 1800, 1150, 1100, 1204};
	json_t *fig = json_object_get(r, "figures"), *ch;
	size_t i;

	if (!json_array_size(json_object_get(fig, "children")))
		return;
	buf_adds(b, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
	para(b, "center", 0, 120, "PHỤ LỤC: SỐ LIỆU THEO ĐƠN VỊ", B, 0);
	buf_adds(b, "<w:tbl><w:tblPr><w:tblW w:w=\"9354\" w:type=\"dxa\"/>"
		    "<w:tblBorders>"
		    "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
		    "w:color=\"000000\"/>"
		    "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
		    "w:color=\"000000\"/>"
		    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
		    "w:color=\"000000\"/>"
		    "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
		    "w:color=\"000000\"/>"
		    "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
		    "w:color=\"000000\"/>"
		    "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
		    "w:color=\"000000\"/>"
		    "</w:tblBorders><w:tblLayout "
		    "w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
	for (i = 0; i < 6; i++)
		buf_addf(b, "<w:gridCol w:w=\"%d\"/>", w[i]);
	buf_adds(b, "</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>");
	for (i = 0; i < 6; i++)
		cell(b, head[i], w[i], B, "center");
	buf_adds(b, "</w:tr>");
	json_array_foreach(json_object_get(fig, "children"), i, ch)
	    annex_row(b, json_get_str(json_object_get(ch, "unit"), "name", ""),
		      json_object_get(ch, "figures"), 0);
	annex_row(b, "Cấp ủy trực tiếp", json_object_get(fig, "own"), 0);
	annex_row(b, "Tổng cộng", json_object_get(fig, "totals"), B);
	buf_adds(b, "</w:tbl>");
}

static void paras(struct buf *b, json_t *list, const char *empty)
{
	json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
	    para(b, "both", 1, 120, json_string_value(v), 0, 0);
	if (!json_array_size(list) && empty)
		para(b, "both", 1, 120, empty, 0, 0);
}

int export_docx_document_xml(json_t *r, struct buf *b)
{
	json_t *l;

	buf_adds(b, XML_DECL "<w:document " W_NS "><w:body>");
	if (json_is_true(json_object_get(r, "provisional")))
		para(b, "right", 0, 0, "DỰ THẢO (kỳ báo cáo chưa kết thúc)",
		     B | I, 24);
	header_table(b, r);
	para(b, "center", 0, 0, "", 0, 0);
	para(b, "center", 0, 0, "BÁO CÁO", B, 30);
	para(b, "center", 0, 0, S(r, "title"), B, 0);
	para(b, "center", 0, 240, "-----", 0, 0);
	para(b, "left", 1, 120, "I. Kết quả đạt được", B, 0);
	paras(b, json_object_get(r, "results"), NULL);
	l = export_paragraphs(S(r, "results_text"));
	paras(b, l, NULL);
	json_decref(l);
	para(b, "left", 1, 120, "II. Hạn chế, nguyên nhân", B, 0);
	l = export_paragraphs(S(r, "limits_text"));
	paras(b, l, "…");
	json_decref(l);
	para(b, "left", 1, 120, "III. Phương hướng, nhiệm vụ", B, 0);
	l = export_paragraphs(S(r, "tasks_text"));
	paras(b, l, "…");
	json_decref(l);
	para(b, "right", 0, 0, "T/M BAN THƯỜNG VỤ", B, 0);
	para(b, "right", 0, 240, S(r, "signer"), B, 0);
	annex(b, r);
	buf_adds(
	    b, "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId3\"/>"
	       "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
	       "<w:pgMar w:top=\"1134\" w:right=\"851\" w:bottom=\"1134\""
	       " w:left=\"1701\" w:header=\"567\" w:footer=\"567\" "
	       "w:gutter=\"0\"/>"
	       "</w:sectPr></w:body></w:document>");
	return 0;
}

static void core_xml(struct buf *b, json_t *r)
{
	buf_adds(b, XML_DECL
		 "<cp:coreProperties "
		 "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
		 "metadata/core-properties\" "
		 "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
		 "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
		 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
		 "<dc:title>");
	escape_xml(b, S(r, "title"));
	buf_adds(b, "</dc:title><dc:creator>");
	escape_xml(b, S(r, "unit_name"));
	buf_adds(b, "</dc:creator><dc:language>vi-VN</dc:language>"
		    "</cp:coreProperties>");
}

static int add(zip_t *z, const char *name, const char *data, size_t len)
{
	zip_source_t *s = zip_source_buffer(z, data, len, 0);

	if (!s)
		return -1;
	if (zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
		zip_source_free(s);
		return -1;
	}
	return 0;
}

int export_docx(json_t *r, struct buf *out, struct err *e)
{
	struct buf doc = BUF_INIT, core = BUF_INIT;
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z = NULL;
	zip_stat_t st;
	int rc = -1;

	zip_error_init(&ze);
	export_docx_document_xml(r, &doc);
	core_xml(&core, r);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		goto out;
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!z)
		goto out;
	if (add(z, "[Content_Types].xml", content_types,
		strlen(content_types)) ||
	    add(z, "_rels/.rels", root_rels, strlen(root_rels)) ||
	    add(z, "word/document.xml", doc.ptr, doc.len) ||
	    add(z, "word/styles.xml", styles, strlen(styles)) ||
	    add(z, "word/settings.xml", settings, strlen(settings)) ||
	    add(z, "word/_rels/document.xml.rels", doc_rels,
		strlen(doc_rels)) ||
	    add(z, "word/footer1.xml", footer, strlen(footer)) ||
	    add(z, "docProps/core.xml", core.ptr, core.len) ||
	    add(z, "docProps/app.xml", app, strlen(app))) {
		zip_discard(z);
		z = NULL;
		goto out;
	}
	if (zip_close(z) < 0) {
		zip_discard(z);
		z = NULL;
		goto out;
	}
	z = NULL;
	if (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0)
		goto out;
	if (buf_grow(out, (size_t)st.size) == 0) {
		zip_int64_t n =
		    zip_source_read(src, out->ptr + out->len, st.size);

		if (n == (zip_int64_t)st.size) {
			out->len += (size_t)n;
			out->ptr[out->len] = '\0';
			rc = 0;
		}
	}
	zip_source_close(src);
out:
	if (src)
		zip_source_free(src);
	zip_error_fini(&ze);
	buf_release(&doc);
	buf_release(&core);
	if (rc < 0)
		err_internal(e, "docx");
	return rc;
}
