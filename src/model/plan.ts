import type { Change } from './change.js';
import type { Inventory } from './inventory.js';
import type { Diagnostic } from './source.js';

/** A Terraform plan read into the model: the world before it, the world after it, and the changes. */
export interface PlanModel {
  readonly file: string;
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  readonly before: Inventory;
  readonly after: Inventory;
  readonly changes: readonly Change[];
  readonly diagnostics: readonly Diagnostic[];
}
