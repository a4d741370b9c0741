import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

// The web app's translations and sources, checked from here (this spec runs in Node, the app in browsers).
const SRC = join(process.cwd(), 'apps', 'web', 'src');

type Tree = { [key: string]: string | Tree };

const load = (folder: string, language: 'fr' | 'en'): Tree => JSON.parse(readFileSync(join(SRC, folder, 'i18n', `${language}.json`), 'utf8')) as Tree;

/**
 * The message bundles: the core one (every page), and the features' ones, which the modules that
 * say their words import (`import '…/i18n/messages'`).
 */
const BUNDLES = {
  app: { fr: load('app', 'fr'), en: load('app', 'en') },
  agenda: { fr: load('agenda', 'fr'), en: load('agenda', 'en') },
  referendum: { fr: load('referendum', 'fr'), en: load('referendum', 'en') },
  deliberation: { fr: load('deliberation', 'fr'), en: load('deliberation', 'en') },
  console: { fr: load('console', 'fr'), en: load('console', 'en') },
  budget: { fr: load('budget', 'fr'), en: load('budget', 'en') },
  recruitment: { fr: load('recruitment', 'fr'), en: load('recruitment', 'en') },
  account: { fr: load('account', 'fr'), en: load('account', 'en') },
};
type Bundle = keyof typeof BUNDLES;
const FEATURES = Object.keys(BUNDLES).filter((name) => name !== 'app') as Bundle[];

/** The bundles a source file can read: the core one, those it imports, and for pure helpers (utils/, given `t` by their callers) their folder's. */
function available(file: string): Bundle[] {
  const text = readFileSync(file, 'utf8');
  const relative = file.slice(SRC.length + 1);
  const folder = relative.split('/')[0] as Bundle;
  const imported = FEATURES.filter((name) => text.includes(`import '../../${name}/i18n/messages';`) || (folder === name && text.includes("import '../i18n/messages';")));
  const helper = relative.split('/')[1] === 'utils' && FEATURES.includes(folder) ? [folder] : [];
  return ['app', ...imported, ...helper];
}

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

const withoutPlural = (key: string): string => key.replace(/_(one|other|ordinal_(one|two|few|other))$/, '');

describe('translations', () => {
  it('have the same keys in French and English in every bundle, none empty, none in two bundles', () => {
    const seen = new Map<string, string>();
    for (const [name, { fr, en }] of Object.entries(BUNDLES)) {
      expect({ name, keys: keys(en).sort() }).toEqual({ name, keys: keys(fr).sort() });
      for (const [language, tree] of [
        ['fr', fr],
        ['en', en],
      ] as const) {
        for (const key of keys(tree)) expect({ name, language, key, empty: lookup(tree, key)!.trim() === '' }).toEqual({ name, language, key, empty: false });
      }
      for (const top of Object.keys(fr)) {
        expect({ top, bundles: [seen.get(top), name].filter(Boolean) }).toEqual({ top, bundles: [name] });
        seen.set(top, name);
      }
    }
  });

  it('keep the same interpolated values in both languages', () => {
    for (const { fr, en } of Object.values(BUNDLES)) {
      for (const key of keys(fr)) {
        const names = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
        expect({ key, values: names(lookup(en, key)!) }).toEqual({ key, values: names(lookup(fr, key)!) });
      }
    }
  });

  it('have a sentence for every error code the pages may show, in the bundle of the pages that meet it', () => {
    const describer = readFileSync(join(SRC, 'app', 'api', 'describe-error.ts'), 'utf8');
    const listed = (name: string): string[] => [...(describer.match(new RegExp(`const ${name} = new Set\\(\\[([^\\]]*)\\]`))?.[1] ?? '').matchAll(/'([A-Z_]+)'/g)].map((match) => match[1]);
    const core = new Set([...describer.matchAll(/'errors\.([A-Z_]+)'/g)].map((match) => match[1]).concat(listed('BY_CODE')));
    const groups = [
      { bundle: BUNDLES.app.fr, prefix: 'errors', codes: [...core] },
      { bundle: BUNDLES.deliberation.fr, prefix: 'roomErrors', codes: listed('ROOM_CODES') },
      { bundle: BUNDLES.console.fr, prefix: 'consoleErrors', codes: listed('CONSOLE_CODES') },
      { bundle: BUNDLES.budget.fr, prefix: 'budgetErrors', codes: listed('BUDGET_CODES') },
    ];
    for (const { prefix, codes } of groups) expect({ prefix, many: codes.length > 10 }).toEqual({ prefix, many: true });
    for (const { bundle, prefix, codes } of groups) {
      const all = keys(bundle);
      for (const code of codes) expect({ code, translated: all.some((key) => key === `${prefix}.${code}` || key.startsWith(`${prefix}.${code}_`)) }).toEqual({ code, translated: true });
    }
  });

  it('cover every key the sources ask for, in a bundle the asking module has loaded', () => {
    const used = sources(SRC).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)].map((match) => ({ file, key: match[1] })));
    expect(used.length).toBeGreaterThan(200);
    for (const { file, key } of used) {
      const known = new Set(available(file).flatMap((name) => keys(BUNDLES[name].fr).map(withoutPlural)));
      expect({ file, key, known: known.has(key) }).toEqual({ file, key, known: true });
    }
  });

  it('of a feature are loaded by the modules that build keys of it at run time (`agenda.states.${state}`)', () => {
    const tops = new Map(FEATURES.flatMap((name) => Object.keys(BUNDLES[name].fr).map((top) => [top, name] as const)));
    for (const file of sources(SRC)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*`([a-zA-Z]+)\./g)) {
        const bundle = tops.get(match[1]) ?? 'app';
        expect({ file, top: match[1], loaded: available(file).includes(bundle) }).toEqual({ file, top: match[1], loaded: true });
      }
    }
  });

  it('of the room, the console and the budget are loaded by each of their pages, which show those features’ refusals', () => {
    for (const folder of ['deliberation', 'console', 'budget']) {
      for (const page of sources(join(SRC, folder, 'pages'))) expect({ page, registers: readFileSync(page, 'utf8').includes("import '../i18n/messages';") }).toEqual({ page, registers: true });
    }
  });
});
