'use strict';
/*
 * The report exports end to end (issue 6): the demo city's 2022-H1 report
 * through the CLI as DOCX (converted to PDF by LibreOffice, read back with
 * pdftotext) and XLSX (read with openpyxl). The checks themselves are in
 * tests/export/check_exports.py; this file runs them under `make test`.
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.TG_BIN || 'build/tuyengiao');

test('SH-LG 2022-H1 report: DOCX opens in LibreOffice with the figures, XLSX has totals', { timeout: 300000 }, () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-export-'));
	try {
		const r = spawnSync('/usr/bin/python3',
			[path.join(ROOT, 'tests/export/check_exports.py'), BIN, dir],
			{ encoding: 'utf8', timeout: 280000 });
		assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
		assert.match(r.stdout, /^ok:/m);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
