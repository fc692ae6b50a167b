/*
 * The application shell: restores the session, draws the header (unit name,
 * user, role, language, logout) and the navigation, and routes the hash:
 *
 *   #/ (= #/dashboard, the landing page after login)
 *   #/login   #/units   #/units/{id}   #/users   #/audit   #/rollup
 *   #/activities   #/reporters   #/classes   #/indicators
 *   #/documents   #/documents/{id}   #/tasks   #/tasks/{inbox|matrix|due}
 *   #/opinion   #/digest   #/hotspots   #/hotspots/{id}   #/reports
 *   #/account (one's own password and sessions, linked from the user's name)
 *   #/publications   #/appraisals
 *   #/history   #/commendations   #/outreach
 *
 * Each page module exports mount(container, ctx) and returns an object
 * with optional update(ctx) (same page, new parameters: the units tree
 * stays as it is when another unit is selected) and destroy(). Only the
 * login and dashboard pages come with the first load; every other page
 * module is imported on its first visit (ROUTES: page is a function).
 *
 * The navigation is a list of labelled groups (NAV_GROUPS): each group
 * names routes, and shows only those the user's role may open (a group
 * left empty is not drawn); the server checks the role again on every
 * request. Below the phone breakpoint the groups fold away behind a menu
 * button that shows the current page and closes after each navigation.
 */
import { h, replace, uid } from './dom.js';
import { t, getLang, setLang, LANGUAGES, onLanguageChange } from './i18n/index.js';
import * as api from './api.js';
import { toastHost, loading, errorBox, setTitle } from './components/ui.js';
import * as loginPage from './pages/login.js';
import * as dashboardPage from './pages/dashboard.js';

const ROUTES = [
  { name: 'login', re: /^\/login$/, page: loginPage, public: true },
  { name: 'dashboard', re: /^\/(?:dashboard)?$/, page: dashboardPage, nav: 'nav.dashboard' },
  { name: 'units', re: /^\/units(?:\/(\d+))?$/, page: () => import('./pages/units.js'), keys: ['id'], nav: 'nav.units' },
  { name: 'users', re: /^\/users$/, page: () => import('./pages/users.js'), roles: ['admin'], nav: 'nav.users' },
  { name: 'audit', re: /^\/audit$/, page: () => import('./pages/audit.js'), roles: ['admin', 'leader'], nav: 'nav.audit' },
  { name: 'imports', re: /^\/imports$/, page: () => import('./pages/imports.js'), roles: ['admin'], nav: 'nav.imports' },
  { name: 'rollup', re: /^\/rollup$/, page: () => import('./pages/rollup.js'), nav: 'nav.rollup' },
  { name: 'activities', re: /^\/activities$/, page: () => import('./pages/activities.js'), nav: 'nav.activities' },
  { name: 'reporters', re: /^\/reporters$/, page: () => import('./pages/reporters.js'), nav: 'nav.reporters' },
  { name: 'classes', re: /^\/classes$/, page: () => import('./pages/training.js'), nav: 'nav.classes' },
  { name: 'indicators', re: /^\/indicators$/, page: () => import('./pages/indicators.js'), nav: 'nav.indicators' },
  { name: 'documents', re: /^\/documents(?:\/(\d+))?$/, page: () => import('./pages/documents.js'), keys: ['id'], nav: 'nav.documents' },
  { name: 'tasks', re: /^\/tasks(?:\/(inbox|matrix|due))?$/, page: () => import('./pages/tasks.js'), keys: ['view'], nav: 'nav.tasks' },
  { name: 'opinion', re: /^\/opinion$/, page: () => import('./pages/opinion.js'), nav: 'nav.opinion' },
  { name: 'digest', re: /^\/digest$/, page: () => import('./pages/opinion.js').then((m) => m.digestPage), nav: 'nav.digest' },
  { name: 'hotspots', re: /^\/hotspots(?:\/(\d+))?$/, page: () => import('./pages/hotspots.js'), keys: ['id'], nav: 'nav.hotspots' },
  { name: 'reports', re: /^\/reports$/, page: () => import('./pages/reports.js'), nav: 'nav.reports' },
  { name: 'account', re: /^\/account$/, page: () => import('./pages/account.js') },
  { name: 'publications', re: /^\/publications$/, page: () => import('./pages/publications.js'), nav: 'nav.publications' },
  { name: 'appraisals', re: /^\/appraisals$/, page: () => import('./pages/appraisals.js'), nav: 'nav.appraisals' },
  { name: 'history', re: /^\/history$/, page: () => import('./pages/history.js'), nav: 'nav.history' },
  { name: 'commendations', re: /^\/commendations$/, page: () => import('./pages/commendations.js'), nav: 'nav.commendations' },
  { name: 'outreach', re: /^\/outreach$/, page: () => import('./pages/outreach.js'), nav: 'nav.outreach' },
];

/*
 * The navigation, group by group, in this order; `items` are route names
 * (their label is the route's `nav` key).
 */
const NAV_GROUPS = [
  { label: 'navGroup.rollup', items: ['dashboard', 'rollup', 'reports'] },
  { label: 'navGroup.work', items: ['documents', 'tasks'] },
  { label: 'navGroup.publish', items: ['publications', 'appraisals'] },
  { label: 'navGroup.study', items: ['activities', 'reporters', 'classes', 'indicators'] },
  { label: 'navGroup.opinion', items: ['opinion', 'digest', 'hotspots'] },
  { label: 'navGroup.honours', items: ['history', 'commendations', 'outreach'] },
  { label: 'navGroup.admin', items: ['units', 'users', 'imports', 'audit'] },
];
const HOME = '#/';

const state = {
  user: null,
  returnTo: null,
  mounted: null, /* {route, instance} */
  shell: null, /* {main, nav links} */
};

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const q = raw.indexOf('?');
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const query = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  for (const route of ROUTES) {
    const m = route.re.exec(path);
    if (m) {
      const params = {};
      (route.keys || []).forEach((k, i) => { params[k] = m[i + 1] === undefined ? null : m[i + 1]; });
      return { route, params, query, path };
    }
  }
  return { route: null, params: {}, query, path };
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function allowed(route, user) {
  return !route.roles || (user && route.roles.includes(user.role));
}

function unmount() {
  if (state.mounted && state.mounted.instance && state.mounted.instance.destroy) {
    state.mounted.instance.destroy();
  }
  state.mounted = null;
}

function languageSelect() {
  const id = 'lang-select';
  const sel = h('select', { id, class: 'lang-select', onchange: (ev) => setLang(ev.target.value) },
    Object.keys(LANGUAGES).map((code) =>
      h('option', { value: code, selected: code === getLang() }, t(`lang.${code}`))));
  return h('div', { class: 'lang' }, h('label', { for: id, class: 'visually-hidden' }, t('lang.label')), sel);
}

function skipLink(target) {
  return h('button', {
    type: 'button', class: 'skip-link',
    onclick: () => target.focus(),
  }, t('shell.skip'));
}

/* The logged-out layout: the login card only. */
function drawPublicShell() {
  const main = h('main', { id: 'main', class: 'public-main', tabindex: '-1' });
  replace(document.getElementById('app'),
    h('div', { class: 'public-top' }, languageSelect()),
    main,
    toastHost());
  state.shell = { main, links: [], kind: 'public' };
}

function drawShell() {
  const user = state.user;
  const main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
  const links = [];
  const groups = [];
  for (const g of NAV_GROUPS) {
    const routes = g.items.map((name) => ROUTES.find((r) => r.name === name))
      .filter((r) => r && r.nav && allowed(r, user));
    if (!routes.length) continue;
    const titleId = uid('nav-group');
    const list = h('ul', { class: 'nav-list', 'aria-labelledby': titleId });
    for (const r of routes) {
      /* a choice folds the phone menu at once, before the page loads */
      const a = h('a', {
        href: `#/${r.name}`, class: 'nav-link', dataset: { route: r.name }, onclick: () => setNavOpen(false),
      }, t(r.nav));
      links.push(a);
      list.appendChild(h('li', null, a));
    }
    groups.push(h('div', { class: 'nav-group', dataset: { group: g.label } },
      h('p', { class: 'nav-group-title', id: titleId }, t(g.label)), list));
  }
  const navPanelId = uid('nav-panel');
  const navCurrent = h('span', { class: 'nav-toggle-current' });
  const navToggle = h('button', {
    type: 'button', class: 'nav-toggle', 'aria-expanded': 'false', 'aria-controls': navPanelId,
    onclick: () => setNavOpen(navToggle.getAttribute('aria-expanded') !== 'true'),
  }, h('span', { class: 'nav-toggle-icon', 'aria-hidden': 'true' }),
  h('span', { class: 'nav-toggle-label' }, t('shell.menu')), navCurrent);
  const navPanel = h('div', { id: navPanelId, class: 'nav-panel' }, groups);
  const logoutBtn = h('button', {
    type: 'button', class: 'btn btn-header', onclick: doLogout,
  }, t('shell.logout'));

  const header = h('header', { class: 'app-header' },
    skipLink(main),
    h('div', { class: 'brand' },
      h('img', { src: '/favicon.svg', alt: '', class: 'brand-mark', width: '36', height: '36' }),
      h('div', { class: 'brand-text' },
        h('span', { class: 'brand-app' }, t('app.name')),
        h('span', { class: 'brand-unit' }, user.unit_name || ''))),
    h('div', { class: 'user-box' },
      h('div', { class: 'user-id' },
        h('a', { class: 'user-name', href: '#/account', title: t('nav.account') }, user.full_name || user.username),
        h('span', { class: 'user-role' }, t(`role.${user.role}`))),
      languageSelect(),
      logoutBtn));

  const nav = h('nav', { class: 'app-nav', 'aria-label': t('shell.nav') }, navToggle, navPanel);
  nav.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && nav.classList.contains('is-open')) {
      setNavOpen(false);
      navToggle.focus();
    }
  });
  replace(document.getElementById('app'),
    header,
    h('div', { class: 'app-body' }, nav, main),
    toastHost());
  state.shell = { main, links, nav, navToggle, navCurrent, kind: 'private' };
}

/* Phone layout: opens or closes the folded navigation. */
function setNavOpen(open) {
  const sh = state.shell;
  if (!sh || !sh.nav) return;
  sh.nav.classList.toggle('is-open', open);
  sh.navToggle.setAttribute('aria-expanded', open ? 'true' : 'false');
}

function markNav(routeName) {
  let current = null;
  for (const a of state.shell.links) {
    if (a.dataset.route === routeName) {
      a.setAttribute('aria-current', 'page');
      current = a;
    } else a.removeAttribute('aria-current');
  }
  state.shell.navCurrent.textContent = current ? current.textContent : '';
  setNavOpen(false);
}

async function doLogout() {
  try {
    await api.logout();
  } catch {
    /* the session is dropped on our side either way */
  }
  state.user = null;
  state.returnTo = null;
  unmount();
  state.shell = null;
  navigate('#/login');
}

function onLogin(user) {
  state.user = user;
  const target = state.returnTo || HOME;
  state.returnTo = null;
  unmount();
  state.shell = null;
  navigate(target);
}

function context(parsed) {
  return {
    user: state.user,
    params: parsed.params,
    query: parsed.query,
    navigate,
    onLogin,
  };
}

/* Bumped by every route(): a page module still loading for an earlier
 * hash is not mounted once the user has gone elsewhere. */
let routeSeq = 0;

async function route() {
  const seq = ++routeSeq;
  const parsed = parseHash();
  const { route: r } = parsed;

  if (!r) {
    location.replace(state.user ? HOME : '#/login');
    return;
  }
  if (!state.user && !r.public) {
    state.returnTo = location.hash;
    location.replace('#/login');
    return;
  }
  if (state.user && r.name === 'login') {
    location.replace(HOME);
    return;
  }

  const kind = state.user ? 'private' : 'public';
  if (!state.shell || state.shell.kind !== kind) {
    unmount();
    if (kind === 'public') drawPublicShell();
    else drawShell();
  }
  if (kind === 'private') markNav(r.name);

  const ctx = context(parsed);
  if (!allowed(r, state.user)) {
    unmount();
    setTitle(t('error.forbiddenTitle'));
    replace(state.shell.main,
      h('section', { class: 'page' },
        h('h1', { tabindex: '-1' }, t('error.forbiddenTitle')),
        h('p', null, t('error.forbiddenPage'))));
    return;
  }
  if (state.mounted && state.mounted.route === r && state.mounted.instance && state.mounted.instance.update) {
    state.mounted.instance.update(ctx);
    return;
  }
  unmount();
  if (typeof r.page === 'function') {
    /* First visit: load the page's module (the first load of the app
     * carries only the login and dashboard pages). */
    replace(state.shell.main, loading());
    let page;
    try {
      page = await r.page();
    } catch (err) {
      if (seq === routeSeq) replace(state.shell.main, errorBox(err, () => route()));
      return;
    }
    if (typeof r.page === 'function') r.page = page;
    if (seq !== routeSeq) return;
  }
  state.shell.main.replaceChildren();
  const instance = r.page.mount(state.shell.main, ctx) || {};
  state.mounted = { route: r, instance };
  /* Move focus to the new page's heading so a screen reader announces it. */
  const heading = state.shell.main.querySelector('h1');
  if (heading && !instance.managesFocus) heading.focus({ preventScroll: true });
}

/* Language change: redraw the shell and the current page in the new language. */
onLanguageChange(() => {
  unmount();
  state.shell = null;
  route();
});

api.onUnauthorized(() => {
  if (!state.user) return;
  state.user = null;
  state.returnTo = location.hash && !location.hash.startsWith('#/login') ? location.hash : null;
  unmount();
  state.shell = null;
  location.replace('#/login'); /* the hashchange draws the login page */
});

async function start() {
  document.documentElement.lang = getLang();
  const app = document.getElementById('app');
  replace(app, h('main', { class: 'public-main' }, loading()));
  try {
    state.user = await api.restoreSession();
  } catch (err) {
    replace(app, h('main', { class: 'public-main' }, errorBox(err, () => start())));
    return;
  }
  window.addEventListener('hashchange', route);
  route();
}

start();
