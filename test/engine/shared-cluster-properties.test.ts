/**
 * Invariants with two workloads (each with its own HPA, one with a VPA in Recreate mode) on one cluster, over
 * random requests, bursts, node shapes and seeds: no node over-committed, no pod bound to a node that is not
 * Ready, each workload's replicas within its HPA's bounds and its load conserved, and determinism.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { freeResources } from "../../src/cluster/node-groups.js";
import type { RunInputs, WorkloadInputs } from "../../src/engine/run-inputs.js";
import { simulate } from "../../src/engine/simulate.js";
import { parseManifestDocuments } from "../../src/scenario/read-manifests.js";
import { readVerticalPodAutoscalers } from "../../src/scenario/vpa-manifest.js";
import { buildVpaReplayInput } from "../../src/vpa/replay/index.js";
import { makeRunInputs } from "./builders.js";
import { clusterOf, generalGroup } from "./cluster-builders.js";

const arbCase = fc.record({
  webRequest: fc.integer({ min: 100, max: 1200 }),
  jobsRequest: fc.integer({ min: 100, max: 1200 }),
  nodeCpuMilli: fc.integer({ min: 1500, max: 4000 }),
  maxNodes: fc.integer({ min: 1, max: 4 }),
  webHigh: fc.integer({ min: 0, max: 2000 }),
  jobsHigh: fc.integer({ min: 0, max: 2000 }),
  jobsAt: fc.integer({ min: 0, max: 400 }),
  withVpa: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1000 }),
});
type Case = typeof arbCase extends fc.Arbitrary<infer T> ? T : never;

const VPA = `apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: web}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  updatePolicy: {updateMode: Recreate}
  resourcePolicy: {containerPolicies: [{containerName: "*", controlledResources: [cpu]}]}
`;

function inputsFor(c: Case): RunInputs {
  const shape = { cpuMilli: c.nodeCpuMilli, memBytes: 8 * 1024 ** 3, pods: 110 };
  const web = makeRunInputs({
    replicas: 2,
    maxReplicas: 10,
    cpuRequestMilli: BigInt(c.webRequest),
    demand: [
      [0, 50],
      [30, c.webHigh],
    ],
    durationSeconds: 900,
    seed: c.seed,
    cluster: clusterOf([
      generalGroup({ capacity: shape, allocatable: shape, initialSize: 1, maxSize: c.maxNodes }),
    ]),
  });
  const jobsBase = makeRunInputs({
    replicas: 1,
    maxReplicas: 8,
    cpuRequestMilli: BigInt(c.jobsRequest),
    demand: [
      [0, 20],
      [c.jobsAt, c.jobsHigh],
    ],
    durationSeconds: 900,
  });
  const jobs: WorkloadInputs = {
    hpa: {
      ...jobsBase.hpa,
      metadata: { name: "jobs", namespace: "default" },
      spec: {
        ...jobsBase.hpa.spec,
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "jobs" },
      },
    },
    target: { ...jobsBase.target, name: "jobs", podLabels: { app: "jobs" }, selector: "app=jobs" },
    usage: jobsBase.usage,
    demand: jobsBase.demand,
    lifecycle: jobsBase.lifecycle,
  };
  const [vpa] = readVerticalPodAutoscalers(parseManifestDocuments(VPA, "vpa.yaml"), "vpa.yaml");
  return {
    ...web,
    otherWorkloads: [jobs],
    ...(c.withVpa && vpa !== undefined ? { vpa: buildVpaReplayInput(vpa, web.target.containers) } : {}),
  };
}

describe("two workloads on one cluster: properties", () => {
  it("no node over-committed, pods only on Ready nodes, replicas within bounds, load conserved", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const r = simulate(inputsFor(c), {
          onClusterStep: (v) => {
            const byName = new Map(v.nodes.map((n) => [n.name, n]));
            for (const n of v.nodes) {
              const f = freeResources(n);
              expect(f.cpuMilli).toBeGreaterThanOrEqual(0);
              expect(f.memBytes).toBeGreaterThanOrEqual(0);
              expect(n.bound.pods).toBe(v.bindings.filter((b) => b.node === n.name).length);
            }
            for (const b of v.bindings) {
              const n = byName.get(b.node);
              if (b.boundAt >= 0) expect(n?.readyAt as number).toBeLessThanOrEqual(b.boundAt);
            }
          },
        });
        const bounds = [
          [1, 10],
          [1, 8],
        ] as const;
        (r.workloads ?? []).forEach((w, i) => {
          const [min, max] = bounds[i] ?? [0, 0];
          for (const row of w.timeline) {
            expect(row.replicas).toBeGreaterThanOrEqual(min);
            expect(row.replicas).toBeLessThanOrEqual(max);
            expect(row.served + row.unserved).toBeCloseTo(row.demand, 9);
          }
        });
        expect(r.workloads).toHaveLength(2);
      }),
      { numRuns: 20, seed: 777 },
    );
  });

  it("is deterministic: the same inputs give the same result", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        expect(JSON.stringify(simulate(inputsFor(c)))).toBe(JSON.stringify(simulate(inputsFor(c))));
      }),
      { numRuns: 8, seed: 778 },
    );
  });
});
