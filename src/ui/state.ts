import type { Severity } from '../model/severity.js';
import type { Exploration } from '../pipeline/explore.js';
import { agentNames, nextSeverity, rulesWithFindings, visibleFindings } from './view-model.js';

export type Pane = 'agents' | 'findings' | 'detail';
const PANES: readonly Pane[] = ['agents', 'findings', 'detail'];

/** Everything the keyboard changes; the reducer below is the only thing that changes it. */
export interface ViewState {
  readonly pane: Pane;
  /** Index into the agents pane (0 = all agents). */
  readonly agent: number;
  /** Index into the visible findings. */
  readonly finding: number;
  /** What the detail pane shows: the selected finding, or the selected agent's reach by service. */
  readonly detail: 'finding' | 'reach';
  readonly searching: boolean;
  readonly query: string;
  readonly severity?: Severity;
  readonly rule?: string;
  readonly help: boolean;
  /** A one-line notice in the footer (an export written, a filter with no findings). */
  readonly notice?: string;
}

export const INITIAL_STATE: ViewState = {
  pane: 'agents',
  agent: 0,
  finding: 0,
  detail: 'finding',
  searching: false,
  query: '',
  help: false,
};

export type ViewAction =
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'jump'; readonly to: 'first' | 'last' }
  | { readonly type: 'next-pane' }
  | { readonly type: 'open' }
  | { readonly type: 'search-start' }
  | { readonly type: 'search-type'; readonly text: string }
  | { readonly type: 'search-erase' }
  | { readonly type: 'search-end'; readonly keep: boolean }
  | { readonly type: 'cycle-severity' }
  | { readonly type: 'cycle-rule' }
  | { readonly type: 'toggle-help' }
  | { readonly type: 'notice'; readonly text: string };

function clamp(value: number, length: number): number {
  return Math.max(0, Math.min(value, length - 1));
}

/** After a filter changes, the selection stays on the list. */
function refiltered(exploration: Exploration, state: ViewState): ViewState {
  const count = visibleFindings(exploration, state).length;
  const { notice: _, ...rest } = state;
  return {
    ...rest,
    finding: clamp(state.finding, count),
    ...(count === 0 ? { notice: 'no findings match' } : {}),
  };
}

function moved(
  exploration: Exploration,
  state: ViewState,
  to: (index: number, length: number) => number,
): ViewState {
  if (state.pane === 'agents') {
    const count = agentNames(exploration).length;
    const agent = clamp(to(state.agent, count), count);
    return refiltered(exploration, { ...state, agent, finding: 0 });
  }
  if (state.pane === 'findings') {
    const length = visibleFindings(exploration, state).length;
    return { ...state, finding: clamp(to(state.finding, length), length) };
  }
  return state;
}

function cycleRule(exploration: Exploration, state: ViewState): ViewState {
  const rules = rulesWithFindings(exploration);
  const next = state.rule === undefined ? rules[0] : rules[rules.indexOf(state.rule) + 1];
  const { rule: _, ...rest } = state;
  return refiltered(exploration, { ...rest, ...(next === undefined ? {} : { rule: next }) });
}

function cycleSeverity(exploration: Exploration, state: ViewState): ViewState {
  const next = nextSeverity(state.severity);
  const { severity: _, ...rest } = state;
  return refiltered(exploration, { ...rest, ...(next === undefined ? {} : { severity: next }) });
}

/** The one place view state changes: pure, so it is tested without a terminal. */
export function reduceView(exploration: Exploration, state: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'move':
      return moved(exploration, state, (i) => i + action.by);
    case 'jump':
      return moved(exploration, state, (_, length) => (action.to === 'first' ? 0 : length - 1));
    case 'next-pane':
      return { ...state, pane: PANES[(PANES.indexOf(state.pane) + 1) % PANES.length] as Pane };
    case 'open':
      if (state.pane === 'agents') return { ...state, pane: 'detail', detail: 'reach' };
      if (state.pane === 'findings' && visibleFindings(exploration, state).length > 0)
        return { ...state, pane: 'detail', detail: 'finding' };
      return state;
    case 'search-start':
      return { ...state, searching: true };
    case 'search-type':
      return refiltered(exploration, { ...state, query: state.query + action.text, finding: 0 });
    case 'search-erase':
      return refiltered(exploration, { ...state, query: state.query.slice(0, -1) });
    case 'search-end':
      return refiltered(exploration, {
        ...state,
        searching: false,
        pane: 'findings',
        ...(action.keep ? {} : { query: '' }),
      });
    case 'cycle-severity':
      return cycleSeverity(exploration, state);
    case 'cycle-rule':
      return cycleRule(exploration, state);
    case 'toggle-help':
      return { ...state, help: !state.help };
    case 'notice':
      return { ...state, notice: action.text };
  }
}

/** What a key press means, or 'quit' / 'export', which the app carries out; undefined: nothing. */
export function keyAction(
  input: string,
  key: {
    readonly upArrow?: boolean;
    readonly downArrow?: boolean;
    readonly tab?: boolean;
    readonly return?: boolean;
    readonly escape?: boolean;
    readonly backspace?: boolean;
    readonly delete?: boolean;
    readonly ctrl?: boolean;
  },
  state: ViewState,
): ViewAction | 'quit' | 'export' | undefined {
  if (state.searching) {
    if (key.return) return { type: 'search-end', keep: true };
    if (key.escape) return { type: 'search-end', keep: false };
    if (key.backspace || key.delete) return { type: 'search-erase' };
    if (input !== '' && !key.ctrl && !key.tab) return { type: 'search-type', text: input };
    return undefined;
  }
  if (state.help) return input === 'q' ? 'quit' : { type: 'toggle-help' };
  if (key.upArrow || input === 'k') return { type: 'move', by: -1 };
  if (key.downArrow || input === 'j') return { type: 'move', by: 1 };
  if (key.tab) return { type: 'next-pane' };
  if (key.return) return { type: 'open' };
  const byInput: Record<string, ViewAction | 'quit' | 'export'> = {
    g: { type: 'jump', to: 'first' },
    G: { type: 'jump', to: 'last' },
    '/': { type: 'search-start' },
    s: { type: 'cycle-severity' },
    r: { type: 'cycle-rule' },
    '?': { type: 'toggle-help' },
    e: 'export',
    q: 'quit',
  };
  return byInput[input];
}
