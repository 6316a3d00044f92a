// kgen:header
/**
 * JSON in and out of the model interfaces, with the number tokens a JS number would re-spell kept.
 *
 * A number arrives as a plain `number` wherever it is. When its JSON token is
 * not the way JS writes that number (`1.5e9`, `0.50`, `-0`,
 * `12345678901234567890`: a Quantity, an untyped value, a float a server
 * wrote as `1.0`), the token is remembered beside the object holding it, and
 * `encode` writes it back while the value is unchanged: the round trip is
 * byte-exact, and the types stay honest. Documents without such tokens (and
 * without null members) are JSON.parse's alone.
 */

/**
 * A number token JS may spell differently: a fraction ending in 0 (`0.50`), an exponent, below 1e-6
 * (`0.0000001` is written `1e-7`), 16 or more digits (`123456789.123456789` loses some), -0; JS
 * writes any other token back as it came (15 significant digits name one double). Only a token
 * followed by `,` `}` or `]` counts, so that text inside strings (`fluent-bit:3.0.4`) does not
 * send a list of pods through rememberTokens. A superset: rememberTokens keeps only the tokens
 * that String(value) does not give back.
 */
const ODD_NUMBER =
  /[:,[][ \t\n\r]*(?:-?\d+\.\d*0|-?\d+(?:\.\d+)?[eE][+-]?\d+|-?0\.0{6}\d*|-?[\d.]{16,}|-0)[ \t\n\r]*[,}\]]/;
const NULL_MEMBER = /:[ \t\n\r]*null/;
const WHITESPACE = /[ \t\n\r]*/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
// A successful match leaves its subject in RegExp's legacy statics (RegExp.input, RegExp.$_) until the next one
// anywhere in the program: after a match on a response's text, that text would stay reachable beside the objects
// decoded from it (as large again as the data). A match on "" lets it go.
const FORGET = /(?:)/;
// Where encode puts a kept token until the text is written (data that holds it is encoded without tokens).
const MARK = "\u0000kgen-number-";
const MARKED = /"\\u0000kgen-number-(\d+)"/g;

/** holder object or array -> member key -> the token its number arrived as. */
const tokens = new WeakMap<object, Map<string, string>>();
let anyTokens = false;

/**
 * A JSON text as the type `T` says it is (nothing is checked at run time).
 *
 * Object members whose value is null become undefined, as the interfaces type
 * an absent field as missing, not null (encode leaves them out); nulls inside
 * arrays are kept.
 */
export function decode<T>(text: string): T {
  const value: unknown = JSON.parse(text);
  if (NULL_MEMBER.test(text)) {
    dropNullMembers(value);
  }
  if (ODD_NUMBER.test(text)) {
    rememberTokens(text, value);
  }
  FORGET.test("");
  return value as T;
}

/** Null members set to undefined, in place (assigned, not deleted, so objects keep their fast shape), at any depth. */
function dropNullMembers(root: unknown): void {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) {
        if (typeof item === "object" && item !== null) {
          pending.push(item);
        }
      }
    } else if (typeof value === "object" && value !== null) {
      const object = value as Record<string, unknown>;
      for (const key in object) {
        const member = object[key];
        if (member === null) {
          object[key] = undefined;
        } else if (typeof member === "object") {
          pending.push(member);
        }
      }
    }
  }
}

/** A model as JSON text, members in the order they were set, numbers as they arrived while unchanged. */
export function encode(value: unknown): string {
  if (anyTokens) {
    try {
      return withTokens(value) ?? JSON.stringify(value);
    } catch (error) {
      if (!(error instanceof RangeError)) {
        throw error;
      }
      // Nested deeper than a replacer can go: numbers as JS writes them.
    }
  }
  return JSON.stringify(value);
}

/** The JSON text with kept tokens written back; undefined when the data holds encode's own mark. */
function withTokens(value: unknown): string | undefined {
  const kept: string[] = [];
  let clash = false;
  const text = JSON.stringify(value, function (this: unknown, key: string, member: unknown): unknown {
    clash ||= key.startsWith(MARK) || (typeof member === "string" && member.startsWith(MARK));
    const token = typeof member === "number" && typeof this === "object" && this !== null ? tokens.get(this)?.get(key) : undefined;
    if (token === undefined || !Object.is(Number(token), member)) {
      return member;
    }
    kept.push(token);
    return `${MARK}${kept.length - 1}`;
  });
  if (clash) {
    return undefined;
  }
  if (kept.length === 0) {
    return text;
  }
  const written = text.replace(MARKED, (_, i: string) => kept[Number(i)] ?? "");
  FORGET.test("");
  return written;
}

/**
 * Walk the text beside its parsed value and remember each number token JS re-spells.
 *
 * A document too deep for the walk's recursion keeps its values, only without tokens.
 */
function rememberTokens(text: string, value: unknown): void {
  try {
    walk(text, skip(text, 0), value, undefined, "");
  } catch (error) {
    if (!(error instanceof RangeError)) {
      throw error;
    }
  }
}

/** Walk one JSON value starting at `at` (parsed as `value`, the member `key` of `holder`); the offset after it. */
function walk(text: string, at: number, value: unknown, holder: object | undefined, key: string): number {
  const ch = text[at];
  if (ch === "{") {
    return members(text, at, value);
  }
  if (ch === "[") {
    return elements(text, at, value);
  }
  const end = match(ch === '"' ? STRING : ch === "t" || ch === "f" || ch === "n" ? LITERAL : NUMBER, text, at);
  if (holder !== undefined && typeof value === "number") {
    const token = text.slice(at, end);
    if (String(value) !== token && Object.is(Number(token), value)) {
      let held = tokens.get(holder);
      if (held === undefined) {
        tokens.set(holder, (held = new Map()));
      }
      held.set(key, token);
      anyTokens = true;
    }
  }
  return end;
}

function members(text: string, at: number, value: unknown): number {
  const object = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  at = skip(text, at + 1);
  while (text[at] !== "}") {
    const end = match(STRING, text, at);
    const raw = text.slice(at + 1, end - 1);
    const key = raw.includes("\\") ? (JSON.parse(text.slice(at, end)) as string) : raw;
    at = skip(text, skip(text, end) + 1);
    const member = object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
    at = skip(text, walk(text, at, member, object, key));
    at = text[at] === "," ? skip(text, at + 1) : at;
  }
  return at + 1;
}

function elements(text: string, at: number, value: unknown): number {
  const array = Array.isArray(value) ? (value as unknown[]) : undefined;
  at = skip(text, at + 1);
  for (let i = 0; text[at] !== "]"; i++) {
    at = skip(text, walk(text, at, array?.[i], array, String(i)));
    at = text[at] === "," ? skip(text, at + 1) : at;
  }
  return at + 1;
}

function skip(text: string, at: number): number {
  return match(WHITESPACE, text, at);
}

/** The offset after `pattern` matched at `at` (the text parsed already, so it does match). */
function match(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  pattern.test(text);
  return pattern.lastIndex;
}
