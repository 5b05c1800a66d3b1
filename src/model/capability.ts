/** Named kinds of reach that matter for safety: the no-go zones and approval gates are chosen from these. */
export type Capability =
  | 'iam-write'
  | 'permissions-management'
  | 'network-exposure'
  | 'data-delete'
  | 'delete'
  | 'data-export'
  | 'audit-tamper'
  | 'credential-access'
  | 'publish'
  | 'production';

export const CAPABILITIES: readonly Capability[] = [
  'audit-tamper',
  'credential-access',
  'data-delete',
  'data-export',
  'delete',
  'iam-write',
  'network-exposure',
  'permissions-management',
  'production',
  'publish',
];

/** No-go zones that apply to every agent unless it opts out with `allow-zones`. */
export const DEFAULT_NO_GO_ZONES: readonly Capability[] = [
  'iam-write',
  'permissions-management',
  'network-exposure',
  'data-export',
  'audit-tamper',
];
