/**
 * Text PostgreSQL cannot store: `text` and `jsonb` refuse the NUL character (U+0000), and a lone
 * UTF-16 surrogate (half of a pair, as a cut emoji leaves) has no UTF-8 encoding. Both are refused at
 * the edge with the field named, instead of failing in the database as a 500.
 */
export type TextProblem = 'nul' | 'lone-surrogate';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textProblem(text: string): TextProblem | null {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'lone-surrogate';
  return null;
}

export const TEXT_PROBLEM_MESSAGES: Record<TextProblem, string> = {
  nul: 'contains a NUL character (U+0000), which cannot be stored: remove it',
  'lone-surrogate': 'contains half of a character (a lone UTF-16 surrogate), which cannot be stored: retype the text',
};

/** The first string in `value` (an object, array or string, to any depth) that cannot be stored: its path (`a.b[2]`) and why. Keys are checked too. */
export function findUnstorableText(value: unknown, path = ''): { field: string; problem: TextProblem } | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem === null ? null : { field: path === '' ? '(value)' : path, problem };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnstorableText(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Buffer)) {
    for (const [key, item] of Object.entries(value)) {
      const field = path === '' ? key : `${path}.${key}`;
      const keyProblem = textProblem(key);
      if (keyProblem !== null) return { field, problem: keyProblem };
      const found = findUnstorableText(item, field);
      if (found !== null) return found;
    }
  }
  return null;
}
