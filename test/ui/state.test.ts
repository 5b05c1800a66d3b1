import { beforeAll, describe, expect, it } from 'vitest';
import type { Exploration } from '../../src/pipeline/explore.js';
import { INITIAL_STATE, keyAction, reduceView, type ViewAction, type ViewState } from '../../src/ui/state.js';
import { agentNames, visibleFindings } from '../../src/ui/view-model.js';
import { accountExploration } from './fixture.js';

let exploration: Exploration;
beforeAll(async () => {
  exploration = await accountExploration();
});

function run(...actions: ViewAction[]): ViewState {
  return actions.reduce((state, action) => reduceView(exploration, state, action), INITIAL_STATE);
}

describe('the view reducer', () => {
  it('selects an agent: the findings pane lists only its findings', () => {
    const state = run({ type: 'move', by: 2 });
    expect(agentNames(exploration)[state.agent]).toBe('mail-assistant');
    const findings = visibleFindings(exploration, state);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.agent === 'mail-assistant')).toBe(true);
  });

  it('stays inside the lists when moving past either end', () => {
    expect(run({ type: 'move', by: -5 }).agent).toBe(0);
    expect(run({ type: 'jump', to: 'last' }).agent).toBe(agentNames(exploration).length - 1);
    const findings = run({ type: 'next-pane' }, { type: 'jump', to: 'last' }, { type: 'move', by: 3 });
    expect(findings.finding).toBe(exploration.report.findings.length - 1);
  });

  it('opens an agent as its reach and a finding as its detail', () => {
    expect(run({ type: 'move', by: 1 }, { type: 'open' })).toMatchObject({ pane: 'detail', detail: 'reach' });
    expect(run({ type: 'next-pane' }, { type: 'open' })).toMatchObject({ pane: 'detail', detail: 'finding' });
  });

  it('cycles the severity filter through at-or-above each severity and back to all', () => {
    const severities: (string | undefined)[] = [];
    let state = INITIAL_STATE;
    for (let i = 0; i < 5; i++) {
      state = reduceView(exploration, state, { type: 'cycle-severity' });
      severities.push(state.severity);
    }
    expect(severities).toEqual(['critical', 'high', 'medium', 'low', undefined]);
    const high = run({ type: 'cycle-severity' }, { type: 'cycle-severity' });
    expect(
      visibleFindings(exploration, high).every((f) => f.severity === 'critical' || f.severity === 'high'),
    ).toBe(true);
  });

  it('filters by each rule with findings in turn', () => {
    const state = run({ type: 'cycle-rule' });
    const rule = state.rule;
    expect(rule).toBeDefined();
    expect(visibleFindings(exploration, state).every((f) => f.rule === rule)).toBe(true);
  });

  it('searches as one types, keeps the query on enter and clears it on escape', () => {
    const typed = run(
      { type: 'search-start' },
      { type: 'search-type', text: 'data-' },
      { type: 'search-type', text: 'delete' },
    );
    const hits = visibleFindings(exploration, typed);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThan(exploration.report.findings.length);
    expect(reduceView(exploration, typed, { type: 'search-end', keep: true })).toMatchObject({
      searching: false,
      query: 'data-delete',
      pane: 'findings',
    });
    expect(reduceView(exploration, typed, { type: 'search-end', keep: false }).query).toBe('');
    const none = run({ type: 'search-start' }, { type: 'search-type', text: 'no-such-thing' });
    expect(none).toMatchObject({ finding: 0, notice: 'no findings match' });
  });
});

describe('keys', () => {
  const none = {};
  it.each([
    ['j', none, { type: 'move', by: 1 }],
    ['k', none, { type: 'move', by: -1 }],
    ['', { downArrow: true }, { type: 'move', by: 1 }],
    ['', { tab: true }, { type: 'next-pane' }],
    ['', { return: true }, { type: 'open' }],
    ['G', none, { type: 'jump', to: 'last' }],
    ['/', none, { type: 'search-start' }],
    ['s', none, { type: 'cycle-severity' }],
    ['r', none, { type: 'cycle-rule' }],
    ['?', none, { type: 'toggle-help' }],
    ['e', none, 'export'],
    ['q', none, 'quit'],
    ['x', none, undefined],
  ])('%j %j', (input, key, expected) => {
    expect(keyAction(input, key, INITIAL_STATE)).toEqual(expected);
  });

  it('while searching, letters are the query, not commands', () => {
    const searching = { ...INITIAL_STATE, searching: true };
    expect(keyAction('q', {}, searching)).toEqual({ type: 'search-type', text: 'q' });
    expect(keyAction('', { escape: true }, searching)).toEqual({ type: 'search-end', keep: false });
    expect(keyAction('', { backspace: true }, searching)).toEqual({ type: 'search-erase' });
  });
});
