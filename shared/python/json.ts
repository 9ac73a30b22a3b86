import { markSpelling } from './spelling.js';

/**
 * JSON decoding as Python's `json.loads` does it, for the complex-query `filter` and `orderby`
 * strings. Aodh puts the decoder's message into the 400 faultstring
 * (`Filter expression not valid: Expecting value: line 1 column 1 (char 0)`), so we reproduce
 * CPython's messages and positions; and Python also accepts NaN, Infinity and -Infinity.
 */
export class PythonJsonError extends Error {}

/**
 * Nesting limit. Aodh itself fails (RecursionError, a 500) from about 130 nested filter
 * operators, inside jsonschema; refusing deeper documents with a 400 therefore refuses nothing
 * Aodh accepts, and keeps our recursive validators well clear of the stack limit.
 */
const MAX_DEPTH = 200;
const NUMBER = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/;

class Decoder {
  pos = 0;
  /** Whether the last value read was a number written as a float (see spelling.ts). */
  lastFloat = false;
  constructor(readonly text: string) {}

  fail(message: string, at: number = this.pos): never {
    // Python counts positions in code points, not UTF-16 units.
    const before = Array.from(this.text.slice(0, at));
    const line = before.filter((char) => char === '\n').length + 1;
    const column = before.length - before.lastIndexOf('\n');
    throw new PythonJsonError(`${message}: line ${line} column ${column} (char ${before.length})`);
  }

  skipBlank(): void {
    while (/[ \t\n\r]/.test(this.text[this.pos] ?? '')) this.pos += 1;
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) {
      throw new PythonJsonError('maximum recursion depth exceeded while decoding a JSON document');
    }
    this.lastFloat = false;
    const rest = this.text.slice(this.pos, this.pos + 9);
    const char = rest[0];
    if (char === '"') return this.string();
    if (char === '{') return this.object(depth);
    if (char === '[') return this.array(depth);
    for (const [word, value] of [
      ['null', null],
      ['true', true],
      ['false', false],
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
    ] as const) {
      if (rest.startsWith(word)) {
        this.pos += word.length;
        return value;
      }
    }
    const number = NUMBER.exec(this.text.slice(this.pos));
    if (!number) return this.fail('Expecting value');
    this.pos += number[0].length;
    this.lastFloat = number[1] !== undefined || number[2] !== undefined;
    return Number(number[0]);
  }

  string(): string {
    const start = this.pos;
    let out = '';
    for (let i = start + 1; ; ) {
      const char = this.text[i];
      if (char === undefined) return this.fail('Unterminated string starting at', start);
      if (char === '"') {
        this.pos = i + 1;
        return out;
      }
      if (char < ' ') return this.fail('Invalid control character at', i);
      if (char !== '\\') {
        out += char;
        i += 1;
        continue;
      }
      const escape = this.text[i + 1];
      if (escape === undefined) return this.fail('Unterminated string starting at', start);
      const simple: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (escape === 'u') {
        const digits = this.text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(digits)) return this.fail('Invalid \\uXXXX escape', i + 1);
        out += String.fromCharCode(parseInt(digits, 16));
        i += 6;
      } else if (simple[escape] !== undefined) {
        out += simple[escape];
        i += 2;
      } else {
        return this.fail('Invalid \\escape', i);
      }
    }
  }

  /**
   * The members of an object or array, after its opening bracket: none, or members separated
   * by commas up to `close`. Both share CPython's scanner messages and error positions.
   */
  members(close: '}' | ']', member: () => void): void {
    this.pos += 1;
    this.skipBlank();
    if (this.text[this.pos] === close) {
      this.pos += 1;
      return;
    }
    for (;;) {
      member();
      this.skipBlank();
      const next = this.text[this.pos];
      this.pos += 1;
      if (next === close) return;
      if (next !== ',') return this.fail("Expecting ',' delimiter", this.pos - 1);
      this.skipBlank();
    }
  }

  object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.members('}', () => {
      if (this.text[this.pos] !== '"') return this.fail('Expecting property name enclosed in double quotes');
      const key = this.string();
      this.skipBlank();
      if (this.text[this.pos] !== ':') return this.fail("Expecting ':' delimiter");
      this.pos += 1;
      this.skipBlank();
      // defineProperty, not assignment: a "__proto__" key must stay plain data.
      Object.defineProperty(out, key, { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
      markSpelling(out, key, this.lastFloat);
    });
    return out;
  }

  array(depth: number): unknown[] {
    const out: unknown[] = [];
    this.members(']', () => {
      out.push(this.value(depth + 1));
      markSpelling(out, out.length - 1, this.lastFloat);
    });
    return out;
  }
}

export function parsePythonJson(text: string): unknown {
  const decoder = new Decoder(text);
  if (text.startsWith('\ufeff')) decoder.fail('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
  decoder.skipBlank();
  const value = decoder.value(0);
  decoder.skipBlank();
  if (decoder.pos !== text.length) decoder.fail('Extra data');
  return value;
}
