import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthAodh } from './synth.js';
import { resourceNamed } from './templates.js';

/** Cold start grows with bundle size; past this, find out what got pulled in before raising it. */
const BUNDLE_BUDGET_BYTES = 1_000_000;

/** Every function is bundled by one synth (esbuild runs per function, in well under a second each). */
describe('function bundles (real esbuild run)', () => {
  let assembly: CloudAssembly;
  let template: Template;

  beforeAll(() => {
    const { service } = synthAodh({}, { bundle: true });
    assembly = (service.node.root as App).synth();
    template = Template.fromStack(service);
  });

  it.each([
    ['functions/api/handler.ts', 'ApiHandlerFunction'],
    ['functions/evaluate/handler.ts', 'EvaluatorHandlerFunction'],
    ['functions/notify/handler.ts', 'NotifierHandlerFunction'],
    ['functions/listen/handler.ts', 'ListenerHandlerFunction'],
  ])('bundles %s into one ESM file exporting handler, with a source map', (_entry, logicalIdPrefix) => {
    const fn = resourceNamed(template, 'AWS::Lambda::Function', logicalIdPrefix);
    const key = (fn.Properties.Code as { S3Key: string }).S3Key;
    const dir = join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`);

    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire as __aodhCreateRequire } from 'node:module';")).toBe(true);
    expect(code).toMatch(/export\s*\{[^}]*\bhandler\s*\}/);
    expect(statSync(join(dir, 'index.mjs')).size).toBeLessThan(BUNDLE_BUDGET_BYTES);
    const map = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')) as { sourcesContent?: unknown };
    expect(map.sourcesContent).toBeUndefined();
  });
});
