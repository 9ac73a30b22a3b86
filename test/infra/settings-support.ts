import { App } from 'aws-cdk-lib';
import { expect } from 'vitest';
import { DeploySettingsError, readDeploySettings } from '../../infra/settings.js';

/** Settings as `cdk synth -c key=value` would deliver them: context on a fresh App. */
export function settingsFrom(context: Record<string, unknown>) {
  return readDeploySettings(new App({ context }).node);
}

/** The message of the DeploySettingsError that this context must cause. */
export function problemsFrom(context: Record<string, unknown>): string {
  try {
    settingsFrom(context);
  } catch (error) {
    expect(error).toBeInstanceOf(DeploySettingsError);
    return (error as Error).message;
  }
  throw new Error('expected readDeploySettings to throw');
}
