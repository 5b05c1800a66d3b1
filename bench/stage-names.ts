/** The stages the benchmark measures, each in its own process: parse is the floor, ingest to audit grow. */
export const IN_PROCESS_STAGES = ['parse', 'ingest', 'reach', 'graph', 'rules'] as const;
export type InProcessStage = (typeof IN_PROCESS_STAGES)[number];

/**
 * audit is the whole CLI (`blast-radius audit`) as a process of its own; check is the pull-request
 * gate: `blast-radius check` of a generated 500-resource plan over the same account, JSON out.
 */
export const STAGES = [...IN_PROCESS_STAGES, 'audit', 'check'] as const;
export type Stage = (typeof STAGES)[number];
