import { describe, expect, it } from '@jest/globals';
import { withSupportUpdate } from './support-updates';

const petition = (id: string, supportCount: number) => ({ id, supportCount, state: 'collecting' }) as never;

describe('withSupportUpdate', () => {
  const update = { proposalId: 'b', supportCount: 7, state: 'collecting' as const };

  it('patches the petition in a page, and only it', () => {
    const page = { items: [petition('a', 1), petition('b', 2)] };
    const patched = withSupportUpdate(page, update);
    expect(patched.items.map((item: { supportCount: number }) => item.supportCount)).toEqual([1, 7]);
    expect(patched.items[0]).toBe(page.items[0]);
  });

  it('patches infinite lists and leaves untouched data identical (no re-render)', () => {
    const infinite = { pages: [{ items: [petition('a', 1)] }, { items: [petition('b', 2)], nextCursor: 'x' }], pageParams: [undefined, 'x'] };
    const patched = withSupportUpdate(infinite, update);
    expect(patched.pages[1].items[0]).toMatchObject({ supportCount: 7 });
    expect(patched.pages[0]).toBe(infinite.pages[0]);
    const other = { pages: [{ items: [petition('a', 1)] }], pageParams: [undefined] };
    expect(withSupportUpdate(other, update)).toBe(other);
    expect(withSupportUpdate(undefined, update)).toBeUndefined();
  });
});
