import { render, useApp } from 'ink';
import { useEffect, useState } from 'react';
import type { Exploration } from '../pipeline/explore.js';
import { Loading, SizedExplorer } from './app.js';

export interface InteractiveReportOptions {
  /** Reads the inputs, telling each step as it starts. */
  readonly load: (onStep: (step: string) => void) => Promise<Exploration>;
  readonly onExport: (markdown: string) => Promise<string>;
}

function Root(props: InteractiveReportOptions) {
  const { exit } = useApp();
  const [step, setStep] = useState('reading the inputs');
  const [exploration, setExploration] = useState<Exploration>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the inputs load once, when the report opens
  useEffect(() => {
    props.load(setStep).then(setExploration, (error: unknown) => exit(error as Error));
  }, []);
  if (exploration === undefined) return <Loading step={step} />;
  return <SizedExplorer exploration={exploration} onExport={props.onExport} />;
}

/**
 * Runs the interactive report in the terminal until `q`. A failure while loading clears the
 * screen and is thrown, for the command line to report as it reports every error.
 */
export async function runInteractiveReport(options: InteractiveReportOptions): Promise<void> {
  const instance = render(<Root {...options} />);
  try {
    await instance.waitUntilExit();
  } catch (error) {
    instance.clear();
    throw error;
  }
}
