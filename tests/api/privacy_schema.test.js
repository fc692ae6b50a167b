'use strict';
/*
 * The privacy rule of public opinion and hot spots (SPEC §3.6): no column
 * of these modules' tables may hold a citizen's name, identity number,
 * phone number, address or social-media account. This lists the columns
 * of every opinion_* and hotspot* table of a fresh database and fails when
 * one has an identifying name, or when a column is added that this test
 * does not know (so adding one is a deliberate, reviewed change).
 */
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test } = require('node:test');
const h = require('./harness');

const IDENTIFYING = /(citizen|person|people|resident|full_?name|first_?name|last_?name|^name$|surname|identity|id_?card|id_?number|cccd|cmnd|passport|phone|mobile|^tel|zalo|facebook|social|account|profile|e_?mail|address|addr|street|house_?no|birth|gender|nick)/i;

/* The only columns these tables have; `name` is allowed for topics only. */
const KNOWN = {
	opinion_topics: ['id', 'code', 'name', 'parent_id', 'merged_into', 'merged_on', 'active', 'created_at', 'updated_at'],
	opinion_reports: ['id', 'unit_id', 'topic_id', 'period_type', 'period', 'period_start', 'period_end', 'summary',
		'share_agree', 'share_concerned', 'share_disagree', 'intensity', 'recommendation', 'author_id', 'created_at', 'updated_at'],
	hotspots: ['id', 'unit_id', 'topic_id', 'report_id', 'title', 'opened_on', 'severity', 'lead_agency', 'status',
		'resolved_on', 'days_to_resolve', 'closed_on', 'resolution', 'created_by', 'created_at', 'updated_at'],
	hotspot_partners: ['id', 'hotspot_id', 'position', 'agency'],
	hotspot_actions: ['id', 'hotspot_id', 'date', 'kind', 'status_from', 'status_to', 'note', 'created_by', 'created_at'],
};

test('no column of the opinion and hot-spot tables can identify a citizen', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-privacy-'));
	try {
		const db = path.join(dir, 't.db');
		execFileSync(h.BIN, ['demo', '--db', db], { cwd: h.ROOT, stdio: 'pipe' });
		const out = execFileSync('sqlite3', ['-separator', '|', db,
			"SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p" +
			" WHERE m.type = 'table' AND (m.name LIKE 'opinion%' OR m.name LIKE 'hotspot%')" +
			' ORDER BY m.name, p.cid']).toString().trim().split('\n');
		const tables = {};
		for (const line of out) {
			const [t, c] = line.split('|');
			(tables[t] ||= []).push(c);
		}
		assert.deepEqual(Object.keys(tables).sort(), Object.keys(KNOWN).sort());
		for (const [t, cols] of Object.entries(tables)) {
			for (const c of cols) {
				if (t === 'opinion_topics' && c === 'name') continue; /* a topic's name */
				assert.doesNotMatch(c, IDENTIFYING, `${t}.${c} looks like personal data`);
			}
			assert.deepEqual(cols, KNOWN[t], `columns of ${t} changed: review them against the privacy rule`);
		}
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('the identifying-name pattern catches what it must', () => {
	for (const c of ['citizen_name', 'full_name', 'phone', 'phone_number', 'id_number', 'cccd', 'email', 'address', 'facebook_url', 'social_account', 'name'])
		assert.match(c, IDENTIFYING, c);
	for (const c of ['unit_id', 'topic_id', 'summary', 'lead_agency', 'agency', 'period_end', 'share_agree', 'recommendation'])
		assert.doesNotMatch(c, IDENTIFYING, c);
});
