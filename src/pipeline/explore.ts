import type { Report } from '../model/report.js';
import type { SourceLocation } from '../model/source.js';
import { audit } from './audit.js';
import { checkAnalysis, type Judged, type PipelineStep } from './check.js';
import { reachByService, type ServiceReach } from './reach-by-service.js';

export interface ExploreOptions {
  /** A plan or .tf files (judged as `check` does, over `account` when it is given too) or an account snapshot alone (as `audit` does). */
  readonly plan?: string;
  readonly hcl?: string;
  readonly varFiles?: readonly string[];
  readonly account?: string;
  readonly config?: string;
  readonly today: string;
  readonly version: string;
  readonly onStep?: (step: PipelineStep) => void;
}

/** What the interactive report shows: the report, and each agent's reach by service. */
export interface Exploration {
  readonly report: Report;
  /** HCL mode: the .tf block of every resource address, for locating findings. */
  readonly blocks?: ReadonlyMap<string, SourceLocation>;
  /** By agent name. */
  readonly reach: ReadonlyMap<string, readonly ServiceReach[]>;
}

/** The report of a plan or an account, with the reach tables the interactive report shows. */
export async function explore(options: ExploreOptions): Promise<Exploration> {
  const common = {
    ...(options.config === undefined ? {} : { config: options.config }),
    today: options.today,
    version: options.version,
    ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
  };
  const judged: { report: Report; after: Judged['after']; blocks?: ReadonlyMap<string, SourceLocation> } =
    options.account !== undefined && options.plan === undefined && options.hcl === undefined
      ? await audit({ ...common, source: { kind: 'snapshot', file: options.account } })
      : await checkAnalysis({
          ...common,
          ...(options.plan === undefined ? {} : { plan: options.plan }),
          ...(options.account === undefined ? {} : { account: options.account }),
          ...(options.hcl === undefined ? {} : { hcl: options.hcl }),
          ...(options.varFiles === undefined ? {} : { varFiles: options.varFiles }),
        });
  const { report, after, blocks } = judged;
  return {
    report,
    ...(blocks === undefined ? {} : { blocks }),
    reach: new Map(after.agents.map((agent) => [agent.agent.name, reachByService(after, agent)])),
  };
}
