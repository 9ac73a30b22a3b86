import { describe, expect, it } from 'vitest';
import { parsePythonJson } from '../../../shared/python/json.js';

describe('parsePythonJson', () => {
  it('keeps a "__proto__" key as plain data', () => {
    const value = parsePythonJson('{"__proto__": {"polluted": 1}}');
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });
});
