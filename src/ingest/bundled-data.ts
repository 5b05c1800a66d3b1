import { join } from 'node:path';

/**
 * A bundle (the GitHub Action's dist/) carries no node_modules: it ships the IAM action catalog and
 * the AWS managed policies it was built with as data files beside it, and its entry point names
 * their directory here before anything is read.
 */
let bundledDirectory: string | undefined;

export function readBundledDataFrom(directory: string): void {
  bundledDirectory = directory;
}

/** The path of a bundled data file, or undefined when running from the installed packages. */
export function bundledDataFile(name: 'catalog.json' | 'aws-managed-policies.json'): string | undefined {
  return bundledDirectory === undefined ? undefined : join(bundledDirectory, name);
}
