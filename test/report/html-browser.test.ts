import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Debian's Chromium (.ci/run installs it); a system without it skips with the reason printed. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.log(`skipping the HTML report in a browser: no Chromium at ${CHROMIUM}`);

/** The reach bar's colour in the chart (COLOUR.high in src/report/html.ts). */
const REACH_BAR: readonly [number, number, number] = [0xe8, 0x71, 0x0a];

async function goldenAuditReport(): Promise<string> {
  const root = join('reports', 'audit');
  const [account] = await readdir(root);
  const [day] = await readdir(join(root, account as string));
  return join(process.cwd(), root, account as string, day as string, 'report.html');
}

function pixelsOf(png: PNG, colour: readonly [number, number, number]): number {
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i] === colour[0] && png.data[i + 1] === colour[1] && png.data[i + 2] === colour[2])
      count += 1;
  }
  return count;
}

describe.skipIf(!available)('the audit HTML report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the summary and the reach chart (a screenshot that is not blank)', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const failedRequests: string[] = [];
    page.on('requestfailed', (request) => failedRequests.push(request.url()));
    await page.goto(pathToFileURL(await goldenAuditReport()).href);
    await expect.poll(() => page.locator('h2', { hasText: 'Summary' }).count()).toBe(1);
    expect(await page.locator('.card').first().innerText()).toMatch(/^\d+\s+critical$/);
    const bars = await page
      .locator('svg rect')
      .evaluateAll((rects) =>
        rects.map((r) =>
          Number((r as unknown as { getAttribute(name: string): string | null }).getAttribute('width')),
        ),
      );
    expect(bars.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...bars)).toBeGreaterThan(100);

    const png = PNG.sync.read(await page.screenshot({ fullPage: false }));
    expect(pixelsOf(png, REACH_BAR)).toBeGreaterThan(2000);
    const [r, g, b] = [png.data[0], png.data[1], png.data[2]];
    const background = pixelsOf(png, [r ?? 0, g ?? 0, b ?? 0]);
    expect(background / (png.width * png.height)).toBeLessThan(0.9);
    expect(failedRequests).toEqual([]);
    await page.close();
  });

  it('opens a finding to show its path, with no script in the page', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(await goldenAuditReport()).href);
    expect(await page.locator('script').count()).toBe(0);
    const escalation = page.locator('details', { hasText: 'privilege-escalation' }).first();
    await escalation.locator('summary').click();
    await expect.poll(() => escalation.locator('ol.path li').count()).toBeGreaterThan(1);
    expect(await escalation.locator('ol.path').innerText()).toContain('can-pass-role');
    await page.close();
  });
});
