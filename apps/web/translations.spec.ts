import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

// The web app's translations and sources, checked from here (this spec runs in Node, the app in browsers).
const SRC = join(process.cwd(), 'apps', 'web', 'src');
const fr = JSON.parse(readFileSync(join(SRC, 'app', 'i18n', 'fr.json'), 'utf8')) as Tree;
const en = JSON.parse(readFileSync(join(SRC, 'app', 'i18n', 'en.json'), 'utf8')) as Tree;

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`)));
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name: string) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('translations', () => {
  it('have the same keys in French and English, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(fr).sort());
    for (const [language, tree] of [
      ['fr', fr],
      ['en', en],
    ] as const) {
      for (const key of keys(tree)) expect({ language, key, empty: lookup(tree, key)!.trim() === '' }).toEqual({ language, key, empty: false });
    }
  });

  it('keep the same interpolated values in both languages', () => {
    for (const key of keys(fr)) {
      const names = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
      expect({ key, values: names(lookup(en, key)!) }).toEqual({ key, values: names(lookup(fr, key)!) });
    }
  });

  it('have a sentence for every error code the pages may show', () => {
    const describer = readFileSync(join(SRC, 'app', 'api', 'describe-error.ts'), 'utf8');
    const codes = new Set([...describer.matchAll(/'errors\.([A-Z_]+)'/g)].map((match) => match[1]));
    for (const match of describer.matchAll(/^ {2}'([A-Z_]+)',$/gm)) codes.add(match[1]);
    expect(codes.size).toBeGreaterThan(30);
    const all = keys(fr);
    for (const code of codes) expect({ code, translated: all.some((key) => key === `errors.${code}` || key.startsWith(`errors.${code}_`)) }).toEqual({ code, translated: true });
  });

  it('cover every key the pages ask for', () => {
    const all = new Set(keys(fr).map((key) => key.replace(/_(one|other|ordinal_(one|two|few|other))$/, '')));
    const used = sources(SRC).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)].map((match) => ({ file, key: match[1] })));
    expect(used.length).toBeGreaterThan(200);
    for (const { file, key } of used) expect({ file, key, known: all.has(key) }).toEqual({ file, key, known: true });
  });
});
