import { Text } from 'ink';
import type { Severity } from '../../model/severity.js';

const COLOURS: Record<Severity, string> = { critical: 'red', high: 'magenta', medium: 'yellow', low: 'blue' };
const LABELS: Record<Severity, string> = { critical: 'CRIT', high: 'HIGH', medium: 'MED ', low: 'LOW ' };

export function SeverityLabel({ severity }: { readonly severity: Severity }) {
  return (
    <Text color={COLOURS[severity]} bold={severity === 'critical'}>
      {LABELS[severity]}
    </Text>
  );
}
