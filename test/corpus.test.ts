import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { REPO } from './helpers/rules.js';

const CORPUS = join(REPO, '..', 'shared', 'corpus');

function plansUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return plansUnder(path);
    if (!name.endsWith('.json')) return [];
    const text = readFileSync(path, 'utf8');
    return text.includes('"format_version"') && /"(resource_changes|planned_values)"/.test(text)
      ? [path]
      : [];
  });
}

const available = existsSync(CORPUS);
if (!available) console.warn(`skipping the corpus run: ${CORPUS} is absent`);
const plans = available ? plansUnder(CORPUS).sort() : [];

describe.skipIf(!available)('check over every plan in ../shared/corpus', () => {
  it('finds the corpus plans', () => {
    expect(plans.length).toBeGreaterThanOrEqual(50);
  });

  it.each(plans.map((p) => [relative(CORPUS, p), p]))(
    '%s: a report, or exit 2 with a message naming the file',
    async (_name, plan) => {
      const result = await runCli(['check', '--plan', plan, '--format', 'json', '--fail-on', 'none']);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      if (result.code === 2) {
        expect(result.stderr).toContain(plan);
        return;
      }
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).schemaVersion).toBe(1);
    },
  );
});
