import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/ingest/config/index.js';
import { SEVERITIES } from '../../src/model/severity.js';
import { RULES } from '../../src/rules/registry.js';
import { REPO } from '../helpers/rules.js';

// The meta-test (ESLint's checkRuleFiles): every registered rule has its source, test, doc and
// fixtures, and nothing under fixtures/rules or docs/rules belongs to a rule that is not registered.

const ids = RULES.map((rule) => rule.id);

function at(...parts: string[]): string {
  return join(REPO, ...parts);
}

/** Sub-directories, sorted; hidden ones (`.regenerate/`, tooling) are not fixtures. */
function subdirectories(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

/** `[id, severity, description]` for each row of the index table in docs/rules/README.md. */
function indexRows(): string[][] {
  const text = readFileSync(at('docs', 'rules', 'README.md'), 'utf8');
  return [...text.matchAll(/^\| \[([a-z-]+)\]\(\1\.md\) \| ([a-z]+) \| (.+) \|$/gm)].map((m) => [
    m[1] ?? '',
    m[2] ?? '',
    m[3] ?? '',
  ]);
}

describe('the rule registry', () => {
  it('is sorted by id, and the ids are unique', () => {
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds only ids that blast-radius.yaml accepts (RULE_IDS)', () => {
    const known: readonly string[] = RULE_IDS;
    expect(ids.filter((id) => !known.includes(id))).toEqual([]);
  });

  it('has no fixtures or docs for a rule that is not registered', () => {
    expect(subdirectories(at('fixtures', 'rules')).filter((dir) => !ids.includes(dir))).toEqual([]);
    const docs = readdirSync(at('docs', 'rules')).filter((file) => file !== 'README.md');
    expect(docs.filter((file) => !ids.includes(file.replace(/\.md$/, '')))).toEqual([]);
  });

  it('is listed in docs/rules/README.md: every rule, in order, with its severity and description', () => {
    expect(indexRows()).toEqual(RULES.map((rule) => [rule.id, rule.defaultSeverity, rule.description]));
  });
});

describe.each(RULES.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  it('has a title, a description, help and a default severity', () => {
    expect(rule.title.trim()).not.toBe('');
    expect(rule.description.trim()).not.toBe('');
    expect(rule.help.trim()).not.toBe('');
    expect(SEVERITIES).toContain(rule.defaultSeverity);
  });

  it('is the default export of src/rules/<id>.ts', async () => {
    const file = at('src', 'rules', `${id}.ts`);
    expect(existsSync(file), file).toBe(true);
    const module: unknown = await import(pathToFileURL(file).href);
    expect(module).toHaveProperty('default', rule);
  });

  it('has its test, its doc and a pass and a fail fixture', () => {
    const files = [
      `test/rules/${id}.test.ts`,
      `docs/rules/${id}.md`,
      `fixtures/rules/${id}/pass/plan.json`,
      `fixtures/rules/${id}/pass/blast-radius.yaml`,
      `fixtures/rules/${id}/fail/plan.json`,
      `fixtures/rules/${id}/fail/blast-radius.yaml`,
    ];
    expect(files.filter((file) => !existsSync(at(file)))).toEqual([]);
  });

  it('documents its default severity', () => {
    const doc = readFileSync(at('docs', 'rules', `${id}.md`), 'utf8');
    expect(doc.startsWith(`# ${id}\n`)).toBe(true);
    expect(doc).toContain(`**Default severity:** ${rule.defaultSeverity}`);
  });

  it('has only complete fixture cases named pass[-what] or fail[-what], each run by its test', () => {
    const test = readFileSync(at('test', 'rules', `${id}.test.ts`), 'utf8');
    for (const name of subdirectories(at('fixtures', 'rules', id))) {
      const dir = `fixtures/rules/${id}/${name}`;
      expect(name, dir).toMatch(/^(pass|fail)(-[a-z0-9]+)*$/);
      for (const file of ['plan.json', 'blast-radius.yaml', 'README.md']) {
        expect(existsSync(at(dir, file)), `${dir}/${file}`).toBe(true);
      }
      // What `terraform show -json` prints from Terraform 1.9 on.
      expect(JSON.parse(readFileSync(at(dir, 'plan.json'), 'utf8')), dir).toHaveProperty(
        'format_version',
        '1.2',
      );
      expect(test, `test/rules/${id}.test.ts does not run ${dir}`).toContain(`'${dir}'`);
    }
  });
});
