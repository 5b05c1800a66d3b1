import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/pipeline/check.js';
import { locateFindings } from '../src/pipeline/locate-findings.js';
import { type Format, formatters } from '../src/report/index.js';
import { REPO, TEST_TODAY } from './helpers/rules.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const VERSION: string = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;
const EXTENSIONS: Record<Format, string> = {
  text: 'txt',
  json: 'json',
  markdown: 'md',
  sarif: 'sarif',
  html: 'html',
};

const incidents = readdirSync(join(REPO, 'fixtures', 'incidents'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
  .map((d) => d.name)
  .sort();

/**
 * Each incident (reports/check/<incident>/), and the rule cases whose findings have multi-hop and
 * escalation paths (reports/check/rules/<rule>/<case>/).
 */
const fixtures: readonly {
  readonly dir: string;
  readonly golden: string;
  readonly account?: true;
  readonly strict?: true;
}[] = [
  ...incidents.map((name) => ({ dir: `fixtures/incidents/${name}`, golden: name })),
  ...[
    'privilege-escalation/fail',
    'privilege-escalation/fail-update-function-code',
    'undeclared-reach/fail-assumed-role',
  ].map((name) => ({ dir: `fixtures/rules/${name}`, golden: `rules/${name}` })),
  // the plan over its account snapshot (--account auth-details.json)
  {
    dir: 'fixtures/plan-over-account/release-agent',
    golden: 'plan-over-account/release-agent',
    account: true,
  },
  // --strict over policies the tool does not interpret: the gate fails on them alone
  { dir: 'fixtures/strict/uninterpreted-policy', golden: 'strict/uninterpreted-policy', strict: true },
];

async function render(dir: string, format: Format, account?: true, strict?: true): Promise<string> {
  const report = await check({
    plan: `${dir}/plan.json`,
    ...(account ? { account: `${dir}/auth-details.json` } : {}),
    ...(strict ? { strict } : {}),
    config: `${dir}/blast-radius.yaml`,
    today: TEST_TODAY,
    version: VERSION,
  });
  const locations = format === 'sarif' ? await locateFindings(report) : undefined;
  return formatters[format](report, { color: false, ...(locations ? { locations } : {}) }).join('');
}

describe.each(fixtures)('golden reports: $dir', ({ dir, golden, account, strict }) => {
  it.each(Object.keys(EXTENSIONS) as Format[])('%s output matches reports/ byte for byte', async (format) => {
    const file = join(REPO, 'reports', 'check', golden, `report.${EXTENSIONS[format]}`);
    const actual = await render(dir, format, account, strict);
    if (UPDATE) {
      mkdirSync(join(REPO, 'reports', 'check', golden), { recursive: true });
      writeFileSync(file, actual);
    }
    expect(existsSync(file), `${file} is missing: run npm run golden:update`).toBe(true);
    expect(actual, `${file} is stale: run npm run golden:update and review the diff`).toBe(
      readFileSync(file, 'utf8'),
    );
  });

  it.each(['json', 'markdown', 'sarif', 'html'] as const)(
    'renders the same %s bytes twice',
    async (format) => {
      expect(await render(dir, format, account, strict)).toBe(await render(dir, format, account, strict));
    },
  );
});
