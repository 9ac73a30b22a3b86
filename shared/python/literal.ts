/**
 * The subset of Python's `ast.literal_eval` that Aodh's Query.get_value relies on when a
 * simple query carries no `q.type`: booleans, (signed) numbers and string literals, possibly
 * parenthesised. Anything else (None, containers, bytes, complex numbers, syntax errors)
 * yields undefined, and the caller keeps the raw text, as Aodh does when literal_eval fails.
 * Deliberate narrowing: None, tuples, lists, dicts, bytes and complex numbers literal_eval
 * fine in Python, but no alarm field could ever equal them, so the raw text is kept instead.
 */
export type PythonLiteral = string | number | boolean;

const DIGITS = String.raw`\d(?:_?\d)*`;
const FLOAT = new RegExp(
  String.raw`^(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.?)(?:[eE][+-]?${DIGITS})?`,
);
const RADIX = /^0(?:[xX](?:_?[0-9a-fA-F])+|[oO](?:_?[0-7])+|[bB](?:_?[01])+)/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', a: '\u0007', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '',
};

class Reader {
  pos = 0;
  depth = 0;
  constructor(readonly text: string) {}

  /** Blanks between tokens; newlines only inside parentheses, as Python's tokenizer allows. */
  skip(): void {
    const blank = this.depth > 0 ? /^(?:[ \t\f\r\n]|\\\n|#[^\n]*)*/ : /^(?:[ \t\f]|\\\n|#[^\n]*)*/;
    this.pos += blank.exec(this.text.slice(this.pos))?.[0].length ?? 0;
  }

  rest(): string {
    return this.text.slice(this.pos);
  }
}

/** A number token; a letter or digit glued to it ("5abc", "0777") is a syntax error in Python. */
function readNumber(reader: Reader): number | undefined {
  const rest = reader.rest();
  const radix = RADIX.exec(rest);
  const match = radix ?? FLOAT.exec(rest);
  if (!match) return undefined;
  const token = match[0];
  if (/^[\w.]/.test(rest.slice(token.length))) return undefined;
  const clean = token.replace(/_/g, '');
  if (!radix && /^0\d/.test(clean) && !/[.eE]/.test(clean) && /[1-9]/.test(clean)) return undefined;
  reader.pos += token.length;
  return Number(radix ? clean.toLowerCase() : clean);
}

/** The body of one string literal after its opening quote; undefined on a syntax error. */
function readStringBody(reader: Reader, quote: string, raw: boolean): string | undefined {
  const text = reader.text;
  let out = '';
  for (let i = reader.pos; i < text.length; ) {
    if (text.startsWith(quote, i)) {
      reader.pos = i + quote.length;
      return out;
    }
    const char = text[i] ?? '';
    if (char === '\n' && quote.length === 1) return undefined;
    if (char !== '\\') {
      out += char;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) return undefined;
    if (raw) {
      out += char + next;
      i += 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    const unicode = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{1,3}))/.exec(text.slice(i + 1));
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (unicode) {
      const code = parseInt(unicode[1] ?? unicode[2] ?? unicode[3] ?? '', 16) || parseInt(unicode[4] ?? '0', 8);
      if (code > 0x10ffff) return undefined;
      out += String.fromCodePoint(code);
      i += 1 + unicode[0].length;
    } else if (/^[xuUN]/.test(next)) {
      // Truncated \x/\u escapes are syntax errors; \N{name} needs the Unicode name table.
      return undefined;
    } else {
      out += char + next;
      i += 2;
    }
  }
  return undefined;
}

/** One or more adjacent string literals, concatenated as Python does ('a' "b" == 'ab'). */
function readStrings(reader: Reader): string | undefined {
  let out: string | undefined;
  for (;;) {
    const start = /^([rRuU]?)('''|"""|'|")/.exec(reader.rest());
    if (!start) return out;
    reader.pos += start[0].length;
    const body = readStringBody(reader, start[2] ?? "'", /r/i.test(start[1] ?? ''));
    if (body === undefined) return undefined;
    out = (out ?? '') + body;
    reader.skip();
  }
}

function readAtom(reader: Reader, signed: boolean): PythonLiteral | undefined {
  reader.skip();
  if (reader.rest().startsWith('(')) {
    reader.pos += 1;
    reader.depth += 1;
    const inner = readAtom(reader, signed);
    reader.skip();
    if (inner === undefined || !reader.rest().startsWith(')')) return undefined;
    reader.pos += 1;
    reader.depth -= 1;
    return inner;
  }
  const sign = /^[+-]/.exec(reader.rest());
  if (sign) {
    // literal_eval accepts one sign, on a number constant only (not on True, not "--1").
    if (signed) return undefined;
    reader.pos += 1;
    const operand = readAtom(reader, true);
    if (typeof operand !== 'number') return undefined;
    return sign[0] === '-' ? -operand : operand;
  }
  const name = /^[A-Za-z_]\w*/.exec(reader.rest());
  if (name && !/^[rRuU]['"]/.test(reader.rest())) {
    reader.pos += name[0].length;
    if (signed) return undefined;
    return name[0] === 'True' ? true : name[0] === 'False' ? false : undefined;
  }
  if (signed) return readNumber(reader);
  return readNumber(reader) ?? readStrings(reader);
}

export function literalEval(source: string): PythonLiteral | undefined {
  // literal_eval strips leading spaces and tabs itself; eval mode then tolerates blank lines.
  const reader = new Reader(source.replace(/^[ \t]+/, '').replace(/^\s*\n/, ''));
  const value = readAtom(reader, false);
  reader.skip();
  return value !== undefined && /^\s*$/.test(reader.rest()) ? value : undefined;
}
