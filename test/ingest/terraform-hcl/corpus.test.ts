import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type HclStats, readHcl } from '../../../src/ingest/terraform-hcl/read-hcl.js';
import { REPO } from '../../helpers/rules.js';

/*
 * Every .tf tree of the two Terraform corpora in ../shared/corpus read without a plan. A tree is a
 * directory of .tf files that no other directory calls as a local module (those are read through
 * their callers). The closing note gives, per tree, the resources read, the policies resolved and
 * the expressions left unresolved.
 */

const CORPUS = join(REPO, '..', 'shared', 'corpus');
const REPOS = ['BishopFox__iam-vulnerable', 'RhinoSecurityLabs__cloudgoat'];

function tfDirs(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  const here = entries.some((e) => e.isFile() && e.name.endsWith('.tf')) ? [dir] : [];
  return [
    ...here,
    ...entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .flatMap((e) => tfDirs(join(dir, e.name))),
  ];
}

function calledModules(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.tf'))
    .flatMap((name) =>
      [...readFileSync(join(dir, name), 'utf8').matchAll(/^\s*source\s*=\s*"(\.\.?\/[^"]+)"/gm)].map((m) =>
        resolve(dir, m[1] ?? ''),
      ),
    );
}

function treesOf(root: string): string[] {
  const dirs = tfDirs(root);
  const called = new Set(dirs.flatMap(calledModules));
  return dirs.filter((dir) => !called.has(resolve(dir))).sort();
}

const available = REPOS.every((name) => existsSync(join(CORPUS, name)));
if (!available) console.warn(`skipping the HCL corpus run: ${REPOS.join(', ')} not found under ${CORPUS}`);
const trees = available ? REPOS.flatMap((name) => treesOf(join(CORPUS, name))) : [];
const rows = new Map<string, HclStats>();

describe.skipIf(!available)('HCL mode over every .tf tree of iam-vulnerable and CloudGoat', () => {
  afterAll(() => {
    const header = ['tree', 'files', 'resources', 'policies', 'unresolved', 'approximated'];
    const lines = [...rows.entries()].map(([tree, s]) =>
      [tree, s.files, s.resources, s.policies, s.unresolved, s.approximated].join(' | '),
    );
    const total = [...rows.values()].reduce(
      (sum, s) => ({
        files: sum.files + s.files,
        resources: sum.resources + s.resources,
        policies: sum.policies + s.policies,
        unresolved: sum.unresolved + s.unresolved,
        approximated: sum.approximated + s.approximated,
      }),
      { files: 0, resources: 0, policies: 0, unresolved: 0, approximated: 0 },
    );
    console.log(
      [
        header.join(' | '),
        ...lines,
        ['total', total.files, total.resources, total.policies, total.unresolved, total.approximated].join(
          ' | ',
        ),
      ].join('\n'),
    );
  });

  it('finds the trees', () => {
    expect(trees.length).toBeGreaterThanOrEqual(30);
  });

  it.each(trees.map((dir) => [relative(CORPUS, dir), dir]))(
    '%s',
    async (name, dir) => {
      const { stats, model } = await readHcl(dir);
      rows.set(name, stats);
      expect(stats.resources).toBeGreaterThan(0);
      // every diagnostic points at a .tf file of the tree, with a line
      for (const diagnostic of model.diagnostics.filter(
        (d) => d.code === 'hcl.unresolved' || d.code === 'hcl.approximated',
      )) {
        expect(diagnostic.location.file.endsWith('.tf')).toBe(true);
        expect(diagnostic.location.line).toBeGreaterThan(0);
      }
    },
    120_000,
  );
});
