import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readBundledDataFrom } from '../ingest/bundled-data.js';
import { run } from './main.js';

// The bundle (dist/action.js) carries its data in dist/data/ and sits in the repository beside package.json.
readBundledDataFrom(fileURLToPath(new URL('./data/', import.meta.url)));
const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const version =
  typeof manifest === 'object' &&
  manifest !== null &&
  'version' in manifest &&
  typeof manifest.version === 'string'
    ? manifest.version
    : '0.0.0';

await run({ version, today: new Date().toISOString().slice(0, 10) });
