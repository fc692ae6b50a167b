/*
 * #/units and #/units/{id}: the unit tree of the user's subtree, a search,
 * and the selected unit's details. Admins also edit, add a child unit, move
 * a unit under another parent, and delete an empty one.
 *
 * The tree starts at the user's own unit(s) (GET /units with no filter) and
 * loads children lazily, one level per expand (GET /units?parent_id=N).
 * Selecting a unit only changes the hash; the page stays mounted, so the
 * tree keeps what is open and reveals the path to the selected unit.
 * Keyboard: Tab reaches every toggle and link; in the tree, Up/Down move,
 * Right opens (or goes to the first child), Left closes (or goes to the
 * parent), Home/End jump.
 */
import { h, replace, uid, debounce } from '../dom.js';
import { t } from '../i18n/index.js';
import * as api from '../api.js';
import { formatInt, formatDate } from '../format.js';
import { field, Form } from '../components/form.js';
import { openDialog, confirmDialog, alertDialog } from '../components/dialog.js';
import { unitPicker } from '../components/unitpicker.js';
import { loading, empty, errorBox, errorMessage, tableWrap, toast, setTitle, pager } from '../components/ui.js';

const CHILD_PAGE = 100;
const SEARCH_PAGE = 50;
const TABLE_PAGE = 50;

let levelsPromise = null;

/* The unit levels, by rank (province first); fetched once per page load. */
function getLevels() {
  if (!levelsPromise) {
    levelsPromise = api.levels()
      .then((r) => (r.items || []).slice().sort((a, b) => a.rank - b.rank))
      .catch((e) => {
        levelsPromise = null;
        throw e;
      });
  }
  return levelsPromise;
}

const isNarrow = () => window.matchMedia('(max-width: 760px)').matches;

/* ---------------------------------------------------------------- tree */

class UnitTree {
  constructor() {
    this.nodes = new Map();
    this.selectedId = null;
    this.list = h('ul', { class: 'tree' });
    this.status = h('div', { class: 'tree-status' });
    this.el = h('nav', { class: 'tree-nav', 'aria-label': t('units.treeLabel') }, this.status, this.list);
    this.el.addEventListener('keydown', (ev) => this.onKey(ev));
    this.ready = null;
  }

  loadRoots() {
    this.ready = (async () => {
      replace(this.status, loading());
      try {
        const r = await api.listUnits({ limit: CHILD_PAGE });
        this.status.replaceChildren();
        this.list.replaceChildren();
        this.nodes.clear();
        const items = r.items || [];
        if (!items.length) this.status.appendChild(empty(t('units.noRoots')));
        for (const u of items) this.list.appendChild(this.makeNode(u, 1).li);
        if (items.length === 1) await this.expand(this.nodes.get(items[0].id));
        if (this.selectedId !== null) this.select(this.selectedId);
      } catch (err) {
        replace(this.status, errorBox(err, () => this.loadRoots()));
      }
    })();
    return this.ready;
  }

  makeNode(unit, depth) {
    const childrenId = uid('tree-children');
    const node = { unit, depth, expanded: false, loaded: false, loading: null, offset: 0, total: 0, parent: null };
    node.toggle = h('button', {
      type: 'button', class: 'tree-toggle', 'aria-expanded': 'false', 'aria-controls': childrenId,
      onclick: () => this.toggle(node),
    });
    node.name = h('span', { class: 'tree-name' }, unit.name);
    node.code = h('span', { class: 'tree-code' }, unit.code);
    node.link = h('a', { href: `#/units/${unit.id}`, class: 'tree-link' }, node.name, node.code);
    node.children = h('ul', { id: childrenId, class: 'tree-children', hidden: true });
    node.li = h('li', { class: 'tree-node', dataset: { unitId: String(unit.id) } },
      h('div', { class: 'tree-row' }, node.toggle, node.link), node.children);
    this.setUnit(node, unit);
    this.nodes.set(unit.id, node);
    return node;
  }

  /* Updates a node's label and toggle from fresh unit data. */
  setUnit(node, unit) {
    node.unit = unit;
    node.name.textContent = unit.name;
    node.code.textContent = unit.code || '';
    const leaf = !(unit.child_count > 0) && !node.loaded;
    node.toggle.classList.toggle('is-leaf', leaf);
    node.toggle.tabIndex = leaf ? -1 : 0;
    if (leaf) node.toggle.setAttribute('aria-hidden', 'true');
    else node.toggle.removeAttribute('aria-hidden');
    node.toggle.setAttribute('aria-label', t(node.expanded ? 'units.collapse' : 'units.expand', { name: unit.name }));
  }

  /* Forgets every node under `node` (before its children are reloaded). */
  dropChildren(node) {
    for (const li of node.children.querySelectorAll('.tree-node')) {
      const id = Number(li.dataset.unitId);
      if (this.nodes.get(id) && this.nodes.get(id).li === li) this.nodes.delete(id);
    }
    node.children.replaceChildren();
    node.moreLi = null;
    node.offset = 0;
    node.loaded = false;
  }

  loadChildren(node, more = false) {
    const run = async () => {
      if (!more) this.dropChildren(node);
      if (node.moreLi) {
        node.moreLi.remove();
        node.moreLi = null;
      }
      const wait = h('li', { class: 'tree-state' }, loading());
      node.children.appendChild(wait);
      try {
        const r = await api.listUnits({ parent_id: node.unit.id, limit: CHILD_PAGE, offset: node.offset });
        wait.remove();
        const items = r.items || [];
        for (const u of items) {
          const child = this.makeNode(u, node.depth + 1);
          child.parent = node;
          node.children.appendChild(child.li);
        }
        node.offset += items.length;
        node.total = r.total || 0;
        node.loaded = true;
        if (!more && items.length === 0) {
          node.children.appendChild(h('li', { class: 'tree-state' }, empty(t('units.noChildren'))));
        }
        if (node.offset < node.total) {
          const btn = h('button', {
            type: 'button', class: 'btn btn-link', onclick: () => this.loadChildren(node, true),
          }, t('units.more', { count: formatInt(node.total - node.offset) }));
          node.moreLi = h('li', { class: 'tree-more' }, btn);
          node.children.appendChild(node.moreLi);
        }
      } catch (err) {
        wait.replaceWith(h('li', { class: 'tree-state' }, errorBox(err, () => this.loadChildren(node, more))));
      }
    };
    node.loading = run().finally(() => { node.loading = null; });
    return node.loading;
  }

  async expand(node) {
    if (!node) return;
    if (node.loading) await node.loading;
    if (!node.loaded) await this.loadChildren(node);
    node.expanded = true;
    node.children.hidden = false;
    node.toggle.setAttribute('aria-expanded', 'true');
    node.toggle.setAttribute('aria-label', t('units.collapse', { name: node.unit.name }));
  }

  collapse(node) {
    node.expanded = false;
    node.children.hidden = true;
    node.toggle.setAttribute('aria-expanded', 'false');
    node.toggle.setAttribute('aria-label', t('units.expand', { name: node.unit.name }));
  }

  toggle(node) {
    if (node.expanded) this.collapse(node);
    else this.expand(node);
  }

  select(id) {
    this.selectedId = id;
    for (const a of this.list.querySelectorAll('.tree-link[aria-current]')) {
      a.removeAttribute('aria-current');
      a.closest('.tree-row').classList.remove('is-selected');
    }
    const node = this.nodes.get(id);
    if (!node) return;
    node.link.setAttribute('aria-current', 'true');
    node.link.closest('.tree-row').classList.add('is-selected');
    if (!isNarrow()) node.link.scrollIntoView({ block: 'nearest' });
  }

  /* Opens every unit on `path` (ids, root first) and selects `id`. */
  async reveal(path, id) {
    if (this.ready) await this.ready;
    for (const pid of path) {
      const node = this.nodes.get(pid);
      if (node && !node.expanded) await this.expand(node);
    }
    this.select(id);
  }

  /* Reloads the children of `id` (after a create, move or delete). */
  async refreshChildren(id, { open = false } = {}) {
    const node = this.nodes.get(id);
    if (!node) return;
    if (node.expanded || open) {
      await this.loadChildren(node);
      if (open) await this.expand(node);
    } else {
      this.dropChildren(node);
    }
  }

  updateUnit(unit) {
    const node = this.nodes.get(unit.id);
    if (node) this.setUnit(node, { ...node.unit, ...unit });
  }

  /* Re-reads one unit (its child count changed) and updates its node. */
  async refreshUnit(id) {
    if (!this.nodes.has(id)) return;
    try {
      const u = await api.getUnit(id);
      this.updateUnit(u);
    } catch {
      /* the label stays as it was; the next reload corrects it */
    }
  }

  visibleLinks() {
    return Array.from(this.list.querySelectorAll('.tree-link')).filter((a) => a.offsetParent !== null);
  }

  nodeOf(el) {
    const li = el.closest('.tree-node');
    return li ? this.nodes.get(Number(li.dataset.unitId)) : null;
  }

  onKey(ev) {
    const target = ev.target;
    if (!target.classList || !(target.classList.contains('tree-link') || target.classList.contains('tree-toggle'))) return;
    const node = this.nodeOf(target);
    if (!node) return;
    const links = this.visibleLinks();
    const i = links.indexOf(node.link);
    const hasChildren = node.unit.child_count > 0 || node.loaded;
    let handled = true;
    switch (ev.key) {
      case 'ArrowDown':
        if (i >= 0 && i + 1 < links.length) links[i + 1].focus();
        break;
      case 'ArrowUp':
        if (i > 0) links[i - 1].focus();
        break;
      case 'Home':
        if (links.length) links[0].focus();
        break;
      case 'End':
        if (links.length) links[links.length - 1].focus();
        break;
      case 'ArrowRight':
        if (hasChildren && !node.expanded) this.expand(node);
        else if (node.expanded) {
          const first = node.children.querySelector('.tree-link');
          if (first) first.focus();
        }
        break;
      case 'ArrowLeft':
        if (node.expanded) this.collapse(node);
        else if (node.parent) node.parent.link.focus();
        break;
      default:
        handled = false;
    }
    if (handled) ev.preventDefault();
  }
}

/* ------------------------------------------------------------- search */

class UnitSearch {
  constructor({ onActive }) {
    this.onActive = onActive;
    this.q = '';
    this.offset = 0;
    this.req = 0;
    const id = uid('unit-search');
    this.input = h('input', {
      id, type: 'search', name: 'q', autocomplete: 'off',
      placeholder: t('units.searchPlaceholder'),
    });
    this.results = h('div', { class: 'search-results', hidden: true, 'aria-live': 'polite' });
    const clear = h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.clear() }, t('common.clear'));
    this.form = h('form', { class: 'unit-search', role: 'search', novalidate: true },
      h('label', { for: id }, t('units.search')),
      h('div', { class: 'search-row' }, this.input,
        h('button', { type: 'submit', class: 'btn btn-small' }, t('common.search')), clear));
    this.form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.typed.cancel();
      this.run(this.text());
    });
    this.typed = debounce(() => this.run(this.text()), 300);
    this.input.addEventListener('input', () => this.typed());
    this.input.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && this.input.value) {
        ev.preventDefault();
        this.clear();
      }
    });
  }

  text() {
    return this.input.value.trim().normalize('NFC');
  }

  clear() {
    this.typed.cancel();
    this.input.value = '';
    this.run('');
    this.input.focus();
  }

  async run(q, more = false) {
    const mine = ++this.req;
    this.q = q;
    if (!q) {
      this.results.hidden = true;
      this.results.replaceChildren();
      this.onActive(false);
      return;
    }
    this.onActive(true);
    this.results.hidden = false;
    if (!more) {
      this.offset = 0;
      replace(this.results, loading(t('units.searching')));
    }
    try {
      const r = await api.listUnits({ q, limit: SEARCH_PAGE, offset: this.offset });
      if (mine !== this.req) return;
      const items = r.items || [];
      const total = r.total || 0;
      if (!more) {
        this.results.replaceChildren(
          h('p', { class: 'search-count' }, total ? t('units.found', { count: formatInt(total) }) : t('units.notFoundSearch', { q })),
          h('ul', { class: 'result-list' }));
      }
      const ul = this.results.querySelector('.result-list');
      const oldMore = this.results.querySelector('.result-more');
      if (oldMore) oldMore.remove();
      for (const u of items) {
        ul.appendChild(h('li', { dataset: { unitId: String(u.id) } },
          h('a', { href: `#/units/${u.id}`, class: 'result-link' },
            h('span', { class: 'result-name' }, u.name),
            h('span', { class: 'result-meta' }, [u.code, u.level_name].filter(Boolean).join(' · ')))));
      }
      this.offset += items.length;
      if (this.offset < total) {
        this.results.appendChild(h('button', {
          type: 'button', class: 'btn btn-link result-more', onclick: () => this.run(q, true),
        }, t('units.more', { count: formatInt(total - this.offset) })));
      }
    } catch (err) {
      if (mine !== this.req) return;
      replace(this.results, errorBox(err, () => this.run(q, more)));
    }
  }
}

/* -------------------------------------------------------------- forms */

function levelOptions(levels, current) {
  const opts = levels.map((l) => ({ value: l.code, label: l.name }));
  if (current && !levels.some((l) => l.code === current)) opts.unshift({ value: current, label: current });
  return [{ value: '', label: t('units.chooseLevel') }, ...opts];
}

/* The level just below the parent's, as a default for a new child unit. */
function nextLevel(levels, parentLevel) {
  const p = levels.find((l) => l.code === parentLevel);
  if (!p) return '';
  const below = levels.find((l) => l.rank > p.rank);
  return below ? below.code : '';
}

function parseMembers(text) {
  if (text === '') return null;
  if (!/^\d+$/.test(text)) throw { field: 'members', message: t('units.membersInvalid') };
  return Number(text);
}

/*
 * The create / edit dialog. For a create, `parent` is the unit the new one
 * goes under; for an edit, only fields that changed are sent (the members
 * figure of a unit with children is the sum of its subtree, so it is only
 * editable on a unit without children).
 */
async function unitFormDialog({ mode, unit, parent, onDone }) {
  let levels;
  try {
    levels = await getLevels();
  } catch (err) {
    alertDialog({ title: t('error.title'), message: errorMessage(err) });
    return;
  }
  const isEdit = mode === 'edit';
  const src = isEdit ? unit : {};
  const fields = [];
  if (!isEdit) {
    fields.push(field({ name: 'parent', type: 'static', label: t('units.parent'), value: `${parent.name} (${parent.code})`, wide: true }));
  }
  const code = field({
    name: 'code', label: t('units.code'), required: true, value: src.code,
    hint: t('units.codeHint'), attrs: { autocomplete: 'off', spellcheck: 'false', maxlength: '32' },
  });
  const name = field({ name: 'name', label: t('units.name'), required: true, value: src.name, wide: true, attrs: { maxlength: '200' } });
  const shortName = field({ name: 'short_name', label: t('units.shortName'), value: src.short_name, attrs: { maxlength: '100' } });
  const level = field({
    name: 'level', label: t('units.level'), type: 'select', required: true,
    value: isEdit ? src.level : nextLevel(levels, parent.level), options: levelOptions(levels, src.level),
  });
  const validFrom = field({ name: 'valid_from', label: t('units.validFrom'), type: 'date', value: src.valid_from || '' });
  fields.push(code, name, shortName, level, validFrom);
  /*
   * `members` of a unit is the sum over its subtree; what is edited is the
   * unit's own figure (own_members). If the server did not say, the two are
   * only known to be equal on a unit without children.
   */
  let ownMembers;
  if (isEdit) {
    if (unit.own_members !== undefined && unit.own_members !== null) ownMembers = unit.own_members;
    else if (!(unit.child_count > 0)) ownMembers = unit.members ?? '';
  }
  let members = null;
  if (!isEdit || ownMembers !== undefined) {
    members = field({
      name: 'members', label: t('units.membersOwn'), type: 'text',
      value: isEdit ? String(ownMembers) : '',
      hint: t('units.membersHint'), attrs: { inputmode: 'numeric', maxlength: '8' },
    });
    fields.push(members);
  }

  let dlg;
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields,
    submitLabel: isEdit ? t('common.save') : t('units.create'),
    extraButtons: [cancel],
    className: 'unit-form',
    onSubmit: async (v) => {
      const body = {
        code: v.code,
        name: v.name,
        short_name: v.short_name,
        level: v.level,
      };
      if (v.valid_from) body.valid_from = v.valid_from;
      if (members) {
        const m = parseMembers(v.members);
        if (m !== null) body.members = m;
      }
      let saved;
      if (isEdit) {
        const changes = {};
        const before = { ...unit, members: ownMembers };
        for (const [k, val] of Object.entries(body)) {
          const old = before[k] === null || before[k] === undefined ? '' : before[k];
          if (String(old) !== String(val)) changes[k] = val;
        }
        if (Object.keys(changes).length === 0) {
          dlg.close();
          toast(t('common.noChanges'));
          return;
        }
        saved = await api.updateUnit(unit.id, changes);
        toast(t('units.saved', { name: saved.name || body.name }));
      } else {
        body.parent_id = parent.id;
        if (!body.short_name) delete body.short_name;
        saved = await api.createUnit(body);
        toast(t('units.created', { name: saved.name || body.name }));
      }
      dlg.close();
      onDone(saved);
    },
  });
  dlg = openDialog({
    title: isEdit ? t('units.editTitle', { name: unit.name }) : t('units.createTitle'),
    body: form.el,
    wide: true,
  });
  code.input.focus();
  if (isEdit) name.input.focus();
}

function moveDialog({ unit, onDone }) {
  let dlg;
  const picker = unitPicker({ exclude: unit.id });
  const target = field({
    name: 'parent_id', label: t('units.newParent'), required: true,
    control: picker.el, input: picker.input, getValue: picker.getValue,
    hint: t('units.newParentHint'), wide: true,
  });
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => dlg.close() }, t('common.cancel'));
  const form = new Form({
    fields: [target],
    submitLabel: t('units.move'),
    extraButtons: [cancel],
    onSubmit: async (v) => {
      if (v.parent_id === unit.parent_id) throw { field: 'parent_id', message: t('units.sameParent') };
      const saved = await api.updateUnit(unit.id, { parent_id: v.parent_id });
      toast(t('units.moved', { name: unit.name, parent: picker.getUnit().name }));
      dlg.close();
      onDone(saved, unit.parent_id, v.parent_id);
    },
  });
  dlg = openDialog({
    title: t('units.moveTitle', { name: unit.name }),
    body: [h('p', null, t('units.moveIntro', { name: unit.name })), form.el],
    wide: true,
  });
  picker.input.focus();
}

/* ------------------------------------------------------------- detail */

function fact(label, value) {
  return [h('dt', null, label), h('dd', null, value)];
}

class UnitDetail {
  constructor(page) {
    this.page = page;
    this.req = 0;
    this.unit = null;
    this.el = h('section', { class: 'panel detail-panel', 'aria-labelledby': 'unit-detail-title' });
  }

  async load(id) {
    const mine = ++this.req;
    replace(this.el, loading());
    try {
      const u = await api.getUnit(id);
      if (mine !== this.req || this.page.destroyed) return null;
      this.unit = u;
      this.render();
      return u;
    } catch (err) {
      if (mine !== this.req || this.page.destroyed) return null;
      this.unit = null;
      if (err.status === 404) {
        replace(this.el, h('h2', { id: 'unit-detail-title' }, t('units.notFoundTitle')), empty(t('units.notFound')));
      } else {
        replace(this.el, errorBox(err, () => this.page.show(id)));
      }
      return null;
    }
  }

  render() {
    const u = this.unit;
    const ancestors = (u.ancestors || []).filter((a) => a.id !== u.id);
    const parent = ancestors.find((a) => a.id === u.parent_id) || null;
    setTitle(`${u.name} — ${t('units.title')}`);

    const crumbs = h('nav', { class: 'breadcrumb', 'aria-label': t('units.breadcrumb') },
      h('ol', null,
        ancestors.map((a) => h('li', null, h('a', { href: `#/units/${a.id}` }, a.name))),
        h('li', null, h('span', { 'aria-current': 'page' }, u.name))));

    const isAdmin = this.page.user.role === 'admin';
    /* The top of the user's own scope cannot be moved or deleted from here. */
    const movable = u.parent_id !== null && u.parent_id !== undefined && u.id !== this.page.user.unit_id;
    const actions = isAdmin ? h('div', { class: 'toolbar', role: 'group', 'aria-label': t('units.actions') },
      h('button', { type: 'button', class: 'btn', dataset: { action: 'edit' }, onclick: () => this.page.edit(u) }, t('common.edit')),
      h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'add-child' }, onclick: () => this.page.addChild(u) }, t('units.addChild')),
      movable
        ? h('button', { type: 'button', class: 'btn', dataset: { action: 'move' }, onclick: () => this.page.move(u) }, t('units.move'))
        : null,
      movable
        ? h('button', { type: 'button', class: 'btn btn-danger-outline', dataset: { action: 'delete' }, onclick: () => this.page.remove(u) }, t('common.delete'))
        : null) : null;

    let parentValue;
    if (parent) parentValue = h('a', { href: `#/units/${parent.id}` }, parent.name);
    else if (u.parent_id === null || u.parent_id === undefined) parentValue = t('units.noParent');
    else parentValue = t('units.parentOutOfScope');

    const facts = h('dl', { class: 'facts' },
      fact(t('units.code'), u.code),
      fact(t('units.name'), u.name),
      fact(t('units.shortName'), u.short_name || '—'),
      fact(t('units.level'), u.level_name || u.level || '—'),
      fact(t('units.parent'), parentValue),
      fact(t('units.validFrom'), formatDate(u.valid_from)),
      fact(t('units.validTo'), u.valid_to ? formatDate(u.valid_to) : t('units.validToOpen')),
      fact(t('units.members'), h('span', { class: 'num' }, formatInt(u.members ?? 0))),
      u.child_count > 0 && u.own_members > 0
        ? fact(t('units.ownMembers'), h('span', { class: 'num' }, formatInt(u.own_members)))
        : null,
      fact(t('units.childCount'), h('span', { class: 'num' }, formatInt(u.child_count ?? 0))));

    this.children = h('div', { class: 'children-table' });
    replace(this.el,
      crumbs,
      h('div', { class: 'detail-head' },
        h('h2', { id: 'unit-detail-title' }, u.name),
        h('span', { class: 'badge' }, u.level_name || u.level || '')),
      actions,
      facts,
      h('h3', null, t('units.childrenTitle')),
      this.children);
    this.loadChildren(0);
  }

  async loadChildren(offset) {
    const u = this.unit;
    const mine = this.req;
    if (!(u.child_count > 0)) {
      replace(this.children, empty(t('units.noChildren')));
      return;
    }
    replace(this.children, loading());
    try {
      const r = await api.listUnits({ parent_id: u.id, limit: TABLE_PAGE, offset });
      if (mine !== this.req || this.page.destroyed) return;
      const items = r.items || [];
      if (!items.length) {
        replace(this.children, empty(t('units.noChildren')));
        return;
      }
      const table = h('table', { class: 'data-table' },
        h('caption', { class: 'visually-hidden' }, t('units.childrenOf', { name: u.name })),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('units.code')),
          h('th', { scope: 'col' }, t('units.name')),
          h('th', { scope: 'col', class: 'hide-narrow' }, t('units.level')),
          h('th', { scope: 'col', class: 'num' }, t('units.members')),
          h('th', { scope: 'col', class: 'num' }, t('units.childCountShort')))),
        h('tbody', null, items.map((c) => h('tr', null,
          h('td', null, c.code),
          h('td', null, h('a', { href: `#/units/${c.id}` }, c.name)),
          h('td', { class: 'hide-narrow' }, c.level_name || c.level),
          h('td', { class: 'num' }, formatInt(c.members ?? 0)),
          h('td', { class: 'num' }, formatInt(c.child_count ?? 0))))));
      replace(this.children,
        tableWrap(t('units.childrenOf', { name: u.name }), table),
        pager({ total: r.total || 0, offset, limit: TABLE_PAGE, count: items.length, onPage: (o) => this.loadChildren(o) }));
    } catch (err) {
      if (mine !== this.req) return;
      replace(this.children, errorBox(err, () => this.loadChildren(offset)));
    }
  }
}

/* --------------------------------------------------------------- page */

class UnitsPage {
  constructor(ctx) {
    this.ctx = ctx;
    this.user = ctx.user;
    this.destroyed = false;
    this.tree = new UnitTree();
    this.search = new UnitSearch({ onActive: (on) => { this.tree.el.hidden = on; } });
    this.detail = new UnitDetail(this);
    this.el = h('section', { class: 'page page-units' },
      h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('units.title'))),
      h('div', { class: 'units-layout' },
        h('div', { class: 'panel tree-panel' }, this.search.form, this.search.results, this.tree.el),
        this.detail.el));
  }

  start(id) {
    setTitle(t('units.title'));
    this.tree.loadRoots();
    this.show(id, { initial: true });
  }

  /* Shows unit `id` (the user's own unit if none) and reveals it in the tree. */
  async show(id, { initial = false } = {}) {
    const target = id ? Number(id) : this.user.unit_id;
    if (!target) {
      replace(this.detail.el, empty(t('units.pick')));
      return;
    }
    this.tree.select(target);
    const u = await this.detail.load(target);
    if (!u || this.destroyed) return;
    const path = (u.ancestors || []).map((a) => a.id).filter((x) => x !== u.id);
    await this.tree.reveal(path, u.id);
    if (!initial && isNarrow()) this.detail.el.scrollIntoView({ block: 'start' });
  }

  edit(u) {
    unitFormDialog({
      mode: 'edit', unit: u,
      onDone: (saved) => {
        this.tree.updateUnit(saved);
        this.show(u.id);
      },
    });
  }

  addChild(parent) {
    unitFormDialog({
      mode: 'create', parent,
      onDone: async (saved) => {
        this.tree.updateUnit({ id: parent.id, child_count: (parent.child_count || 0) + 1 });
        await this.tree.refreshChildren(parent.id, { open: true });
        this.ctx.navigate(`#/units/${saved.id}`);
      },
    });
  }

  move(u) {
    moveDialog({
      unit: u,
      onDone: async (saved, oldParent, newParent) => {
        await Promise.all([this.tree.refreshUnit(oldParent), this.tree.refreshUnit(newParent)]);
        await this.tree.refreshChildren(oldParent);
        await this.tree.refreshChildren(newParent);
        this.show(u.id);
      },
    });
  }

  async remove(u) {
    const ok = await confirmDialog({
      title: t('units.deleteTitle'),
      message: t('units.deleteConfirm', { name: u.name }),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (!ok) return;
    try {
      await api.deleteUnit(u.id);
    } catch (err) {
      alertDialog({ title: t('units.deleteFailed'), message: errorMessage(err) });
      return;
    }
    toast(t('units.deleted', { name: u.name }));
    await this.tree.refreshUnit(u.parent_id);
    await this.tree.refreshChildren(u.parent_id);
    this.ctx.navigate(`#/units/${u.parent_id}`);
  }

  destroy() {
    this.destroyed = true;
    this.search.typed.cancel();
  }
}

export function mount(container, ctx) {
  const page = new UnitsPage(ctx);
  container.appendChild(page.el);
  page.start(ctx.params.id);
  return {
    update: (next) => {
      page.ctx = next;
      page.show(next.params.id);
    },
    destroy: () => page.destroy(),
  };
}
