import { describe, expect, it } from '@jest/globals';
import { meritProfileView } from './merit-profile';

const GRADES = ['À rejeter', 'Insuffisant', 'Passable', 'Assez bien', 'Bien', 'Très bien', 'Excellent'];

describe('meritProfileView', () => {
  it('stacks the shares worst to best and gives each grade its share and start', () => {
    const view = meritProfileView([1, 1, 2, 2, 2, 1, 1], GRADES);
    expect(view.total).toBe(10);
    expect(view.segments.map((s) => s.share)).toEqual([0.1, 0.1, 0.2, 0.2, 0.2, 0.1, 0.1]);
    expect(view.segments.map((s) => Number(s.start.toFixed(10)))).toEqual([0, 0.1, 0.2, 0.4, 0.6, 0.8, 0.9]);
    expect(view.segments[3]).toMatchObject({ grade: 3, label: 'Assez bien', count: 2 });
  });

  it('reads counts published as strings (past 2^53) and handles no votes', () => {
    expect(meritProfileView(['3', 1], ['Non', 'Oui']).total).toBe(4);
    const empty = meritProfileView([0, 0, 0], ['a', 'b', 'c']);
    expect(empty.total).toBe(0);
    expect(empty.segments.every((s) => s.share === 0)).toBe(true);
  });
});
