#!/usr/bin/python3
"""Integration check of the report exports (issue 6).

Loads the demo province into a fresh database, exports the demo city's
(SH-LG) 2022-H1 report as DOCX and XLSX through the CLI, converts the DOCX
to PDF with LibreOffice and checks the text pdftotext reads from it, then
opens the XLSX with openpyxl and checks cells, formulas and cached totals.

    /usr/bin/python3 tests/export/check_exports.py BIN WORKDIR
Exits 0 when every check passes, 1 with the failures listed otherwise.
"""
import os
import subprocess
import sys
import zipfile

import openpyxl

BIN, WORK = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
DB = os.path.join(WORK, "t.db")
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)


def run(*args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=180, **kw)


os.makedirs(WORK, exist_ok=True)
r = run(BIN, "demo", "--db", DB)
assert r.returncode == 0, r.stderr
for fmt in ("docx", "xlsx"):
    out = os.path.join(WORK, "sh-lg-2022-h1." + fmt)
    r = run(BIN, "report", "--unit", "SH-LG", "--period", "2022-H1",
            "--format", fmt, "-o", out, "--db", DB)
    assert r.returncode == 0, r.stderr

# Bad arguments name the option and exit with 2.
r = run(BIN, "report", "--unit", "SH-LG", "--period", "2022-H3", "--format",
        "docx", "-o", os.path.join(WORK, "x.docx"), "--db", DB)
check(r.returncode == 2 and "--period" in r.stderr, "bad --period: %r" % (r,))
r = run(BIN, "report", "--unit", "SH-LG", "--period", "2022-H1", "--format",
        "pdf", "-o", os.path.join(WORK, "x.pdf"), "--db", DB)
check(r.returncode == 2 and "--format" in r.stderr, "bad --format: %r" % (r,))

docx = os.path.join(WORK, "sh-lg-2022-h1.docx")
with zipfile.ZipFile(docx) as z:
    names = set(z.namelist())
    for part in ("[Content_Types].xml", "_rels/.rels", "word/document.xml",
                 "word/styles.xml", "word/settings.xml",
                 "word/_rels/document.xml.rels", "word/footer1.xml",
                 "docProps/core.xml", "docProps/app.xml"):
        check(part in names, "docx part " + part)
    doc = z.read("word/document.xml").decode()
    check('w:top="1134"' in doc and 'w:left="1701"' in doc and
          'w:right="851"' in doc, "A4 margins")
    check("PAGE" in z.read("word/footer1.xml").decode(), "page field")
    check("Times New Roman" in z.read("word/styles.xml").decode(), "font")

r = run("libreoffice", "--headless",
        "-env:UserInstallation=file://" + os.path.join(WORK, "lo"),
        "--convert-to", "pdf", "--outdir", WORK, docx)
pdf = os.path.join(WORK, "sh-lg-2022-h1.pdf")
check(os.path.exists(pdf), "libreoffice conversion: " + r.stderr[-500:])
if os.path.exists(pdf):
    text = run("pdftotext", "-layout", pdf, "-").stdout
    flat = " ".join(text.split())
    for want in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ TỈNH SƠN HÀ",
                 "THÀNH ỦY LONG GIANG", "Số 01-BC/ThU",
                 "Long Giang, ngày 15 tháng 6 năm 2022", "BÁO CÁO",
                 "I. Kết quả đạt được", "II. Hạn chế, nguyên nhân",
                 "III. Phương hướng, nhiệm vụ", "321 hội nghị",
                 "8.196/8.272", "99%", "2.526", "8.199/8.257"):
        check(want in flat, "pdf text lacks %r" % want)
    check(" 0 hội nghị" not in flat, "pdf says '0 hội nghị'")

wb = openpyxl.load_workbook(os.path.join(WORK, "sh-lg-2022-h1.xlsx"))
check(wb.sheetnames[:2] == ["Học tập nghị quyết", "Hoạt động chính trị"],
      "sheets %r" % wb.sheetnames)
ws = wb["Học tập nghị quyết"]
check(ws["B1"].value == "Đơn vị" and ws["C1"].value == "Số hội nghị",
      "headers")
check(ws.freeze_panes == "A2", "frozen header row")
last = ws.max_row
check(ws.cell(last, 2).value == "Tổng cộng", "total row")
check(str(ws.cell(last, 3).value).startswith("=SUM(C2:C"), "SUM formula")
check(ws.cell(2, 6).number_format.endswith("%"), "percent format")
wbv = openpyxl.load_workbook(os.path.join(WORK, "sh-lg-2022-h1.xlsx"),
                             data_only=True)
wv = wbv["Học tập nghị quyết"]
check(wv.cell(last, 3).value == 321, "cached total 321: %r" % wv.cell(last, 3).value)
check(wv.cell(last, 4).value == 8196, "cached 8196")
check(wv.cell(last, 5).value == 8272, "cached 8272")
check(abs(wv.cell(last, 6).value - 8196 / 8272) < 1e-9, "cached rate")
check(last - 2 == 8, "7 lower units and the unit itself: %d" % (last - 2))


def output_totals(path):
    """The total row of the sheet of publications, histories,
    commendations and own channels, by header."""
    ws = openpyxl.load_workbook(path, data_only=True)[
        "Ấn phẩm, lịch sử, khen thưởng"]
    heads = [c.value for c in ws[1]]
    total = [c.value for c in ws[ws.max_row]]
    check(total[1] == "Tổng cộng", "output sheet total row")
    return dict(zip(heads, total))


# Seed 003: 2.400 posts, 395.580 shares and follows in 2022-H1.
t = output_totals(os.path.join(WORK, "sh-lg-2022-h1.xlsx"))
check(t["Tin bài trên trang, kênh của đơn vị"] == 2400, "posts %r" % t)
check(t["Lượt chia sẻ và theo dõi"] == 395580, "shares %r" % t)
# Seed 004: 100% of wards and communes published; 125 collectives, 91
# officials commended in 2023.
out = os.path.join(WORK, "sh-lg-2023.xlsx")
r = run(BIN, "report", "--unit", "SH-LG", "--period", "2023", "--format",
        "xlsx", "-o", out, "--db", DB)
check(r.returncode == 0, "2023 xlsx: " + r.stderr)
if r.returncode == 0:
    t = output_totals(out)
    check(t["Đảng bộ cơ sở"] == 7 and t["Đã xuất bản lịch sử Đảng"] == 7
          and t["Tỷ lệ đã xuất bản"] == 1, "histories %r" % t)
    check(t["Tập thể được khen thưởng"] == 125, "collectives %r" % t)
    check(t["Cá nhân được khen thưởng"] == 91, "officials %r" % t)

if fails:
    print("FAIL:\n  " + "\n  ".join(fails))
    sys.exit(1)
print("ok: docx, pdf text, xlsx")
