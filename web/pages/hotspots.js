/*
 * #/hotspots: hot spots (điểm nóng, vụ việc phức tạp) of the user's
 * subtree, as a list with filters or as a board by status (detected,
 * being handled, resolved, closed); admins, leaders and specialists open
 * a new one. #/hotspots/{id}: one case with its lead agency, coordinating
 * units and dated timeline; the next allowed status (a reopen asks for
 * its reason, a resolution for its summary) and a dated action are added
 * here. The server enforces the transitions and the privacy rule.
 */
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatDate } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog } from '../components/dialog.js';
import { unitField } from '../components/unitfield.js';
import { loading, empty, errorBox, tableWrap, setTitle, toast } from '../components/ui.js';

const STATUSES = ['detected', 'handling', 'resolved', 'closed'];
const SEVERITIES = ['low', 'medium', 'high'];
const NEXT = { detected: ['handling'], handling: ['resolved'], resolved: ['closed', 'handling'], closed: ['handling'] };

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function canWrite(user) {
  return !!user && ['admin', 'leader', 'specialist'].includes(user.role);
}

function statusBadge(s) {
  return h('span', { class: ['badge', `status-${s}`] }, t(`hotspot.status.${s}`));
}

function textArea(name, value, max) {
  return h('textarea', { name, rows: '3', maxlength: String(max) }, value || '');
}

/* The form of a new case; `rep` (an opinion report) fills it when the
 * case arises from that concern. */
function newForm(ctx, topics, onDone, rep = null) {
  const unit = unitField({
    user: ctx.user, label: t('hotspot.unit'), wide: true,
    value: rep ? { id: rep.unit_id, name: rep.unit_name, code: rep.unit_code } : null,
  });
  const partners = textArea('coordinating_units', '', 4000);
  const fields = [
    unit.field,
    field({ name: 'title', label: t('hotspot.titleField'), value: rep ? `${rep.topic_name} — ${rep.unit_name}` : '', required: true, wide: true, attrs: { maxlength: '300' } }),
    field({ name: 'topic_id', label: t('opinion.topic'), type: 'select', required: true, value: rep ? rep.topic_id : '',
      options: [{ value: '', label: t('opinion.chooseTopic') }].concat(topics.map((x) => ({ value: x.id, label: x.name }))) }),
    field({ name: 'opened_on', label: t('hotspot.openedOn'), type: 'date', value: today(), required: true, attrs: { max: today() } }),
    field({ name: 'severity', label: t('hotspot.severity'), type: 'select', value: 'medium', options: SEVERITIES.map((k) => ({ value: k, label: t(`opinion.intensity.${k}`) })) }),
    field({ name: 'lead_agency', label: t('hotspot.lead'), wide: true, attrs: { maxlength: '300' } }),
    field({ name: 'coordinating_units', label: t('hotspot.partners'), control: partners, input: partners, wide: true, hint: t('hotspot.partnersHint') }),
  ];
  return new Form({
    fields, submitLabel: t('hotspot.create'),
    onSubmit: async (v) => {
      const body = { ...v, topic_id: Number(v.topic_id) || v.topic_id };
      body.coordinating_units = (v.coordinating_units || '').split('\n').map((s) => s.trim()).filter(Boolean);
      if (rep) body.report_id = rep.id;
      const r = await api.createHotspot(body);
      toast(t('hotspot.saved'));
      onDone(r);
    },
  });
}

function listMount(container, ctx) {
  setTitle(t('hotspot.title'));
  let destroyed = false;
  let req = 0;
  let board = ctx.query.get('view') === 'board';
  const filter = { status: '', topic_id: '' };
  const out = h('div', { class: 'results', 'aria-live': 'polite' }, loading());
  const entry = h('div');
  const statusId = uid('hs-status');
  const topicId = uid('hs-topic');
  const statusSel = h('select', { id: statusId, onchange: () => { filter.status = statusSel.value; load(); } },
    h('option', { value: '' }, t('common.all')), STATUSES.map((s) => h('option', { value: s }, t(`hotspot.status.${s}`))));
  const topicSel = h('select', { id: topicId, onchange: () => { filter.topic_id = topicSel.value; load(); } },
    h('option', { value: '' }, t('common.all')));
  const toggle = h('button', { type: 'button', class: 'btn', 'aria-pressed': board ? 'true' : 'false',
    onclick: () => { board = !board; toggle.setAttribute('aria-pressed', board ? 'true' : 'false'); toggle.textContent = t(board ? 'hotspot.asList' : 'hotspot.asBoard'); load(); } },
  t(board ? 'hotspot.asList' : 'hotspot.asBoard'));
  container.appendChild(h('section', { class: 'page page-hotspots' },
    h('h1', { tabindex: '-1' }, t('hotspot.title')), entry,
    h('div', { class: 'panel' },
      h('div', { class: 'filters' },
        h('div', { class: 'field' }, h('label', { for: statusId }, t('hotspot.status')), statusSel),
        h('div', { class: 'field' }, h('label', { for: topicId }, t('opinion.topic')), topicSel),
        h('div', { class: 'filter-actions' }, toggle)),
      out)));

  (async () => {
    let topics;
    try {
      topics = (await api.opinionTopics()).items.filter((x) => x.merged_into === null && x.active);
    } catch (err) {
      replace(entry, errorBox(err));
      return;
    }
    if (destroyed) return;
    for (const x of topics) topicSel.appendChild(h('option', { value: x.id }, x.name));
    if (canWrite(ctx.user)) {
      let rep = null;
      const repId = ctx.query.get('report');
      if (repId) {
        try {
          rep = await api.getOpinionReport(repId);
        } catch (err) {
          replace(entry, errorBox(err));
          return;
        }
      }
      if (destroyed) return;
      const form = newForm(ctx, topics, (r) => ctx.navigate(`#/hotspots/${r.id}`), rep);
      replace(entry, h('details', { class: 'entry panel', open: !!rep },
        h('summary', null, t('hotspot.new')),
        rep ? h('p', null, t('hotspot.fromReport', { unit: rep.unit_name, topic: rep.topic_name })) : null,
        form.el));
    }
  })();

  function card(x) {
    return h('li', { class: 'hotspot-card' },
      h('a', { href: `#/hotspots/${x.id}` }, x.title),
      h('p', null, `${x.unit_name} · ${x.topic_name}`),
      h('p', null, `${t('hotspot.openedOn')}: ${formatDate(x.opened_on)} · ${t(`opinion.intensity.${x.severity}`)}`));
  }

  async function load() {
    const my = ++req;
    replace(out, loading());
    let res;
    try {
      res = await api.listHotspots({ status: filter.status, topic_id: filter.topic_id, limit: 500 });
    } catch (err) {
      if (my === req && !destroyed) replace(out, errorBox(err, load));
      return;
    }
    if (my !== req || destroyed) return;
    if (!res.items.length) {
      replace(out, empty(t('hotspot.none')));
      return;
    }
    if (board) {
      replace(out, h('div', { class: 'hotspot-board' }, STATUSES.map((s) => {
        const items = res.items.filter((x) => x.status === s);
        return h('section', { class: 'board-column', dataset: { status: s } },
          h('h2', null, `${t(`hotspot.status.${s}`)} (${items.length})`),
          h('ul', null, items.map(card)));
      })));
      return;
    }
    const table = h('table', { class: 'data-table hotspot-table' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('hotspot.titleField')),
        h('th', { scope: 'col' }, t('hotspot.unit')),
        h('th', { scope: 'col' }, t('opinion.topic')),
        h('th', { scope: 'col' }, t('hotspot.openedOn')),
        h('th', { scope: 'col' }, t('hotspot.severity')),
        h('th', { scope: 'col' }, t('hotspot.status')),
        h('th', { scope: 'col' }, t('hotspot.resolvedOn')))),
      h('tbody', null, res.items.map((x) => h('tr', null,
        h('td', null, h('a', { href: `#/hotspots/${x.id}` }, x.title)),
        h('td', null, x.unit_name),
        h('td', null, x.topic_name),
        h('td', null, formatDate(x.opened_on)),
        h('td', null, t(`opinion.intensity.${x.severity}`)),
        h('td', null, statusBadge(x.status)),
        h('td', null, x.resolved_on ? t('hotspot.resolvedIn', { date: formatDate(x.resolved_on), days: x.days_to_resolve }) : '')))));
    replace(out, tableWrap(t('hotspot.title'), table));
  }

  load();
  return { destroy() { destroyed = true; } };
}

function detailMount(container, ctx, id) {
  let destroyed = false;
  const out = h('div', null, loading());
  container.appendChild(h('section', { class: 'page page-hotspot' },
    h('p', null, h('a', { class: 'btn btn-small', href: '#/hotspots' }, t('hotspot.back'))), out));

  function statusDialog(x, to) {
    let dlg;
    const reopen = to === 'handling' && (x.status === 'resolved' || x.status === 'closed');
    const fields = [field({ name: 'date', label: t('hotspot.date'), type: 'date', value: today(), required: true, attrs: { max: today() } })];
    if (to === 'resolved') {
      const res = textArea('resolution', x.resolution, 4000);
      fields.push(field({ name: 'resolution', label: t('hotspot.resolution'), control: res, input: res, required: true, wide: true }));
    }
    fields.push(field({ name: reopen ? 'reason' : 'note', label: t(reopen ? 'hotspot.reason' : 'hotspot.note'), required: reopen, wide: true, attrs: { maxlength: '2000' } }));
    const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
    const form = new Form({
      fields, submitLabel: t(`hotspot.to.${reopen ? 'reopen' : to}`), extraButtons: [cancel],
      onSubmit: async (v) => {
        await api.hotspotStatus(x.id, { status: to, ...v });
        toast(t('hotspot.saved'));
        dlg.close();
        load();
      },
    });
    dlg = openDialog({ title: t(`hotspot.to.${reopen ? 'reopen' : to}`), body: form.el });
  }

  function editDialog(x) {
    let dlg;
    const partners = textArea('coordinating_units', x.coordinating_units.join('\n'), 4000);
    const res = textArea('resolution', x.resolution, 4000);
    const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
    const form = new Form({
      fields: [
        field({ name: 'title', label: t('hotspot.titleField'), value: x.title, required: true, wide: true, attrs: { maxlength: '300' } }),
        field({ name: 'severity', label: t('hotspot.severity'), type: 'select', value: x.severity, options: SEVERITIES.map((k) => ({ value: k, label: t(`opinion.intensity.${k}`) })) }),
        field({ name: 'lead_agency', label: t('hotspot.lead'), value: x.lead_agency, wide: true, attrs: { maxlength: '300' } }),
        field({ name: 'coordinating_units', label: t('hotspot.partners'), control: partners, input: partners, wide: true, hint: t('hotspot.partnersHint') }),
        field({ name: 'resolution', label: t('hotspot.resolution'), control: res, input: res, wide: true }),
      ],
      submitLabel: t('common.save'), extraButtons: [cancel],
      onSubmit: async (v) => {
        const body = { ...v };
        body.coordinating_units = (v.coordinating_units || '').split('\n').map((s) => s.trim()).filter(Boolean);
        await api.updateHotspot(x.id, body);
        toast(t('hotspot.saved'));
        dlg.close();
        load();
      },
    });
    dlg = openDialog({ title: t('hotspot.edit'), body: form.el, wide: true });
  }

  function draw(x) {
    setTitle(x.title);
    const writer = canWrite(ctx.user);
    const buttons = writer ? (NEXT[x.status] || []).map((to) => {
      const reopen = to === 'handling' && (x.status === 'resolved' || x.status === 'closed');
      return h('button', { type: 'button', class: 'btn', onclick: () => statusDialog(x, to) }, t(`hotspot.to.${reopen ? 'reopen' : to}`));
    }) : [];
    if (writer) buttons.push(h('button', { type: 'button', class: 'btn', onclick: () => editDialog(x) }, t('hotspot.edit')));
    let actionForm = null;
    if (writer && x.status !== 'closed') {
      actionForm = new Form({
        fields: [
          field({ name: 'date', label: t('hotspot.date'), type: 'date', value: today(), required: true, attrs: { max: today() } }),
          field({ name: 'note', label: t('hotspot.action'), required: true, wide: true, attrs: { maxlength: '2000' } }),
        ],
        submitLabel: t('hotspot.addAction'),
        onSubmit: async (v) => {
          await api.hotspotAction(x.id, v);
          toast(t('hotspot.saved'));
          load();
        },
      });
    }
    const dl = h('dl', { class: 'facts' },
      h('dt', null, t('hotspot.status')), h('dd', null, statusBadge(x.status)),
      h('dt', null, t('hotspot.unit')), h('dd', null, x.unit_name),
      h('dt', null, t('opinion.topic')), h('dd', null, x.topic_name),
      h('dt', null, t('hotspot.openedOn')), h('dd', null, formatDate(x.opened_on)),
      h('dt', null, t('hotspot.severity')), h('dd', null, t(`opinion.intensity.${x.severity}`)),
      h('dt', null, t('hotspot.lead')), h('dd', null, x.lead_agency || '—'),
      h('dt', null, t('hotspot.partners')), h('dd', null, x.coordinating_units.length ? x.coordinating_units.join('; ') : '—'),
      x.resolved_on ? [h('dt', null, t('hotspot.resolvedOn')), h('dd', null, t('hotspot.resolvedIn', { date: formatDate(x.resolved_on), days: x.days_to_resolve }))] : null,
      x.resolution ? [h('dt', null, t('hotspot.resolution')), h('dd', null, x.resolution)] : null);
    const timeline = h('ol', { class: 'timeline' }, x.timeline.map((e) => h('li', null,
      h('time', { datetime: e.date }, formatDate(e.date)), ' — ',
      e.kind === 'status' ? h('strong', null, t(`hotspot.status.${e.status_to}`)) : null,
      e.kind === 'status' && e.note ? ': ' : '',
      e.note || '')));
    replace(out,
      h('h1', { tabindex: '-1' }, x.title),
      dl,
      buttons.length ? h('div', { class: 'form-actions no-print' }, buttons) : null,
      h('h2', null, t('hotspot.timeline')), timeline,
      actionForm ? h('div', { class: 'panel no-print' }, h('h2', null, t('hotspot.addAction')), actionForm.el) : null);
  }

  async function load() {
    let x;
    try {
      x = await api.getHotspot(id);
    } catch (err) {
      if (!destroyed) replace(out, errorBox(err, load));
      return;
    }
    if (!destroyed) draw(x);
  }

  load();
  return { destroy() { destroyed = true; } };
}

export function mount(container, ctx) {
  if (ctx.params.id) return detailMount(container, ctx, ctx.params.id);
  return listMount(container, ctx);
}
