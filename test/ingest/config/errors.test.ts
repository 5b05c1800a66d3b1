import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatError } from '../../../src/errors.js';
import { parseConfig, readConfig } from '../../../src/ingest/config/index.js';

/**
 * The exact text a user sees for the main blast-radius.yaml problems, as `formatError` prints it.
 * Changing a message is a deliberate act: update the snapshot and review the diff.
 */
function shown(text: string): string {
  try {
    parseConfig(text, 'blast-radius.yaml');
  } catch (error) {
    return formatError(error);
  }
  throw new Error('expected parseConfig to throw');
}

const AGENT = `agents:
  - name: deploy-agent
    identities: [arn:aws:iam::111111111111:role/deploy-agent]
`;

describe('config error text', () => {
  it('unknown top-level key', () => {
    expect(shown('version: 1\ncolour: red\n')).toMatchInlineSnapshot(
      `"blast-radius: blast-radius.yaml:2 — colour: unknown key (expected version, environments, data, agents, organization, approval-conditions or rules)"`,
    );
  });

  it('unknown nested key, with a suggestion', () => {
    expect(
      shown(`version: 1\nenvironments:\n  production:\n    colour: blue\n    tag: {}\n`),
    ).toMatchInlineSnapshot(`
      "blast-radius: blast-radius.yaml:4 — environments.production.colour: unknown key (expected tags, names, accounts or arns)
      blast-radius.yaml:5 — environments.production.tag: unknown key (did you mean tags?)"
    `);
  });

  it('wrong type', () => {
    expect(
      shown(`version: 1\n${AGENT}    may:\n      - actions: [s3:GetObject]\n      - actions: 5\n`),
    ).toMatchInlineSnapshot(
      `"blast-radius: blast-radius.yaml:7 — agents[0].may[1].actions: expected array of strings, received number"`,
    );
  });

  it('bad capability', () => {
    expect(shown(`version: 1\n${AGENT}    forbid: [data-exfiltration]\n`)).toMatchInlineSnapshot(
      `"blast-radius: blast-radius.yaml:5 — agents[0].forbid[0]: expected a capability (audit-tamper, credential-access, data-delete, data-export, delete, iam-write, network-exposure, permissions-management, production or publish), received "data-exfiltration""`,
    );
  });

  it('undefined environment name', () => {
    expect(
      shown(
        `version: 1\nenvironments:\n  production: {}\n  staging: {}\n${AGENT}    environments: [stagin]\n`,
      ),
    ).toMatchInlineSnapshot(
      `"blast-radius: blast-radius.yaml:8 — agents[0].environments[0]: undefined environment "stagin" (defined under environments: production, staging); did you mean staging?"`,
    );
  });

  it('duplicate agent name', () => {
    expect(shown(`version: 1\n${AGENT}${AGENT.replace('agents:\n', '')}`)).toMatchInlineSnapshot(
      `"blast-radius: blast-radius.yaml:5 — agents[1].name: duplicate agent name "deploy-agent" (also the name of agents[0])"`,
    );
  });

  it('bad duration', () => {
    expect(shown(`version: 1\n${AGENT}    max-session-duration: 24h\n`)).toMatchInlineSnapshot(
      `"blast-radius: blast-radius.yaml:5 — agents[0].max-session-duration: expected a duration from 15m to 12h (900 to 43200 seconds, the IAM limits), received "24h" (86400 seconds)"`,
    );
  });

  it('bad account id', () => {
    expect(
      shown('version: 1\nenvironments:\n  production:\n    accounts: [111111111111]\n'),
    ).toMatchInlineSnapshot(
      `"blast-radius: blast-radius.yaml:4 — environments.production.accounts[0]: expected a 12-digit account id in quotes, received number 111111111111 (YAML drops leading zeros from numbers)"`,
    );
  });

  it('bad fail-on', () => {
    expect(shown('version: 1\nrules:\n  fail-on: critcal\n')).toMatchInlineSnapshot(
      `"blast-radius: blast-radius.yaml:3 — rules.fail-on: expected one of critical, high, medium, low or none, received "critcal"; did you mean critical?"`,
    );
  });

  it('bad expiry date', () => {
    expect(
      shown('version: 1\nrules:\n  ignore:\n    - { rule: no-go-zone, reason: r, expires: 2027-02-30 }\n'),
    ).toMatchInlineSnapshot(
      `"blast-radius: blast-radius.yaml:4 — rules.ignore[0].expires: expected a calendar date (YYYY-MM-DD), received "2027-02-30""`,
    );
  });

  it('several problems, in file order', () => {
    expect(
      shown(
        `version: 2\n${AGENT}    forbid: delete-all\n    max-session-duration: 5m\nrules:\n  fail-on: severe\n`,
      ),
    ).toMatchInlineSnapshot(`
      "blast-radius: blast-radius.yaml:1 — version: expected 1, received 2
      blast-radius.yaml:5 — agents[0].forbid: expected a capability (audit-tamper, credential-access, data-delete, data-export, delete, iam-write, network-exposure, permissions-management, production or publish), received "delete-all"
      blast-radius.yaml:6 — agents[0].max-session-duration: expected a duration from 15m to 12h (900 to 43200 seconds, the IAM limits), received "5m" (300 seconds)
      blast-radius.yaml:8 — rules.fail-on: expected one of critical, high, medium, low or none, received "severe""
    `);
  });

  it('more than ten problems', () => {
    const text = ['version: 1', ...Array.from({ length: 12 }, (_, i) => `extra-${i}: x`)].join('\n');
    expect(shown(text)).toMatchInlineSnapshot(`
      "blast-radius: blast-radius.yaml:2 — extra-0: unknown key (expected version, environments, data, agents, organization, approval-conditions or rules)
      blast-radius.yaml:3 — extra-1: unknown key (expected version, environments, data, agents, organization, approval-conditions or rules)
      blast-radius.yaml:4 — extra-2: unknown key (expected version, environments, data, agents, organization, approval-conditions or rules)
      blast-radius.yaml:5 — extra-3: unknown key (expected version, environments, data, agents, organization, approval-conditions or rules)
      blast-radius.yaml:6 — extra-4: unknown key (expected version, environments, data, agents, organization, approval-conditions or rules)
      blast-radius.yaml:7 — extra-5: unknown key (expected version, environments, data, agents, organization, approval-conditions or rules)
      blast-radius.yaml:8 — extra-6: unknown key (expected version, environments, data, agents, organization, approval-conditions or rules)
      blast-radius.yaml:9 — extra-7: unknown key (expected version, environments, data, agents, organization, approval-conditions or rules)
      blast-radius.yaml:10 — extra-8: unknown key (expected version, environments, data, agents, organization, approval-conditions or rules)
      blast-radius.yaml:11 — extra-9: unknown key (expected version, environments, data, agents, organization, approval-conditions or rules)
      and 2 more"
    `);
  });

  it('empty file', () => {
    expect(shown('')).toMatchInlineSnapshot(`
      "blast-radius: blast-radius.yaml — the file is empty; expected at least "version: 1"
      hint: run \`blast-radius init\` to write a blast-radius.yaml from what each agent can reach today"
    `);
  });

  it('YAML syntax error', () => {
    expect(shown('version: 1\nagents:\n  - name: a\n   identities: []\n')).toMatchInlineSnapshot(
      `"blast-radius: blast-radius.yaml:4 — invalid YAML: Sequence item without - indicator (column 1)"`,
    );
  });

  it('YAML duplicate key', () => {
    expect(shown('version: 1\nrules: {}\nrules: {}\n')).toMatchInlineSnapshot(
      `"blast-radius: blast-radius.yaml:3 — invalid YAML: key "rules" appears twice in the same mapping (column 1)"`,
    );
  });

  it('two YAML documents', () => {
    expect(shown('version: 1\n---\nversion: 1\n')).toMatchInlineSnapshot(
      `"blast-radius: blast-radius.yaml:2 — invalid YAML: the file holds more than one YAML document (a second ---); it must be one document (column 1)"`,
    );
  });

  it('not a mapping', () => {
    expect(shown('- version: 1\n')).toMatchInlineSnapshot(
      `"blast-radius: blast-radius.yaml:1 — expected object (version: 1, environments, data, agents, …), received array"`,
    );
  });
});

describe('config file error text', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blast-radius-config-'));
    await mkdir(join(dir, 'a-directory.yaml'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function shownFor(file: string): Promise<string> {
    try {
      await readConfig(file);
    } catch (error) {
      return formatError(error).replaceAll(dir, '<dir>');
    }
    throw new Error('expected readConfig to throw');
  }

  it('file not found', async () => {
    expect(await shownFor(join(dir, 'missing.yaml'))).toMatchInlineSnapshot(`
      "blast-radius: <dir>/missing.yaml — config file not found
      hint: check the --config path, or run \`blast-radius init\` to write a blast-radius.yaml"
    `);
  });

  it('unreadable file', async () => {
    expect(await shownFor(join(dir, 'a-directory.yaml'))).toMatchInlineSnapshot(
      `"blast-radius: <dir>/a-directory.yaml — cannot read the config file (it is a directory)"`,
    );
  });
});
