/*
 * The only module that calls fetch (and XMLHttpRequest, for the progress of
 * an import's upload). Everything goes to /api/v1 as JSON:
 *
 * - Every request other than GET/HEAD carries X-CSRF-Token, the token the
 *   server gave at login or in GET /session, kept here in memory only.
 * - A failed request throws an ApiError with .status, .code, .message (the
 *   server's message, in Vietnamese) and .field (the JSON field it is about,
 *   so a form can show the message next to that input).
 * - A 401 on anything but login/session means the session ended: the
 *   handler set with onUnauthorized() sends the user to #/login.
 */
import { t } from './i18n/index.js';

const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code || '';
    this.field = field || null;
  }
}

let csrfToken = null;
let unauthorizedHandler = null;

export function setCsrfToken(token) {
  csrfToken = token || null;
}

export function onUnauthorized(fn) {
  unauthorizedHandler = fn;
}

/* "/units" + {parent_id: 3, q: ""} -> "/api/v1/units?parent_id=3"; empty values are left out. */
export function apiUrl(path, query) {
  let url = BASE + path;
  if (query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '') continue;
      qs.append(k, String(v));
    }
    const s = qs.toString();
    if (s) url += '?' + s;
  }
  return url;
}

function fallbackMessage(status) {
  switch (status) {
    case 400: return t('error.http400');
    case 401: return t('error.http401');
    case 403: return t('error.http403');
    case 404: return t('error.http404');
    case 409: return t('error.http409');
    case 413: return t('error.http413');
    case 429: return t('error.http429');
    default: return t('error.http', { status });
  }
}

async function request(method, path, { query, body, form, signal, quiet401 } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', signal, cache: 'no-store' };
  if (form !== undefined) {
    init.body = form; /* FormData: the browser writes the multipart Content-Type */
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res;
  try {
    res = await fetch(apiUrl(path, query), init);
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', t('error.network'), null);
  }

  let data = null;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (res.ok) return data;

  const e = data && data.error ? data.error : {};
  const err = new ApiError(res.status, e.code, e.message || fallbackMessage(res.status), e.field);
  if (res.status === 401 && !quiet401) {
    csrfToken = null;
    if (unauthorizedHandler) unauthorizedHandler(err);
  }
  throw err;
}

const get = (path, query, opts) => request('GET', path, { ...opts, query });
const post = (path, body) => request('POST', path, { body });
const patch = (path, body) => request('PATCH', path, { body });
const del = (path) => request('DELETE', path);

/* Session */

export async function login(username, password) {
  const r = await request('POST', '/login', { body: { username, password }, quiet401: true });
  setCsrfToken(r.csrf_token);
  return r.user;
}

/* The logged-in user, or null; restores the CSRF token after a reload. */
export async function restoreSession() {
  try {
    const r = await request('GET', '/session', { quiet401: true });
    setCsrfToken(r.csrf_token);
    return r.user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function logout() {
  try {
    await request('POST', '/logout', { quiet401: true });
  } finally {
    setCsrfToken(null);
  }
}

/* Reference data */

export const levels = (opts) => get('/levels', undefined, opts);

/* Units */

export const listUnits = (query, opts) => get('/units', query, opts);
export const getUnit = (id, opts) => get(`/units/${encodeURIComponent(id)}`, undefined, opts);
export const createUnit = (body) => post('/units', body);
export const updateUnit = (id, body) => patch(`/units/${encodeURIComponent(id)}`, body);
export const deleteUnit = (id) => del(`/units/${encodeURIComponent(id)}`);

/* Users */

export const listUsers = (query, opts) => get('/users', query, opts);
export const createUser = (body) => post('/users', body);
export const updateUser = (id, body) => patch(`/users/${encodeURIComponent(id)}`, body);
export const deleteUser = (id) => del(`/users/${encodeURIComponent(id)}`);
export const unlockUser = (id) => post(`/users/${encodeURIComponent(id)}/unlock`, {});
export const userSessions = (id, opts) => get(`/users/${encodeURIComponent(id)}/sessions`, undefined, opts);
export const endUserSession = (id, sid) =>
  del(`/users/${encodeURIComponent(id)}/sessions/${encodeURIComponent(sid)}`);
export const endUserSessions = (id) => del(`/users/${encodeURIComponent(id)}/sessions`);

/* The signed-in user's own account */

export const mySessions = (opts) => get('/account/sessions', undefined, opts);
export const endMySession = (sid) => del(`/account/sessions/${encodeURIComponent(sid)}`);
export const changePassword = (body) => post('/account/password', body);

/* Audit */

export const listAudit = (query, opts) => get('/audit', query, opts);
/* A plain link target (the browser downloads it with the session cookie). */
export const auditCsvUrl = (query) => apiUrl('/audit', { format: 'csv', ...query });

/* Study, training, reporters, indicators, roll-up */

export const rollup = (query, opts) => get('/rollup', query, opts);
export const notStudied = (query, opts) => get('/rollup/not-studied', query, opts);
export const listActivities = (query, opts) => get('/activities', query, opts);
export const createActivity = (body) => post('/activities', body);
export const updateActivity = (id, body) => patch(`/activities/${encodeURIComponent(id)}`, body);
export const deleteActivity = (id) => del(`/activities/${encodeURIComponent(id)}`);
export const getActivity = (id, opts) => get(`/activities/${encodeURIComponent(id)}`, undefined, opts);

export const listReporters = (query, opts) => get('/reporters', query, opts);
export const createReporter = (body) => post('/reporters', body);
export const updateReporter = (id, body) => patch(`/reporters/${encodeURIComponent(id)}`, body);
export const deleteReporter = (id) => del(`/reporters/${encodeURIComponent(id)}`);
export const listReporterConferences = (query, opts) => get('/reporter-conferences', query, opts);
export const getReporterConference = (id, opts) => get(`/reporter-conferences/${encodeURIComponent(id)}`, undefined, opts);
export const createReporterConference = (body) => post('/reporter-conferences', body);
export const updateReporterConference = (id, body) => patch(`/reporter-conferences/${encodeURIComponent(id)}`, body);
export const deleteReporterConference = (id) => del(`/reporter-conferences/${encodeURIComponent(id)}`);

export const listClasses = (query, opts) => get('/classes', query, opts);
export const createClass = (body) => post('/classes', body);
export const updateClass = (id, body) => patch(`/classes/${encodeURIComponent(id)}`, body);
export const deleteClass = (id) => del(`/classes/${encodeURIComponent(id)}`);
export const listPublications = (query, opts) => get('/publications', query, opts);
export const createPublication = (body) => post('/publications', body);
export const updatePublication = (id, body) => patch(`/publications/${encodeURIComponent(id)}`, body);
export const deletePublication = (id) => del(`/publications/${encodeURIComponent(id)}`);
export const listAppraisals = (query, opts) => get('/appraisals', query, opts);
export const createAppraisal = (body) => post('/appraisals', body);
export const updateAppraisal = (id, body) => patch(`/appraisals/${encodeURIComponent(id)}`, body);
export const deleteAppraisal = (id) => del(`/appraisals/${encodeURIComponent(id)}`);
export const listHistoryProjects = (query, opts) => get('/history-projects', query, opts);
export const historyCoverage = (query, opts) => get('/history-projects/coverage', query, opts);
export const createHistoryProject = (body) => post('/history-projects', body);
export const updateHistoryProject = (id, body) => patch(`/history-projects/${encodeURIComponent(id)}`, body);
export const deleteHistoryProject = (id) => del(`/history-projects/${encodeURIComponent(id)}`);
export const listCommendations = (query, opts) => get('/commendations', query, opts);
export const createCommendation = (body) => post('/commendations', body);
export const updateCommendation = (id, body) => patch(`/commendations/${encodeURIComponent(id)}`, body);
export const deleteCommendation = (id) => del(`/commendations/${encodeURIComponent(id)}`);
export const listOutreach = (query, opts) => get('/outreach', query, opts);
export const createOutreach = (body) => post('/outreach', body);
export const updateOutreach = (id, body) => patch(`/outreach/${encodeURIComponent(id)}`, body);
export const deleteOutreach = (id) => del(`/outreach/${encodeURIComponent(id)}`);

export const listIndicators = (query, opts) => get('/indicators', query, opts);
export const createIndicator = (body) => post('/indicators', body);
export const updateIndicator = (id, body) => patch(`/indicators/${encodeURIComponent(id)}`, body);
export const deleteIndicator = (id) => del(`/indicators/${encodeURIComponent(id)}`);
/* query: unit, period (a key of the indicator's period type). */
export const indicatorCompleteness = (id, query, opts) =>
  get(`/indicators/${encodeURIComponent(id)}/completeness`, query, opts);
export const listIndicatorValues = (query, opts) => get('/indicator-values', query, opts);
export const createIndicatorValue = (body) => post('/indicator-values', body);
export const updateIndicatorValue = (id, body) => patch(`/indicator-values/${encodeURIComponent(id)}`, body);
export const deleteIndicatorValue = (id) => del(`/indicator-values/${encodeURIComponent(id)}`);

/* Documents, attachments and tasks */

export const listDocuments = (query, opts) => get('/documents', query, opts);
export const getDocument = (id, opts) => get(`/documents/${encodeURIComponent(id)}`, undefined, opts);
export const createDocument = (body) => post('/documents', body);
export const updateDocument = (id, body) => patch(`/documents/${encodeURIComponent(id)}`, body);
export const deleteDocument = (id) => del(`/documents/${encodeURIComponent(id)}`);
export const parseSymbol = (s, opts) => get('/documents/parse-symbol', { s }, opts);
export const documentTypes = (opts) => get('/document-types', undefined, opts);
export const listIssuers = (opts) => get('/issuers', undefined, opts);
/* Multipart upload of one file in the field "file". */
export function uploadAttachment(docId, file) {
  const form = new FormData();
  form.append('file', file, file.name);
  return request('POST', `/documents/${encodeURIComponent(docId)}/attachments`, { form });
}
/*
 * Import a CSV or XLSX file (kind: units, users, indicator-values), only
 * checking it when dryRun. XMLHttpRequest rather than fetch, for the
 * upload progress: onProgress(sentBytes, totalBytes) while the file goes
 * up. Resolves to the import report; rejects with an ApiError like
 * request().
 */
export function importFile(kind, file, { dryRun = false, onProgress } = {}) {
  const form = new FormData();
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(`/imports/${encodeURIComponent(kind)}`, { dry_run: dryRun ? 1 : '' }));
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    if (onProgress) xhr.upload.onprogress = (ev) => onProgress(ev.loaded, ev.lengthComputable ? ev.total : 0);
    xhr.onerror = () => reject(new ApiError(0, 'network', t('error.network'), null));
    xhr.onload = () => {
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data);
        return;
      }
      const e = data && data.error ? data.error : {};
      const err = new ApiError(xhr.status, e.code, e.message || fallbackMessage(xhr.status), e.field);
      if (xhr.status === 401) {
        csrfToken = null;
        if (unauthorizedHandler) unauthorizedHandler(err);
      }
      reject(err);
    };
    xhr.send(form);
  });
}

/* A plain link target (the browser downloads it with the session cookie). */
export const attachmentUrl = (docId, id) =>
  apiUrl(`/documents/${encodeURIComponent(docId)}/attachments/${encodeURIComponent(id)}`);
export const deleteAttachment = (docId, id) =>
  del(`/documents/${encodeURIComponent(docId)}/attachments/${encodeURIComponent(id)}`);

export const listTasks = (query, opts) => get('/tasks', query, opts);
export const getTask = (id, opts) => get(`/tasks/${encodeURIComponent(id)}`, undefined, opts);
export const createTask = (body) => post('/tasks', body);
export const updateTask = (id, body) => patch(`/tasks/${encodeURIComponent(id)}`, body);
export const deleteTask = (id) => del(`/tasks/${encodeURIComponent(id)}`);
export const updateAssignment = (taskId, id, body) =>
  patch(`/tasks/${encodeURIComponent(taskId)}/assignments/${encodeURIComponent(id)}`, body);
export const taskInbox = (query, opts) => get('/tasks/inbox', query, opts);
export const taskMatrix = (query, opts) => get('/tasks/matrix', query, opts);
export const tasksDueSoon = (query, opts) => get('/tasks/due-soon', query, opts);

/* Periodic reports: which units submitted for a period (unit, period or
 * from/to). Used by the dashboard only when the server answers it. */
export const reportsStatus = (query, opts) => get('/reports/status', query, opts);
export const listReports = (query, opts) => get('/reports', query, opts);
export const getReport = (id, opts) => get(`/reports/${encodeURIComponent(id)}`, undefined, opts);
export const createReport = (body) => post('/reports', body);
export const updateReport = (id, body) => patch(`/reports/${encodeURIComponent(id)}`, body);
export const regenerateReport = (id) => post(`/reports/${encodeURIComponent(id)}/regenerate`, {});
export const submitReport = (id) => post(`/reports/${encodeURIComponent(id)}/submit`, {});
export const reopenReport = (id, body) => post(`/reports/${encodeURIComponent(id)}/reopen`, body);
/* A link target (not fetched here): the browser downloads or opens it. */
export const reportExportUrl = (id, format) => apiUrl(`/reports/${encodeURIComponent(id)}/export`, { format });
export const reportDeadlines = (opts) => get('/report-deadlines', undefined, opts);

/* Public opinion and hot spots */

export const opinionTopics = (opts) => get('/opinion-topics', undefined, opts);
export const createOpinionTopic = (body) => post('/opinion-topics', body);
export const updateOpinionTopic = (id, body) => patch(`/opinion-topics/${encodeURIComponent(id)}`, body);
export const mergeOpinionTopic = (id, body) => post(`/opinion-topics/${encodeURIComponent(id)}/merge`, body);
export const listOpinionReports = (query, opts) => get('/opinion-reports', query, opts);
export const getOpinionReport = (id, opts) => get(`/opinion-reports/${encodeURIComponent(id)}`, undefined, opts);
export const createOpinionReport = (body) => post('/opinion-reports', body);
export const updateOpinionReport = (id, body) => patch(`/opinion-reports/${encodeURIComponent(id)}`, body);
export const deleteOpinionReport = (id) => del(`/opinion-reports/${encodeURIComponent(id)}`);
/* query: unit, from, to or period. */
export const opinionStats = (query, opts) => get('/opinion-reports/stats', query, opts);
/* query: unit, week (YYYY-Www). */
export const opinionDigest = (query, opts) => get('/opinion-digest', query, opts);
export const listHotspots = (query, opts) => get('/hotspots', query, opts);
export const getHotspot = (id, opts) => get(`/hotspots/${encodeURIComponent(id)}`, undefined, opts);
export const createHotspot = (body) => post('/hotspots', body);
export const updateHotspot = (id, body) => patch(`/hotspots/${encodeURIComponent(id)}`, body);
export const hotspotStatus = (id, body) => post(`/hotspots/${encodeURIComponent(id)}/status`, body);
export const hotspotAction = (id, body) => post(`/hotspots/${encodeURIComponent(id)}/actions`, body);
export const hotspotStats = (query, opts) => get('/hotspots/stats', query, opts);
