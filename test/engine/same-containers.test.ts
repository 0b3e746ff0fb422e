/** Admitted pods share a template only when their containers are equal by value, resource order included. */
import { describe, expect, it } from "vitest";
import { sameContainers, sameResourceList } from "../../src/engine/same-containers.js";

const c = (name: string, requests: Record<string, bigint>, limits: Record<string, bigint> = {}) => ({
  name,
  requests,
  limits,
});

describe("sameContainers", () => {
  it("is true for equal values in distinct objects", () => {
    expect(
      sameContainers(
        [c("a", { cpu: 100n, memory: 5n }, { cpu: 200n })],
        [c("a", { cpu: 100n, memory: 5n }, { cpu: 200n })],
      ),
    ).toBe(true);
  });

  it("tells apart names, amounts, missing resources, resource order and container count", () => {
    const base = [c("a", { cpu: 100n, memory: 5n })];
    expect(sameContainers(base, [c("b", { cpu: 100n, memory: 5n })])).toBe(false);
    expect(sameContainers(base, [c("a", { cpu: 101n, memory: 5n })])).toBe(false);
    expect(sameContainers(base, [c("a", { cpu: 100n })])).toBe(false);
    expect(sameContainers(base, [c("a", { memory: 5n, cpu: 100n })])).toBe(false);
    expect(sameContainers(base, [c("a", { cpu: 100n, memory: 5n }, { cpu: 1n })])).toBe(false);
    expect(sameContainers(base, [...base, c("b", {})])).toBe(false);
    expect(sameResourceList({ cpu: 1n }, { cpu: 1n, memory: undefined as unknown as bigint })).toBe(false);
  });
});
