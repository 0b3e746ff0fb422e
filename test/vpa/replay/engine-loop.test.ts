/**
 * The three steps driven the way an engine loop would drive them (one minute apart: recommender, then
 * updater; evicted pods recreated at once through admission), and the input built from a real manifest.
 * The timeline is hand-derived from the confidence formula of the lower bound.
 */
import { describe, expect, it } from "vitest";
import { parseManifestDocuments } from "../../../src/scenario/read-manifests.js";
import { readVerticalPodAutoscalers } from "../../../src/scenario/vpa-manifest.js";
import { admitPod } from "../../../src/vpa/replay/admission.js";
import { buildVpaReplayInput } from "../../../src/vpa/replay/config.js";
import { newVpaRecommenderState, recommenderStep } from "../../../src/vpa/replay/recommender-step.js";
import type { VpaPod } from "../../../src/vpa/replay/types.js";
import { newVpaUpdaterState, updaterStep } from "../../../src/vpa/replay/updater-step.js";
import { m, makeTemplate, res, T0 } from "./builders.js";

const VPA = `apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata:
  name: web
spec:
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  updatePolicy:
    updateMode: Recreate
  resourcePolicy:
    containerPolicies:
      - containerName: "*"
        controlledResources: ["cpu"]
`;

describe("an engine loop over the replayed VPA", () => {
  const [vpa] = readVerticalPodAutoscalers(parseManifestDocuments(VPA, "vpa.yaml"), "vpa.yaml");
  if (vpa === undefined) throw new Error("no VPA read");
  // 4 replicas requesting 100m (limit 200m), each using 300m.
  const template = [makeTemplate({ requests: res(100), limits: res(200) })];
  const input = buildVpaReplayInput(vpa, template);

  let rState = newVpaRecommenderState();
  let uState = newVpaUpdaterState();
  let next = 0;
  const newPod = (now: number): VpaPod => {
    const admitted = admitPod(input, rState.recommendation);
    return {
      name: `web-${next++}`,
      creationTime: now,
      startTime: now,
      phase: "Running",
      scheduled: true,
      deleting: false,
      containers: admitted.containers.map((c) => ({ name: c.name, requests: c.requests, limits: c.limits })),
    };
  };
  let pods = [newPod(T0), newPod(T0), newPod(T0), newPod(T0)];
  const evictions: [number, string[]][] = [];
  for (let k = 0; k <= 10; k++) {
    const now = T0 + 60 * k;
    const metrics = pods.map((p) => ({
      pod: p.name,
      timestamp: now,
      windowSeconds: 15,
      containers: [{ name: "app", usage: res(300, 0) }],
    }));
    rState = recommenderStep(input, rState, { pods, metrics, ooms: [] }, now).state;
    const u = updaterStep(
      input,
      uState,
      { pods, configuredReplicas: 4, recommendation: rState.recommendation },
      now,
    );
    uState = u.state;
    if (u.evictions.length > 0) evictions.push([k, u.evictions.map((e) => e.pod)]);
    const gone = new Set(u.evictions.map((e) => e.pod));
    pods = [...pods.filter((p) => !gone.has(p.name)), ...u.evictions.map(() => newPod(now))];
  }

  it("reads the manifest into the input: Recreate, cpu only, the default --min-replicas 2", () => {
    expect([input.updateMode, input.minReplicas, input.config.updaterIntervalSeconds]).toEqual([
      "Recreate",
      2,
      60,
    ]);
  });

  it("evicts once the lower bound passes the 100m request: 2 pods at minute 2, 2 more at minute 3", () => {
    // 4 pods, one CPU sample each a minute: at minute k confidence = min(k/1440, 4(k+1)/1440) = k/1440 days.
    // lower = trunc(350 × (1 + 0.001 × 1440/k)^-2): k=1 -> 58m (inside), k=2 -> 118m, k=3 -> 159m (> 100m).
    // Tolerance floor(4 × 0.5) = 2 evictions per loop; the recreated pods request the 350m target.
    expect(evictions).toEqual([
      [2, ["web-0", "web-1"]],
      [3, ["web-2", "web-3"]],
    ]);
  });

  it("recreated pods get the target and the template's 2:1 limit; then nothing moves", () => {
    expect(pods.map((p) => p.containers[0]?.requests.cpu)).toEqual([m(350), m(350), m(350), m(350)]);
    expect(pods.map((p) => p.containers[0]?.limits.cpu)).toEqual([m(700), m(700), m(700), m(700)]);
  });
});
