import { Text } from 'ink';
import type { ViewState } from '../state.js';

export const KEYS =
  '↑↓/jk move · tab pane · enter open · / search · s severity · r rule · g/G top/end · e export · ? help · q quit';

function filters(state: ViewState): string {
  const parts = [
    state.severity === undefined ? undefined : `severity ≥ ${state.severity}`,
    state.rule === undefined ? undefined : `rule ${state.rule}`,
    state.query === '' ? undefined : `search "${state.query}"`,
  ].filter((p) => p !== undefined);
  return parts.length === 0 ? '' : `filters: ${parts.join(' · ')}`;
}

/** The keys, the active filters, and a notice; the search prompt while typing one. */
export function Footer({ state }: { readonly state: ViewState }) {
  if (state.searching)
    return (
      <Text>
        <Text color="cyan">/</Text>
        {state.query}
        <Text inverse> </Text>
        <Text dimColor> enter keep · esc clear</Text>
      </Text>
    );
  const status = [filters(state), state.notice ?? ''].filter((s) => s !== '').join(' · ');
  return (
    <>
      {status === '' ? null : <Text color="yellow">{status}</Text>}
      <Text dimColor wrap="truncate">
        {KEYS}
      </Text>
    </>
  );
}
