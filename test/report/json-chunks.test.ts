import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonChunks, type LazyArray, lazyArrayMarker } from "../../src/report/json-chunks.js";

/**
 * A document with arrays placed at random paths; returns it with the arrays inline (what JSON.stringify should
 * write) and with markers plus the lazy arrays (what jsonChunks writes from).
 */
const documents = fc
  .record({
    base: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
    arrays: fc.array(
      fc.record({
        path: fc.array(fc.constantFrom("a", "b", "timeline", "x y"), { minLength: 1, maxLength: 3 }),
        items: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 7 }),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ base, arrays }) => {
    const inline: Record<string, unknown> = structuredClone(base);
    const marked: Record<string, unknown> = structuredClone(base);
    const lazy: LazyArray[] = [];
    arrays.forEach(({ path, items }) => {
      // nest under a fresh key per array so no array replaces another
      const key = `arr${lazy.length}`;
      const place = (doc: Record<string, unknown>, value: unknown) => {
        let node: Record<string, unknown> = doc;
        for (const p of path) {
          const next = node[p];
          node[p] = next !== null && typeof next === "object" && !Array.isArray(next) ? next : {};
          node = node[p] as Record<string, unknown>;
        }
        node[key] = value;
      };
      place(inline, items);
      place(marked, lazyArrayMarker(lazy.length));
      lazy.push({ length: items.length, valueAt: (i) => items[i] });
    });
    return { inline, marked, lazy };
  });

describe("jsonChunks", () => {
  it("the pieces joined are JSON.stringify of the document with its arrays in place", () => {
    fc.assert(
      fc.property(
        documents,
        fc.constantFrom(1, 2, 4),
        fc.integer({ min: 1, max: 4 }),
        ({ inline, marked, lazy }, space, batch) => {
          const pieces = [...jsonChunks(marked, lazy, space, batch)];
          expect(pieces.join("")).toBe(JSON.stringify(inline, null, space));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("writes a long array a batch at a time, never holding more than a batch of items", () => {
    let live = 0;
    let peak = 0;
    const lazy: LazyArray = {
      length: 10,
      valueAt: (i) => {
        live++;
        peak = Math.max(peak, live);
        return { i };
      },
    };
    const pieces: string[] = [];
    for (const piece of jsonChunks({ rows: lazyArrayMarker(0) }, [lazy], 2, 3)) {
      pieces.push(piece);
      live = 0;
    }
    expect(peak).toBe(3);
    expect(pieces.join("")).toBe(
      JSON.stringify({ rows: Array.from({ length: 10 }, (_, i) => ({ i })) }, null, 2),
    );
  });

  it("refuses a marker missing or repeated", () => {
    const lazy: LazyArray = { length: 0, valueAt: () => null };
    expect(() => [...jsonChunks({ a: 1 }, [lazy])]).toThrow(/marker is not in the document once/);
    expect(() => [...jsonChunks({ a: lazyArrayMarker(0), b: lazyArrayMarker(0) }, [lazy])]).toThrow(
      /marker is not in the document once/,
    );
  });
});
