import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthAodh } from './synth.js';

/** Cold start grows with bundle size; past this, find out what got pulled in before raising it. */
const BUNDLE_BUDGET_BYTES = 1_000_000;

describe('API function bundle (real esbuild run)', () => {
  it('bundles functions/api/handler.ts into one ESM file exporting handler, with a source map', () => {
    const { service } = synthAodh({}, { bundle: true });
    const assembly = (service.node.root as App).synth();
    const [fn] = Object.values(Template.fromStack(service).findResources('AWS::Lambda::Function'));
    const key = (fn as { Properties: { Code: { S3Key: string } } }).Properties.Code.S3Key;
    const dir = join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`);

    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire as __aodhCreateRequire } from 'node:module';")).toBe(true);
    expect(code).toMatch(/export\s*\{[^}]*\bhandler\s*\}/);
    expect(statSync(join(dir, 'index.mjs')).size).toBeLessThan(BUNDLE_BUDGET_BYTES);
    const map = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')) as { sourcesContent?: unknown };
    expect(map.sourcesContent).toBeUndefined();
  });
});
