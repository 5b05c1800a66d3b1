import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { compileGlob, globCovers, globMatches, globsIntersect } from '../../src/policy/glob.js';

const RUNS = Number(process.env.BLAST_RADIUS_PROP_RUNS ?? 300);

/** Reference semantics: a regex built from a glob over a tiny alphabet (safe for tests, never for input). */
function reference(glob: string): RegExp {
  const body = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c)).join('');
  return new RegExp(`^${body}$`, 's');
}

const pattern = fc.stringMatching(/^[ab*?]{0,8}$/);
const text = fc.stringMatching(/^[ab]{0,10}$/);

describe('glob matching', () => {
  test.prop([pattern, text], { numRuns: RUNS * 5 })('agrees with a reference matcher', (p, t) => {
    expect(globMatches(compileGlob(p), t)).toBe(reference(p).test(t));
  });

  test.prop([pattern, pattern, fc.array(text, { minLength: 20, maxLength: 20 })], { numRuns: RUNS * 3 })(
    'covers is sound: when a covers b, every string b matches, a matches',
    (a, b, samples) => {
      if (!globCovers(compileGlob(a), compileGlob(b))) return;
      for (const s of samples) if (reference(b).test(s)) expect(reference(a).test(s)).toBe(true);
    },
  );

  test.prop([pattern, pattern, text], { numRuns: RUNS * 5 })(
    'intersects is complete: a string both match means they intersect',
    (a, b, s) => {
      if (reference(a).test(s) && reference(b).test(s)) {
        expect(globsIntersect(compileGlob(a), compileGlob(b))).toBe(true);
      }
    },
  );

  test.prop([fc.stringMatching(/^[ab]{0,6}$/)], { numRuns: RUNS })(
    'a glob covers and intersects itself',
    (p) => {
      const g = compileGlob(p);
      expect(globCovers(g, g)).toBe(true);
      expect(globsIntersect(g, g)).toBe(true);
    },
  );

  it('stays linear on adversarial a*a*a*…b patterns against long ARNs', () => {
    const hostile = compileGlob(`arn:${'a*'.repeat(2_000)}b`);
    const arn = `arn:${'a'.repeat(200_000)}`;
    const started = performance.now();
    expect(globMatches(hostile, arn)).toBe(false);
    expect(globsIntersect(hostile, compileGlob(`arn:${'a'.repeat(500)}*`))).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
