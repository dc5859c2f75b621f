/**
 * `map --format html` in a real browser: Debian's chromium, driven by playwright-core (no
 * browser download). The page is served from an intercepted URL; every other request is
 * recorded and aborted, so a page that tried to fetch anything fails here. Runs whenever
 * `chromium` is on PATH; CI (.ci/run) installs it, and with CI set a missing browser fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli.js';
import { renderHtml } from '../../src/commands/map-html.js';
import type { OwnershipMap } from '../../src/commands/ownership.js';
import { expectedGraph } from '../commands/html-checks.js';

const sample = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'sample-monorepo');

function which(command: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const executable = which('chromium');
if (!executable && process.env.CI) throw new Error('CI: chromium is not on PATH; .ci/run installs it (apt-get install chromium).');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const PAGE_URL = 'http://nilecare-lint.invalid/map.html';

async function cli(args: string[]): Promise<string> {
  let out = '';
  let err = '';
  const io: CliIo = {
    isTTY: false,
    env: {},
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
  };
  expect(await runCli(args, io), err).toBe(0);
  return out;
}

interface Visit {
  page: Page;
  /** Requests other than the page itself: must stay empty. */
  requests: string[];
  errors: string[];
  dialogs: string[];
}

describe.skipIf(!executable)('map --format html in headless chromium', () => {
  let context: BrowserContext;
  let profile: string;
  const shots = mkdtempSync(path.join(tmpdir(), 'nilecare-map-html-shots-'));

  beforeAll(async () => {
    // A fresh profile each run (launchPersistentContext is how Playwright takes --user-data-dir).
    profile = mkdtempSync(path.join(tmpdir(), 'nilecare-chromium-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: executable,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
      offline: true,
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    // Screenshots stay for a person to look at; the path is printed by the test that takes one.
  });

  async function visit(html: string): Promise<Visit> {
    const visit: Visit = { page: await context.newPage(), requests: [], errors: [], dialogs: [] };
    await visit.page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === PAGE_URL) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      if (!visit.requests.includes(url)) visit.requests.push(url);
      return route.abort('blockedbyclient');
    });
    visit.page.on('request', (request) => {
      if (request.url() !== PAGE_URL && !visit.requests.includes(request.url())) visit.requests.push(request.url());
    });
    visit.page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') visit.errors.push(`${message.type()}: ${message.text()}`);
    });
    visit.page.on('pageerror', (error) => visit.errors.push(`pageerror: ${error.message}`));
    visit.page.on('dialog', async (dialog) => {
      visit.dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    // Offline: only the intercepted page can load, so a network escape cannot succeed even if the route missed it.
    const response = await visit.page.goto(PAGE_URL, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    return visit;
  }

  it('draws the sample map with no request, no console error, and every node and edge of the model', async () => {
    const html = await cli(['map', '--cwd', sample, '--format', 'html']);
    const map = JSON.parse(await cli(['map', '--cwd', sample, '--format', 'json'])) as OwnershipMap;
    const expected = expectedGraph(map);
    expect(expected.edges).toBeGreaterThan(0);

    const { page, requests, errors, dialogs } = await visit(html);
    const svg = page.locator('svg#access-graph');
    await expect.poll(() => svg.isVisible()).toBe(true);
    expect(await svg.locator('g.node.service').count()).toBe(expected.services);
    expect(await svg.locator('g.node.table').count()).toBe(expected.tables);
    expect(await svg.locator('g.edge').count()).toBe(expected.edges);

    // Drawn, not only present: every node box and edge curve has a rendered size inside the SVG.
    const drawn = await page.evaluate(() => {
      const root = document.querySelector('svg#access-graph') as SVGSVGElement;
      const view = root.viewBox.baseVal;
      const shapes = [...root.querySelectorAll('g.node rect, g.edge path')] as SVGGraphicsElement[];
      return shapes.map((shape) => {
        const box = shape.getBBox();
        const style = getComputedStyle(shape);
        return {
          tag: shape.tagName,
          inside: box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width + 0.5 && box.y + box.height <= view.height + 0.5,
          size: box.width > 0 && box.height >= 0 && (shape.tagName === 'path' ? box.width > 10 : box.height > 10),
          painted:
            style.visibility !== 'hidden' && style.display !== 'none' && (shape.tagName === 'path' ? style.stroke : style.fill) !== 'none',
        };
      });
    });
    expect(drawn).toHaveLength(expected.services + expected.tables + expected.edges);
    expect(drawn.filter((d) => !d.inside || !d.size || !d.painted)).toEqual([]);

    // The tables below the graph are rendered too, with the same edges.
    expect(await page.locator('#edges tbody tr').count()).toBe(map.edges.length);
    expect(await page.locator('#findings table').first().locator('tbody tr').count()).toBeGreaterThan(0);

    const screenshot = path.join(shots, 'map-sample.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`map --format html screenshot: ${screenshot}`);

    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('runs nothing and fetches nothing from hostile names', async () => {
    const names = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(2)>',
      "'><svg onload=alert(3)>",
      '</style><iframe src=//x.invalid>',
    ];
    const map: OwnershipMap = {
      version: 1,
      // Service i owns table names[i + 1]; edge i reads table names[i + 2], so its owner is service i + 1.
      services: names.map((name, i) => ({
        name,
        roots: [],
        databases: [],
        patterns: [],
        tables: [{ name: names[(i + 1) % names.length], via: 'migration' }],
      })),
      databases: [],
      edges: names.map((from, i) => {
        const owner = names[(i + 1) % names.length];
        return {
          from,
          table: names[(i + 2) % names.length],
          owner,
          count: 1,
          suppressed: 0,
          rules: { 'no-cross-service-query': 1 },
          kinds: { query: 1 },
          locations: [{ ruleId: 'no-cross-service-query', kind: 'query', file: `<img src=/f onerror=alert(4)>.ts`, line: 1, column: 1 }],
        };
      }),
      conflicts: [],
      unowned: [],
    };
    const html = renderHtml(map, { total: 0, errors: 0, warnings: 0, suppressed: 0, rules: [], services: [] }, { title: names[0] });
    const { page, requests, errors, dialogs } = await visit(html);
    expect(await page.locator('script, img, iframe').count()).toBe(0);
    expect(await page.locator('svg#access-graph g.edge').count()).toBe(expectedGraph(map).edges);
    expect(await page.locator('svg#access-graph g.node.service title').allTextContents()).toEqual(
      names.map((n) => `service ${n}: 0 findings`),
    );
    expect(await page.title()).toBe(`${names[0]} — nilecare-lint map`);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
