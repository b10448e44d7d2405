/**
 * The audit-log panel page. It holds no credentials and runs no SQL: it asks the extension host for data by
 * message and renders what comes back. Every value from the database is written with `textContent` (never
 * as markup), so stored `<script>` or `<img onerror>` payloads stay visible, inert text.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import uPlot from 'uplot';
import type { Cell, ConnectionInfo, FilterInput, PresetInfo, QueryRequest, ToHost, ToWebview, ViewState } from '../../src/audit/protocol';

interface VsCodeApi {
  postMessage(message: ToHost): void;
  getState(): ViewState | undefined;
  setState(state: ViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const SEVERITIES = ['info', 'warning', 'critical'] as const;
const EVENT_PRESETS = new Set(['recent', 'service-role-usage', 'oauth-failures', 'cross-tenant']);

let state: ViewState = vscode.getState() ?? {
  query: { preset: 'recent', filters: { since: '24h' }, page: { limit: 100, offset: 0 } },
  live: false,
};
let columns: string[] = [];
let newSinceRefresh = 0;

type Attributes = Record<string, string | boolean>;

/** Static UI only: attributes and children here are ours, never database values. */
function el<K extends string>(tag: K, attributes: Attributes = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) node.setAttribute(name, '');
    else if (value !== false) node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

type ValueElement = HTMLElement & { value: string };
type CheckElement = HTMLElement & { checked: boolean };

const field = (id: string, label: string, placeholder: string) =>
  el('label', { class: 'field' }, el('span', {}, label), el('vscode-textfield', { id, placeholder, 'aria-label': label }));
const icon = (name: string) => el('vscode-icon', { name, slot: 'content-before' });

const app = document.getElementById('app')!;
app.append(
  el(
    'header',
    { class: 'toolbar' },
    el('vscode-single-select', { id: 'connection', 'aria-label': 'Connection' }),
    el('vscode-button', { id: 'add-connection', secondary: true, title: 'Add a connection from a Postgres URL' }, icon('add'), 'Connection'),
    el('vscode-single-select', { id: 'preset', 'aria-label': 'Preset' }),
    el('span', { class: 'spacer' }),
    el('span', { id: 'health', class: 'health', title: 'Audit health score (0–100)', hidden: true }),
  ),
  el(
    'section',
    { class: 'filters', 'aria-label': 'Filters' },
    field('since', 'Since', '24h'),
    field('until', 'Until', 'now'),
    field('user', 'User', 'user uuid'),
    field('workspace', 'Workspace', 'workspace uuid'),
    field('operation', 'Operation', 'contains…'),
    el('span', { class: 'severities', role: 'group', 'aria-label': 'Severity' }, ...SEVERITIES.map((s) => el('vscode-checkbox', { id: `severity-${s}`, label: s }))),
    el('vscode-button', { id: 'apply' }, icon('search'), 'Apply'),
    el('vscode-checkbox', { id: 'live', label: 'Live' }),
    el('vscode-button', { id: 'export-csv', secondary: true }, icon('export'), 'CSV'),
    el('vscode-button', { id: 'export-json', secondary: true }, icon('json'), 'JSON'),
  ),
  el('div', { id: 'banner', role: 'alert', hidden: true }, el('span', { id: 'banner-text' }), el('vscode-button', { id: 'create-migration', hidden: true }, 'Create audit-log migration')),
  el('div', { id: 'status', class: 'status', 'aria-live': 'polite' }),
  el('div', { id: 'chart', class: 'chart', 'aria-label': 'Events by severity over time' }),
  el('div', { id: 'new-rows', class: 'notice', hidden: true }),
  el('div', { class: 'table-wrap' }, el('table', { id: 'results' }, el('thead'), el('tbody'))),
  el(
    'footer',
    { class: 'pager' },
    el('vscode-button', { id: 'prev', secondary: true }, icon('chevron-left'), 'Previous'),
    el('span', { id: 'page-info' }),
    el('vscode-button', { id: 'next', secondary: true }, 'Next', el('vscode-icon', { name: 'chevron-right', slot: 'content-after' })),
  ),
);
app.removeAttribute('aria-busy');

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const send = (message: ToHost) => vscode.postMessage(message);

function save(): void {
  vscode.setState(state);
}

function readFilters(): FilterInput {
  const value = (id: string) => byId<ValueElement>(id).value.trim() || undefined;
  const severity = SEVERITIES.filter((s) => byId<CheckElement>(`severity-${s}`).checked);
  return { since: value('since') ?? '24h', until: value('until'), user: value('user'), workspace: value('workspace'), operation: value('operation'), severity: severity.length ? severity : undefined };
}

function writeFilters(filters: FilterInput): void {
  for (const id of ['since', 'until', 'user', 'workspace', 'operation'] as const) byId<ValueElement>(id).value = filters[id] ?? '';
  for (const s of SEVERITIES) byId<CheckElement>(`severity-${s}`).checked = Boolean(filters.severity?.includes(s));
}

function runQuery(query: QueryRequest): void {
  state = { ...state, query };
  save();
  newSinceRefresh = 0;
  byId('new-rows').hidden = true;
  byId('status').textContent = 'Loading…';
  send({ type: 'query', query });
}

function apply(offset = 0): void {
  runQuery({ preset: byId<ValueElement>('preset').value as QueryRequest['preset'], filters: readFilters(), page: { limit: state.query.page.limit, offset } });
}

function fillSelect(id: string, options: { value: string; label: string; title?: string }[], selected?: string): void {
  const select = byId<ValueElement>(id);
  select.replaceChildren(
    ...options.map((o) => {
      const option = el('vscode-option', { value: o.value, ...(o.title ? { description: o.title } : {}) });
      option.textContent = o.label;
      return option;
    }),
  );
  if (selected !== undefined) select.value = selected;
}

// ---- rendering (database values only through textContent) ----

function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function renderRow(row: Record<string, Cell>, fresh: boolean): HTMLTableRowElement {
  const tr = document.createElement('tr');
  if (fresh) tr.className = 'fresh';
  for (const column of columns) {
    const td = document.createElement('td');
    const text = cellText(row[column]);
    td.textContent = text.length > 240 ? `${text.slice(0, 239)}…` : text;
    if (text.length > 40) td.title = text;
    if (column === 'severity') td.dataset.severity = text;
    tr.append(td);
  }
  return tr;
}

function renderTable(names: string[], rows: Record<string, Cell>[]): void {
  columns = names.filter((c) => c !== 'source' || state.query.preset === 'cross-tenant');
  const head = byId('results').querySelector('thead')!;
  const headRow = document.createElement('tr');
  for (const column of columns) {
    const th = document.createElement('th');
    th.textContent = column.replace(/_/g, ' ');
    headRow.append(th);
  }
  head.replaceChildren(headRow);
  byId('results').querySelector('tbody')!.replaceChildren(...rows.map((row) => renderRow(row, false)));
}

function renderPager(rows: number, hasMore: boolean): void {
  const { offset } = state.query.page;
  byId('page-info').textContent = rows ? `Rows ${offset + 1}–${offset + rows}${hasMore ? ' of more' : ''}` : 'No rows';
  byId('prev').toggleAttribute('disabled', offset === 0);
  byId('next').toggleAttribute('disabled', !hasMore);
}

function appendLiveRows(rows: Record<string, Cell>[]): void {
  const { preset, page } = state.query;
  if (preset !== 'recent' || page.offset !== 0) {
    newSinceRefresh += rows.length;
    const notice = byId('new-rows');
    notice.textContent = `${newSinceRefresh} new event${newSinceRefresh === 1 ? '' : 's'} since the last refresh`;
    notice.hidden = false;
    return;
  }
  const body = byId('results').querySelector('tbody')!;
  // Newest first, like the query; the page keeps its size.
  for (const row of rows) body.prepend(renderRow(row, true));
  while (body.rows.length > page.limit) body.deleteRow(-1);
}

let chart: uPlot | undefined;
let lastTimeline: Extract<ToWebview, { type: 'timeline' }> | undefined;

function themeColor(variable: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(variable).trim() || fallback;
}

function renderChart(timeline: Extract<ToWebview, { type: 'timeline' }>): void {
  lastTimeline = timeline;
  const step = timeline.bucketMinutes * 60;
  const buckets = [...new Set(timeline.points.map((p) => Date.parse(p.bucket) / 1000))].sort((a, b) => a - b);
  const xs: number[] = [];
  if (buckets.length) for (let t = buckets[0]; t <= buckets[buckets.length - 1]; t += step) xs.push(t);
  const series = SEVERITIES.map((severity) => {
    const counts = new Map(timeline.points.filter((p) => p.severity === severity).map((p) => [Date.parse(p.bucket) / 1000, p.events]));
    return xs.map((x) => counts.get(x) ?? 0);
  });
  const container = byId('chart');
  chart?.destroy();
  const colors = [themeColor('--vscode-charts-blue', '#3794ff'), themeColor('--vscode-charts-yellow', '#cca700'), themeColor('--vscode-charts-red', '#f14c4c')];
  const axisColor = themeColor('--vscode-foreground', '#888');
  const gridColor = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.2)');
  const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor } };
  chart = new uPlot(
    {
      width: Math.max(200, container.clientWidth),
      height: 160,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [axis, { ...axis, size: 40 }],
      series: [
        {},
        ...SEVERITIES.map((label, i) => ({
          label,
          stroke: colors[i],
          fill: `${colors[i]}33`,
          width: 1.5,
          paths: uPlot.paths.stepped!({ align: 1 }),
          points: { show: false },
        })),
      ],
    },
    [xs, ...series],
    container,
  );
}

new ResizeObserver(() => chart?.setSize({ width: Math.max(200, byId('chart').clientWidth), height: 160 })).observe(byId('chart'));
// Theme switches change the CSS variables the chart read its colours from.
new MutationObserver(() => lastTimeline && renderChart(lastTimeline)).observe(document.body, { attributes: true, attributeFilter: ['class'] });

function showBanner(message: string | undefined, offerMigration = false): void {
  byId('banner').hidden = !message;
  byId('banner-text').textContent = message ?? '';
  byId('create-migration').hidden = !offerMigration;
}

// ---- messages from the host ----

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message?.type) {
    case 'init':
      initialise(message.connections, message.presets);
      break;
    case 'status':
      byId('status').textContent = message.message;
      byId('status').dataset.state = message.state;
      if (message.state === 'connected' || message.state === 'connecting') showBanner(undefined);
      if (message.connectionId && message.connectionId !== state.connectionId) {
        state = { ...state, connectionId: message.connectionId };
        byId<ValueElement>('connection').value = message.connectionId;
        save();
      }
      break;
    case 'result':
      showBanner(undefined);
      renderTable(message.columns, message.rows);
      renderPager(message.rows.length, message.hasMore);
      byId('status').textContent = `${message.rows.length} row${message.rows.length === 1 ? '' : 's'}`;
      break;
    case 'timeline':
      renderChart(message);
      break;
    case 'health': {
      const badge = byId('health');
      badge.hidden = false;
      badge.textContent = `Health ${message.score}`;
      badge.dataset.band = message.band;
      break;
    }
    case 'live':
      byId<CheckElement>('live').checked = message.mode !== 'off';
      byId('live').title = message.mode === 'notify' ? 'Live: LISTEN/NOTIFY' : message.mode === 'poll' ? 'Live: polling' : 'Live mode off';
      break;
    case 'liveRows':
      appendLiveRows(message.rows);
      break;
    case 'error':
      showBanner(message.message, message.offerMigration);
      byId('status').textContent = '';
      break;
  }
});

function initialise(connections: ConnectionInfo[], presets: PresetInfo[]): void {
  fillSelect('connection', [{ value: '', label: 'Choose a connection…' }, ...connections.map((c) => ({ value: c.id, label: c.name, title: c.description }))], state.connectionId ?? '');
  fillSelect('preset', presets.map((p) => ({ value: p.id, label: p.title, title: p.description })), state.query.preset);
}

// ---- user actions ----

byId('connection').addEventListener('change', () => {
  const id = byId<ValueElement>('connection').value;
  if (id) send({ type: 'connect', connectionId: id });
});
byId('preset').addEventListener('change', () => apply(0));
byId('apply').addEventListener('click', () => apply(0));
byId('prev').addEventListener('click', () => apply(Math.max(0, state.query.page.offset - state.query.page.limit)));
byId('next').addEventListener('click', () => apply(state.query.page.offset + state.query.page.limit));
byId('live').addEventListener('change', () => {
  state = { ...state, live: byId<CheckElement>('live').checked };
  save();
  send({ type: 'live', enabled: state.live });
});
byId('export-csv').addEventListener('click', () => send({ type: 'export', format: 'csv' }));
byId('export-json').addEventListener('click', () => send({ type: 'export', format: 'json' }));
byId('create-migration').addEventListener('click', () => send({ type: 'createMigration' }));
byId('add-connection').addEventListener('click', () => send({ type: 'addConnection' }));
document.querySelector('.filters')!.addEventListener('keydown', (event) => {
  if ((event as KeyboardEvent).key === 'Enter') apply(0);
});

writeFilters(state.query.filters);
byId<CheckElement>('live').checked = state.live;
send({ type: 'ready', state });
