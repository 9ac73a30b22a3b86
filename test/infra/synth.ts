import { App } from 'aws-cdk-lib';
import { type AodhStacks, buildAodhApp } from '../../infra/aodh-app.js';

/** A concrete environment, as a deploy with credentials has (offline synth is env-agnostic). */
export const ENV = { account: '123456789012', region: 'eu-west-1' };

/**
 * Builds the Aodh app with `context` as `-c key=value` would give it. esbuild is skipped
 * unless `bundle` is set: template assertions must not depend on the function code compiling.
 */
export function synthAodh(context: Record<string, unknown> = {}, options: { bundle?: boolean } = {}): AodhStacks {
  const skip = options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] };
  return buildAodhApp(new App({ context: { ...skip, ...context } }), ENV);
}
