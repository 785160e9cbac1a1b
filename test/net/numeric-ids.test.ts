/** The numeric cluster id plan: recorded ids never move, released ids never return, new clusters take the lowest never used. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NUMERIC_ID, NumericIdInput, planNumericIds } from '../../lib/net/numeric-ids';

const req = (clusterId: string, pinned?: number) => ({ clusterId, path: `acme/${clusterId}`, ...(pinned !== undefined ? { pinned } : {}) });
const plan = (input: Partial<NumericIdInput>) => planNumericIds({ recorded: {}, released: [], requests: [], fleetPath: 'acme', ...input });
const ids = (p: ReturnType<typeof planNumericIds>) => Object.fromEntries(p.ids);

describe('planNumericIds', () => {
  it('gives new clusters the lowest ids, in cluster-id order', () => {
    expect(ids(plan({ requests: [req('c'), req('a'), req('b')] }))).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('keeps recorded ids, also of clusters that left the fleet, and fills the gaps with new clusters', () => {
    const p = plan({ recorded: { a: 2, gone: 1, c: 5 }, requests: [req('a'), req('c'), req('new'), req('next')] });
    expect(ids(p)).toEqual({ a: 2, gone: 1, c: 5, new: 3, next: 4 });
    expect(p.errors).toEqual([]);
  });

  it('never gives a released id again', () => {
    expect(ids(plan({ recorded: { b: 2 }, released: [1, 3], requests: [req('b'), req('new')] }))).toEqual({ b: 2, new: 4 });
  });

  it('gives entries recorded before ids their ids first, in cluster-id order, then new clusters', () => {
    const p = plan({ recorded: { zeta: undefined, alpha: undefined, kept: 1, gone: undefined }, requests: [req('zeta'), req('alpha'), req('kept'), req('aaa-new')] });
    expect(ids(p)).toEqual({ kept: 1, alpha: 2, gone: 3, zeta: 4, 'aaa-new': 5 });
  });

  it('honours a pinned id, and refuses a pin that moves a recorded id or takes another cluster\'s', () => {
    const p = plan({ recorded: { a: 1, b: 2 }, released: [9], requests: [req('a', 1), req('b', 3), req('c', 1), req('d', 9), req('e', 7), req('f', 7), req('g')] });
    expect(ids(p)).toEqual({ a: 1, b: 2, e: 7, g: 3 });
    expect(p.errors).toEqual([
      { path: 'acme/b', message: 'numericId 3 differs from 2, the id the address lock records for "b"; a cluster\'s numeric id never moves (a mesh knows it by that number), so give 2 or remove numericId' },
      { path: 'acme/c', message: 'numericId 1 is the id the address lock records for "a"; give another id, or remove numericId to take the lowest free one' },
      { path: 'acme/d', message: 'numericId 9 was given to a cluster whose entry was released, and is never given again (a mesh may still know it); give another id, or remove numericId to take the lowest free one' },
      { path: 'acme/f', message: 'numericId 7 is also pinned by acme/e; give each cluster its own id' },
    ]);
  });

  it('refuses the 256th cluster a fleet ever had, counting released ids', () => {
    const recorded = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`c${String(i).padStart(3, '0')}`, i + 1]));
    const released = Array.from({ length: 55 }, (_, i) => 201 + i);
    const p = plan({ recorded, released, requests: [req('one-too-many')] });
    expect(p.ids.has('one-too-many')).toBe(false);
    expect(p.errors).toEqual([{
      path: 'acme/one-too-many',
      message: 'cluster "one-too-many" needs a numeric id, but all 255 (1–255) are given: 200 to clusters of this fleet and 55 released, which are never given again; a fleet holds at most 255 clusters over its life, so put this cluster in a fleet of its own',
    }]);
  });

  /** One synth after another, the lock carried over: clusters come, go and are released. */
  const step = fc.record({
    add: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}$/), { maxLength: 6 }),
    remove: fc.nat(5),
    release: fc.boolean(),
  });

  it('keeps every id while it is recorded, gives each once, and stays in 1..255, whatever clusters come and go', () => {
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
      let recorded: Record<string, number> = {};
      let released: number[] = [];
      let fleet: string[] = [];
      const everGiven = new Map<number, string>();
      for (const s of steps) {
        // Some clusters leave (their entries stay recorded), some may be released, some arrive.
        const leaving = fleet.slice(0, s.remove);
        fleet = [...new Set([...fleet.slice(s.remove), ...s.add])];
        if (s.release) {
          for (const id of leaving.filter((x) => !fleet.includes(x) && recorded[x] !== undefined)) {
            released = [...released, recorded[id]];
            recorded = Object.fromEntries(Object.entries(recorded).filter(([k]) => k !== id));
          }
        }
        const p = plan({ recorded, released, requests: fleet.map((id) => req(id)) });
        expect(p.errors).toEqual([]);
        const next = ids(p);
        for (const [id, n] of Object.entries(recorded)) expect(next[id]).toBe(n);
        for (const id of fleet) expect(next[id]).toBeGreaterThanOrEqual(1);
        const values = Object.values(next);
        expect(new Set(values).size).toBe(values.length);
        for (const n of values) {
          expect(n).toBeLessThanOrEqual(MAX_NUMERIC_ID);
          expect(released).not.toContain(n);
        }
        for (const [id, n] of Object.entries(next)) {
          // An id once given belongs to that cluster forever (a returning cluster gets its own back while it is recorded).
          if (everGiven.has(n)) expect(everGiven.get(n)).toBe(id);
          everGiven.set(n, id);
        }
        recorded = next;
      }
    }));
  });

  it('adding a cluster never changes another cluster\'s id', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,4}$/), { minLength: 1, maxLength: 20 }), fc.stringMatching(/^[a-z]{1,4}$/), (existing, added) => {
      fc.pre(!existing.includes(added));
      const before = ids(plan({ requests: existing.map((id) => req(id)) }));
      const after = ids(plan({ recorded: before, requests: [...existing, added].map((id) => req(id)) }));
      for (const id of existing) expect(after[id]).toBe(before[id]);
      expect(Object.values(after).sort((a, b) => a - b)).toEqual(Array.from({ length: existing.length + 1 }, (_, i) => i + 1));
    }));
  });
});
