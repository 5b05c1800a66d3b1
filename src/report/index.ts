import type { Report } from '../model/report.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';

export interface RenderOptions {
  readonly color: boolean;
}

/** Every output format, by its --format name. */
export const formatters = {
  text: (report: Report, options: RenderOptions) => renderText(report, options),
  json: (report: Report) => renderJson(report),
} satisfies Record<string, (report: Report, options: RenderOptions) => string>;

export type Format = keyof typeof formatters;

export const FORMATS: readonly string[] = Object.keys(formatters);
