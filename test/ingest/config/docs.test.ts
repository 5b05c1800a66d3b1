import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyConfig, parseConfig } from '../../../src/ingest/config/index.js';

const DOC = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');

/** The ```yaml blocks of docs/configuration.md that are whole files or top-level sections. */
const blocks = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map((match) => match[1] ?? '')
  .filter((block) =>
    /^(version|environments|data|agents|organization|approval-conditions|rules):/.test(block),
  );

describe('docs/configuration.md', () => {
  it('has a complete example and the defaults', () => {
    expect(blocks.filter((block) => block.startsWith('version: 1'))).toHaveLength(2);
  });

  it.each(blocks.map((block) => ({ first: block.split('\n')[0], block })))(
    'example "$first" is valid',
    ({ block }) => {
      const text = block.startsWith('version:') ? block : `version: 1\n${block}`;
      expect(() => parseConfig(text, 'blast-radius.yaml')).not.toThrow();
    },
  );

  it('the complete example uses every agent key', () => {
    const complete =
      blocks.find((block) => block.startsWith('version: 1') && block.includes('\nagents:\n')) ?? '';
    const [agent] = parseConfig(complete, 'blast-radius.yaml').agents;
    expect(agent && Object.keys(agent).sort()).toEqual(
      [
        'allowZones',
        'data',
        'environments',
        'forbid',
        'humanApproval',
        'identities',
        'maxSessionDurationSeconds',
        'may',
        'name',
        'owner',
        'source',
      ].sort(),
    );
  });

  it('the defaults block is the empty configuration', () => {
    const defaults = blocks.find((block) => block.startsWith('version: 1\nenvironments: {}')) ?? '';
    expect(parseConfig(defaults, 'blast-radius.yaml')).toEqual(emptyConfig('blast-radius.yaml'));
  });
});
