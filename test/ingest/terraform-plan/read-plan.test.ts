import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError, InputError } from '../../../src/errors.js';
import { syntaxErrorOffset } from '../../../src/ingest/terraform-plan/json-position.js';
import { lineAndColumn, readPlan } from '../../../src/ingest/terraform-plan/read-plan.js';

const dir = mkdtempSync(path.join(tmpdir(), 'blast-radius-plan-'));
const fixture = path.resolve(import.meta.dirname, '../../fixtures-plan/role-with-new-policy.json');

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function failure(file: string): Promise<InputError> {
  const error: unknown = await readPlan(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof InputError)) throw new Error(`expected an InputError, got ${String(error)}`);
  return error;
}

const validPlan = { format_version: '1.2', planned_values: {}, resource_changes: [] };

describe('readPlan', () => {
  it('reads a plan file, resolving the policy created in the same plan and the AWS managed policy', async () => {
    const model = await readPlan(fixture);
    const agent = model.after.principals[0];
    expect(agent).toMatchObject({
      arn: 'arn:aws:iam::111122223333:role/deploy-agent',
      managedPolicyArns: [
        'arn:aws:iam::111122223333:policy/deploy',
        'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
      ],
    });
    expect(model.after.managedPolicies.map((p) => [p.id, p.kind])).toEqual([
      ['arn:aws:iam::111122223333:policy/deploy', 'customer-managed'],
      ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', 'aws-managed'],
    ]);
    expect(model.diagnostics).toEqual([]);
  });

  it('gives the same bytes for the same input', async () => {
    expect(JSON.stringify(await readPlan(fixture))).toBe(JSON.stringify(await readPlan(fixture)));
  });

  it.each([
    { name: 'a missing file', file: () => path.join(dir, 'missing.json'), code: 'input.unreadable' },
    {
      name: 'a directory',
      file: () => {
        const d = path.join(dir, 'a-dir');
        mkdirSync(d, { recursive: true });
        return d;
      },
      code: 'input.unreadable',
    },
    {
      name: 'truncated JSON',
      file: () => write('truncated.json', '{\n  "format_version": "1.2",\n  "resource_changes": [\n'),
      code: 'plan.invalid-json',
      line: 4,
    },
    {
      name: 'a syntax error',
      file: () => write('syntax.json', '{\n  "format_version": "1.2",\n  "resource_changes": [,]\n}'),
      code: 'plan.invalid-json',
      line: 3,
    },
    {
      name: 'a policy instead of a plan',
      file: () => write('policy.json', '{"Version":"2012-10-17","Statement":[]}'),
      code: 'plan.not-a-plan',
    },
    {
      name: 'a state file',
      file: () => write('state.json', '{"format_version":"1.0","values":{}}'),
      code: 'plan.not-a-plan',
    },
    { name: 'a JSON array', file: () => write('array.json', '[]'), code: 'plan.not-a-plan' },
    {
      name: 'format_version 2.0 whose fields do not read as a plan',
      file: () =>
        write('v2.json', JSON.stringify({ format_version: '2.0', resource_changes: { changes: [] } })),
      code: 'plan.format-version',
    },
    {
      name: 'a format_version that is not major.minor',
      file: () => write('vtext.json', JSON.stringify({ ...validPlan, format_version: 'latest' })),
      code: 'plan.format-version',
    },
    {
      name: 'a numeric format_version',
      file: () => write('vnum.json', JSON.stringify({ ...validPlan, format_version: 1 })),
      code: 'plan.format-version',
    },
    {
      name: 'a wrong type at a path',
      file: () =>
        write(
          'wrong-type.json',
          JSON.stringify({
            ...validPlan,
            resource_changes: [0, 1, 2, 3].map((i) => ({
              address: `null_resource.r${i}`,
              mode: 'managed',
              type: 'null_resource',
              name: `r${i}`,
              change: { actions: i === 3 ? 'create' : ['create'], before: null, after: {} },
            })),
          }),
        ),
      code: 'plan.invalid',
      path: 'resource_changes[3].change.actions',
    },
  ])('rejects $name with $code, naming the file', async ({ file, code, line, path: jsonPath }) => {
    const target = file();
    const error = await failure(target);
    expect(error.code).toBe(code);
    expect(error.exitCode).toBe(2);
    expect(error.location?.file).toBe(target);
    if (line !== undefined) expect(error.location?.line).toBe(line);
    if (jsonPath !== undefined) expect(error.message).toContain(jsonPath);
  });

  it('words its errors as one line plus a hint', async () => {
    const show = async (name: string, text: string) =>
      formatError(await failure(write(name, text))).replace(dir, '<dir>');
    expect(
      await show('truncated.json', '{\n  "format_version": "1.2",\n  "resource_changes": [\n'),
    ).toMatchInlineSnapshot(`
      "blast-radius: <dir>/truncated.json:4:1 — not valid JSON: unexpected end of input
      hint: produce it with \`terraform show -json plan.out > plan.json\`"
    `);
    expect(
      await show('v3.json', JSON.stringify({ format_version: '3.1', resource_changes: { changes: [] } })),
    ).toMatchInlineSnapshot(`
      "blast-radius: <dir>/v3.json: format_version — "3.1" is a format this tool does not know (it reads 0.x and 1.x), and its fields do not read as a plan's: resource_changes — Invalid input: expected array, received object
      hint: upgrade blast-radius, or produce the plan with Terraform 1.x"
    `);
    expect(
      await show(
        'bad.json',
        JSON.stringify({
          ...validPlan,
          resource_changes: [
            { address: 'a.b', mode: 'managed', type: 'a', name: 'b', change: { actions: 'create' } },
          ],
        }),
      ),
    ).toMatchInlineSnapshot(
      `"blast-radius: <dir>/bad.json — resource_changes[0].change.actions — Invalid input: expected array, received string"`,
    );
    expect(await show('syntax.json', '{\n  "resource_changes": [,]\n}')).toMatchInlineSnapshot(`
      "blast-radius: <dir>/syntax.json:2:24 — not valid JSON: unexpected token ','
      hint: produce it with \`terraform show -json plan.out > plan.json\`"
    `);
    expect(await show('policy.json', '{"Statement":[]}')).toMatchInlineSnapshot(`
      "blast-radius: <dir>/policy.json — not a Terraform JSON plan (expected an object with format_version and resource_changes or planned_values)
      hint: produce it with \`terraform show -json plan.out > plan.json\`"
    `);
  });
});

describe('readPlan: the format version', () => {
  it.each([
    { version: '0.1', diagnostics: [] },
    { version: '1.2', diagnostics: [] },
    // a newer minor is compatible by Terraform's promise
    { version: '1.9', diagnostics: [] },
    // a newer major whose fields still read as a plan's: read, and listed as not fully interpreted
    { version: '2.0', diagnostics: [['plan.unknown-format', 'incomplete', 'format_version']] },
  ])('format_version $version', async ({ version, diagnostics }) => {
    const model = await readPlan(
      write(`v${version}.json`, JSON.stringify({ ...validPlan, format_version: version })),
    );
    const format = model.diagnostics.filter((d) => d.location.path === 'format_version');
    expect(format.map((d) => [d.code, d.kind, d.location.path])).toEqual(diagnostics);
  });
});

describe('syntaxErrorOffset', () => {
  it.each([
    { text: '{"a": [,]}', offset: 7 },
    { text: '{"a": tru}', offset: 6 },
    { text: '{"a": 1} x', offset: 9 },
    { text: '[1, 2', offset: 5 },
    { text: '{"a" 1}', offset: 5 },
    { text: '"\u0001"', offset: 1 },
  ])('$offset in $text', ({ text, offset }) => {
    expect(syntaxErrorOffset(text)).toBe(offset);
  });
});

describe('lineAndColumn', () => {
  it.each([
    { text: 'abc', offset: 0, expected: { line: 1, column: 1 } },
    { text: 'ab\ncd', offset: 4, expected: { line: 2, column: 2 } },
    { text: 'ab\n', offset: 3, expected: { line: 2, column: 1 } },
  ])('$offset in $text', ({ text, offset, expected }) => {
    expect(lineAndColumn(text, offset)).toEqual(expected);
  });
});
