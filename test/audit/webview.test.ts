/// <reference lib="dom" />
/**
 * The audit-log webview in headless Chromium, wired to the real host-side controller over a real PGlite
 * database with planted (and hostile) events. Only `acquireVsCodeApi` is stubbed: its postMessage goes to
 * the controller, and the controller's messages are posted back to the page as VS Code would.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AuditController, type ControllerHost } from '../../client/src/audit/controller';
import { renderAuditPage } from '../../client/src/audit/page';
import type { ToHost, ToWebview, ViewState } from '../../client/src/audit/protocol';
import { auditMigrationSql, PgliteDatabase } from '../../server/out/audit';
import { REPO_ROOT } from '../support/project';
import { waitFor } from '../support/wait';
import { APP_TABLES, HOSTILE, PEOPLE, plant } from './fixtures';

const ORIGIN = 'https://webview.test';
const WEBVIEW_OUT = path.join(REPO_ROOT, 'dist', 'webview');
const CHROMIUM = '/usr/bin/chromium';
const INJECTIONS = ["' or 1=1 --", "'; drop table public.security_audit_log; --", '<script>window.__pwned=1</script>', '%'];

interface Harness {
  page: Page;
  pglite: PGlite;
  exports: { content: string; format: string }[];
  migrations: number;
  opened: number;
  violations(): Promise<string[]>;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.html': 'text/html', '.map': 'application/json' };

async function openPanel(browser: Browser, options: { migrate?: boolean; state?: ViewState } = {}): Promise<Harness> {
  const pglite = new PGlite();
  await pglite.exec(APP_TABLES);
  if (options.migrate !== false) {
    await pglite.exec(auditMigrationSql());
    await plant(pglite, new Date());
  }
  const page = await browser.newPage();
  // The first queries wait for PGlite's WebAssembly to compile: slow on a busy machine.
  page.setDefaultTimeout(90_000);
  const harness: Harness = {
    page,
    pglite,
    exports: [],
    migrations: 0,
    opened: 0,
    violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
    close: async () => {
      await controller.dispose();
      await page.close();
      await pglite.close().catch(() => undefined);
    },
  };
  const host: ControllerHost = {
    post: (message: ToWebview) => void page.evaluate((m) => window.postMessage(m, '*'), message).catch(() => undefined),
    connections: {
      list: async () => [{ id: 'planted', name: 'Planted events', description: 'PGlite' }],
      open: async () => {
        harness.opened++;
        return { database: new PgliteDatabase(pglite, 'planted'), options: { pollIntervalMs: 100, maxRows: 10_000 } };
      },
    },
    saveExport: async (content, format) => void harness.exports.push({ content, format }),
    createMigration: async () => void harness.migrations++,
    addConnection: async () => undefined,
  };
  const controller = new AuditController(host);
  await page.exposeFunction('__toHost', (json: string) => controller.handle(JSON.parse(json) as ToHost));
  // tsx compiles this file with esbuild's keepNames, which wraps functions sent to the page in `__name(…)`.
  await page.addInitScript('window.__name = (fn) => fn;');
  await page.addInitScript((state) => {
    const w = window as unknown as Record<string, unknown>;
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (w.__violations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`));
    w.acquireVsCodeApi = () => ({
      postMessage: (message: unknown) => (w.__toHost as (json: string) => void)(JSON.stringify(message)),
      // Like VS Code, state set by the page survives the page being recreated.
      getState: () => JSON.parse(sessionStorage.getItem('vscode-state') ?? 'null') ?? state ?? undefined,
      setState: (next: unknown) => {
        w.__savedState = next;
        sessionStorage.setItem('vscode-state', JSON.stringify(next));
      },
    });
  }, options.state ?? null);
  const html = renderAuditPage({
    cspSource: ORIGIN,
    script: `${ORIGIN}/audit/main.js`,
    style: `${ORIGIN}/audit/style.css`,
    codicons: `${ORIGIN}/codicons/codicon.css`,
  });
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/index.html') return route.fulfill({ body: html, contentType: 'text/html' });
    const file = path.join(WEBVIEW_OUT, path.normalize(url.pathname));
    if (!file.startsWith(WEBVIEW_OUT) || !fs.existsSync(file)) return route.fulfill({ status: 404 });
    return route.fulfill({ body: fs.readFileSync(file), contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
  });
  await page.goto(`${ORIGIN}/index.html`);
  return harness;
}

async function withPanel(browser: Browser, options: Parameters<typeof openPanel>[1], test: (panel: Harness) => Promise<void>): Promise<void> {
  const panel = await openPanel(browser, options);
  try {
    await test(panel);
  } finally {
    await panel.close();
  }
}

const tableRows = (page: Page) =>
  page.$$eval('#results tbody tr', (rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (td) => td.textContent ?? '')));
const headers = (page: Page) => page.$$eval('#results thead th', (cells) => cells.map((c) => c.textContent));

async function setValue(page: Page, id: string, value: string): Promise<void> {
  await page.evaluate(([id, value]) => {
    const field = document.getElementById(id) as HTMLElement & { value: string };
    field.value = value;
    field.dispatchEvent(new Event('change', { bubbles: true }));
  }, [id, value] as const);
}

async function choose(page: Page, connection = 'planted'): Promise<void> {
  await page.waitForSelector('#connection vscode-option[value="planted"]', { state: 'attached' });
  await setValue(page, 'connection', connection);
  await page.waitForFunction(() => document.querySelectorAll('#results tbody tr').length > 0);
}

async function applyAndWait(page: Page): Promise<void> {
  await page.evaluate(() => (document.getElementById('status')!.textContent = 'waiting'));
  await page.click('#apply');
  await page.waitForFunction(() => !['waiting', 'Loading…'].includes(document.getElementById('status')!.textContent ?? '') || !document.getElementById('banner')!.hidden);
}

describe('audit-log webview in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;

  before(async () => {
    assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does)`);
    assert.ok(fs.existsSync(path.join(WEBVIEW_OUT, 'audit', 'main.js')), 'webview bundle missing: run `npm run build`');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  after(async () => browser?.close());

  it('renders rows, the chart and the health score; hostile values stay inert text', async () => {
    await withPanel(browser, {}, async (panel) => {
      await choose(panel.page);
      assert.deepEqual(await headers(panel.page), ['id', 'occurred at', 'user id', 'workspace id', 'operation', 'severity', 'details']);
      const rows = await tableRows(panel.page);
      assert.equal(rows.length, 100);
      await panel.page.waitForSelector('#chart canvas');
      await panel.page.waitForFunction(() => document.getElementById('health')!.textContent!.startsWith('Health '));
      assert.equal(await panel.page.getAttribute('#health', 'data-band'), 'red');

      await setValue(panel.page, 'operation', 'onerror');
      await applyAndWait(panel.page);
      const hostile = await tableRows(panel.page);
      assert.equal(hostile.length, 1);
      assert.equal(hostile[0][4], HOSTILE.operation);
      assert.ok(hostile[0][6].includes(HOSTILE.script));
      assert.equal(await panel.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
      assert.equal(await panel.page.locator('#results img, #results script').count(), 0);
      assert.deepEqual(await panel.violations(), [], 'no Content-Security-Policy violations');
    });
  });

  it('filters by user, severity and preset, and pages', async () => {
    await withPanel(browser, {}, async (panel) => {
      await choose(panel.page);
      await setValue(panel.page, 'user', PEOPLE.exporter);
      await applyAndWait(panel.page);
      const mine = await tableRows(panel.page);
      assert.equal(mine.length, 6);
      assert.ok(mine.every((r) => r[2] === PEOPLE.exporter));

      await setValue(panel.page, 'user', '');
      await panel.page.click('#severity-critical');
      await applyAndWait(panel.page);
      const critical = await tableRows(panel.page);
      assert.equal(critical.length, 5);
      assert.ok(critical.every((r) => r[5] === 'critical'));

      await panel.page.click('#severity-critical');
      await setValue(panel.page, 'preset', 'credential-harvesting');
      await panel.page.waitForFunction(() => document.querySelector('#results thead th')?.textContent === 'user id');
      assert.deepEqual((await tableRows(panel.page)).map((r) => r[0]), [PEOPLE.harvester]);

      await setValue(panel.page, 'preset', 'recent');
      await panel.page.waitForFunction(() => document.querySelectorAll('#results tbody tr').length === 100);
      const firstPage = (await tableRows(panel.page)).map((r) => r[0]);
      await panel.page.click('#next');
      await panel.page.waitForFunction(() => document.getElementById('page-info')!.textContent!.startsWith('Rows 101'));
      const secondPage = (await tableRows(panel.page)).map((r) => r[0]);
      assert.equal(new Set([...firstPage, ...secondPage]).size, 200);
      const saved = await panel.page.evaluate(() => (window as unknown as { __savedState: ViewState }).__savedState);
      assert.equal(saved.query.page.offset, 100);
    });
  });

  it('SQL injection strings in every filter change nothing', async () => {
    await withPanel(browser, {}, async (panel) => {
      await choose(panel.page);
      const count = async () => Number((await panel.pglite.query<{ n: number }>('select count(*)::int as n from public.security_audit_log')).rows[0].n);
      const before = await count();
      for (const id of ['user', 'workspace', 'operation', 'since', 'until']) {
        for (const value of INJECTIONS) {
          await setValue(panel.page, id, value);
          await applyAndWait(panel.page);
          const rows = await tableRows(panel.page);
          const banner = await panel.page.isVisible('#banner');
          assert.ok(banner || rows.length === 0 || rows.every((r) => r[4].toLowerCase().includes(value.toLowerCase())), `${id}=${value}`);
          await setValue(panel.page, id, '');
        }
      }
      assert.equal(await count(), before);
      assert.equal(await panel.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    });
  });

  it('live mode appends new rows and highlights them', async () => {
    await withPanel(browser, {}, async (panel) => {
      await choose(panel.page);
      await panel.page.click('#live');
      await panel.page.waitForFunction(() => document.getElementById('live')!.title.includes('NOTIFY'));
      await panel.pglite.query(`insert into public.security_audit_log (user_id, operation, severity, details) values ($1, 'secret_access', 'warning', $2)`, [
        PEOPLE.prober,
        JSON.stringify({ payload: '<img src=x onerror="window.__pwned=1">' }),
      ]);
      await panel.page.waitForSelector('#results tbody tr.fresh');
      const fresh = await panel.page.$$eval('#results tbody tr.fresh td', (cells) => cells.map((c) => c.textContent));
      assert.equal(fresh[4], 'secret_access');
      assert.equal(fresh[2], PEOPLE.prober);
      assert.equal((await tableRows(panel.page)).length, 100, 'the page keeps its size');
      assert.equal(await panel.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    });
  });

  it('exports CSV and JSON through the host', async () => {
    await withPanel(browser, {}, async (panel) => {
      await choose(panel.page);
      await panel.page.click('#export-csv');
      await panel.page.click('#export-json');
      await waitFor(() => panel.exports.length === 2, 'both exports');
      const csv = panel.exports.find((e) => e.format === 'csv')!.content.split('\r\n');
      assert.equal(csv[0], 'source,id,occurred_at,user_id,workspace_id,operation,severity,details');
      assert.ok(csv.length > 400);
      const json = JSON.parse(panel.exports.find((e) => e.format === 'json')!.content);
      assert.equal(json.length, csv.length - 2);
    });
  });

  it('restores its state after a reload and offers the migration when the table is missing', async () => {
    const state: ViewState = {
      connectionId: 'planted',
      query: { preset: 'recent', filters: { since: '24h', user: PEOPLE.exporter }, page: { limit: 100, offset: 0 } },
      live: false,
    };
    await withPanel(browser, { state }, async (restored) => {
      await restored.page.waitForFunction(() => document.querySelectorAll('#results tbody tr').length === 6);
      assert.equal(await restored.page.evaluate(() => (document.getElementById('user') as HTMLElement & { value: string }).value), PEOPLE.exporter);
    });
    await withPanel(browser, {}, async (reshown) => {
      await choose(reshown.page);
      await setValue(reshown.page, 'user', PEOPLE.exporter);
      await applyAndWait(reshown.page);
      // Hidden and shown again, the page is recreated: it restores its filters, the host keeps its connection.
      await reshown.page.reload();
      await reshown.page.waitForFunction(() => document.querySelectorAll('#results tbody tr').length === 6);
      assert.equal(reshown.opened, 1);
    });
    await withPanel(browser, { migrate: false, state }, async (empty) => {
      await empty.page.waitForSelector('#create-migration:not([hidden])');
      assert.match((await empty.page.textContent('#banner-text')) ?? '', /security_audit_log does not exist/);
      await empty.page.click('#create-migration');
      await waitFor(() => empty.migrations === 1, 'the migration command');
    });
  });
});
