import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

// @nestjs/swagger names each body and response schema after its class, and two classes of the same
// name silently become one schema: the web app's generated types then describe the wrong one (it
// happened twice: AnswerDto, InvitationDto). Route parameters and queries are not schemas.
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the OpenAPI document', () => {
  it('has one class per schema name', () => {
    const owners = new Map<string, string[]>();
    for (const file of sources(join(process.cwd(), 'libs')).filter((path) => path.includes('/dto/') || path.endsWith('.dto.ts'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/^export class (\w+)/gm)) {
        const name = match[1];
        if (/(Params|Query)$/.test(name)) continue;
        owners.set(name, [...(owners.get(name) ?? []), file.slice(process.cwd().length + 1)]);
      }
    }
    expect(owners.size).toBeGreaterThan(50);
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});
