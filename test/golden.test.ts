import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/pipeline/check.js';
import { type Format, formatters } from '../src/report/index.js';
import { REPO, TEST_TODAY } from './helpers/rules.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const VERSION: string = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;
const EXTENSIONS: Record<Format, string> = { text: 'txt', json: 'json' };

const fixtures = readdirSync(join(REPO, 'fixtures', 'incidents'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
  .map((d) => d.name)
  .sort();

async function render(fixture: string, format: Format): Promise<string> {
  const report = await check({
    plan: `fixtures/incidents/${fixture}/plan.json`,
    config: `fixtures/incidents/${fixture}/blast-radius.yaml`,
    today: TEST_TODAY,
    version: VERSION,
  });
  return formatters[format](report, { color: false });
}

describe.each(fixtures)('golden reports: %s', (fixture) => {
  it.each(Object.keys(EXTENSIONS) as Format[])('%s output matches reports/ byte for byte', async (format) => {
    const file = join(REPO, 'reports', 'check', fixture, `report.${EXTENSIONS[format]}`);
    const actual = await render(fixture, format);
    if (UPDATE || !existsSync(file)) {
      mkdirSync(join(REPO, 'reports', 'check', fixture), { recursive: true });
      writeFileSync(file, actual);
    }
    expect(actual, `${file} is stale: run npm run golden:update and review the diff`).toBe(
      readFileSync(file, 'utf8'),
    );
  });

  it('renders the same bytes twice', async () => {
    expect(await render(fixture, 'json')).toBe(await render(fixture, 'json'));
  });
});
