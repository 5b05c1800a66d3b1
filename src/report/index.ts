import type { ExplainReport } from '../model/explanation.js';
import type { Report } from '../model/report.js';
import type { SourceLocation } from '../model/source.js';
import { renderExplainJson } from './explain-json.js';
import { renderExplainText } from './explain-text.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { sarifChunks } from './sarif.js';
import { renderText } from './text.js';

export interface RenderOptions {
  readonly color: boolean;
  /** Where each finding is in the code, by finding id: SARIF locations, and `file:line` in text and markdown. */
  readonly locations?: ReadonlyMap<string, SourceLocation>;
}

/** Every output format, by its --format name: the output's text in chunks, written in order. */
export const formatters = {
  text: (report: Report, options: RenderOptions) => [renderText(report, options)],
  json: (report: Report) => renderJson(report),
  markdown: (report: Report, options: RenderOptions) => [
    renderMarkdown(report, options.locations ? { locations: options.locations } : {}),
  ],
  sarif: (report: Report, options: RenderOptions) => [...sarifChunks(report, options.locations)],
  html: (report: Report) => renderHtml(report),
} satisfies Record<string, (report: Report, options: RenderOptions) => readonly string[]>;

export type Format = keyof typeof formatters;

export const FORMATS: readonly string[] = Object.keys(formatters);

/** The output formats of `explain`, by its --format name. */
export const explainFormatters = {
  text: (report: ExplainReport, options: RenderOptions) => renderExplainText(report, options),
  json: (report: ExplainReport) => renderExplainJson(report),
} satisfies Record<string, (report: ExplainReport, options: RenderOptions) => string>;

export type ExplainFormat = keyof typeof explainFormatters;

export const EXPLAIN_FORMATS: readonly string[] = Object.keys(explainFormatters);
