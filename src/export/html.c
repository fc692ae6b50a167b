/*
 * HTML print view and plain text of a report; see html.h.
 */
#include "export/html.h"
#include "base/buf.h"
#include "base/escape.h"
#include "base/json.h"

#include <string.h>

json_t *export_paragraphs(const char *text)
{
	json_t *list = json_array();
	const char *p = text ? text : "", *nl;

	while (*p) {
		size_t n;

		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		if (n)
			json_array_append_new(list, json_stringn(p, n));
		p += nl ? (size_t)(nl - p) + 1 : strlen(p);
	}
	return list;
}

static const char *S(json_t *r, const char *k)
{
	return json_get_str(r, k, "");
}

static void para(struct buf *b, const char *cls, const char *text)
{
	buf_addf(b, "<p class=\"%s\">", cls);
	escape_html(b, text);
	buf_adds(b, "</p>\n");
}

static void section(struct buf *b, const char *heading, json_t *paras,
		    const char *empty)
{
	json_t *v;
	size_t i;

	buf_adds(b, "<h2>");
	escape_html(b, heading);
	buf_adds(b, "</h2>\n");
	json_array_foreach(paras, i, v) para(b, "body", json_string_value(v));
	if (!json_array_size(paras) && empty)
		para(b, "body empty", empty);
}

int export_html(json_t *r, const char *css_href, struct buf *b)
{
	json_t *free_text;

	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>Báo cáo ");
	escape_html(b, S(r, "period_text"));
	buf_adds(b, "</title>\n<link rel=\"stylesheet\" href=\"");
	escape_html(b, css_href);
	buf_adds(b, "\">\n</head>\n<body>\n<article class=\"report\">\n");
	if (json_is_true(json_object_get(r, "provisional")) ||
	    strcmp(S(r, "status"), "submitted"))
		para(b, "draft-mark",
		     json_is_true(json_object_get(r, "provisional"))
			 ? "DỰ THẢO — kỳ báo cáo chưa kết thúc"
			 : "DỰ THẢO");
	buf_adds(b, "<table class=\"header\"><tr><td class=\"left\">\n");
	if (*S(r, "header_committee"))
		para(b, "committee", S(r, "header_committee"));
	para(b, "unit", S(r, "header_unit"));
	para(b, "star", "*");
	buf_adds(b, "<p class=\"symbol\">Số ");
	escape_html(b, *S(r, "symbol") ? S(r, "symbol") : "    -BC");
	buf_adds(b, "</p>\n</td><td class=\"right\">\n");
	para(b, "party", "ĐẢNG CỘNG SẢN VIỆT NAM");
	para(b, "place-date", S(r, "place_date"));
	buf_adds(b, "</td></tr></table>\n<h1>BÁO CÁO</h1>\n");
	para(b, "title", S(r, "title"));
	para(b, "rule", "-----");
	section(b, "I. Kết quả đạt được", json_object_get(r, "results"), NULL);
	free_text = export_paragraphs(S(r, "results_text"));
	{
		json_t *v;
		size_t i;

		json_array_foreach(free_text, i, v)
		    para(b, "body", json_string_value(v));
	}
	json_decref(free_text);
	free_text = export_paragraphs(S(r, "limits_text"));
	section(b, "II. Hạn chế, nguyên nhân", free_text, "…");
	json_decref(free_text);
	free_text = export_paragraphs(S(r, "tasks_text"));
	section(b, "III. Phương hướng, nhiệm vụ", free_text, "…");
	json_decref(free_text);
	buf_adds(b, "<div class=\"sign\">\n");
	para(b, "sign-role", "T/M BAN THƯỜNG VỤ");
	para(b, "sign-name", S(r, "signer"));
	buf_adds(b, "</div>\n</article>\n</body>\n</html>\n");
	return b->len ? 0 : -1;
}

static void tpara(struct buf *b, json_t *list)
{
	json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
	    buf_addf(b, "%s\n", json_string_value(v));
}

int export_txt(json_t *r, struct buf *b)
{
	json_t *l;

	if (*S(r, "header_committee"))
		buf_addf(b, "%s\n", S(r, "header_committee"));
	buf_addf(b,
		 "%s\t\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố %s\t\t%s\n\n"
		 "BÁO CÁO\n%s\n\nI. Kết quả đạt được\n",
		 S(r, "header_unit"), *S(r, "symbol") ? S(r, "symbol") : "-BC",
		 S(r, "place_date"), S(r, "title"));
	tpara(b, json_object_get(r, "results"));
	l = export_paragraphs(S(r, "results_text"));
	tpara(b, l);
	json_decref(l);
	buf_adds(b, "\nII. Hạn chế, nguyên nhân\n");
	l = export_paragraphs(S(r, "limits_text"));
	tpara(b, l);
	json_decref(l);
	buf_adds(b, "\nIII. Phương hướng, nhiệm vụ\n");
	l = export_paragraphs(S(r, "tasks_text"));
	tpara(b, l);
	json_decref(l);
	if (*S(r, "signer"))
		buf_addf(b, "\nT/M BAN THƯỜNG VỤ\n%s\n", S(r, "signer"));
	return buf_addch(b, '\n');
}
