/**
 * The VPA replay of vpa-replay.test.ts: four pods requesting 100m and using 300m each, the HPA pinned at 4
 * replicas, a VerticalPodAutoscaler on the cpu of every container in the given update mode.
 */
import type { RunInputs } from "../../src/engine/run-inputs.js";
import { parseManifestDocuments } from "../../src/scenario/read-manifests.js";
import { readVerticalPodAutoscalers } from "../../src/scenario/vpa-manifest.js";
import { buildVpaReplayInput } from "../../src/vpa/replay/index.js";
import { makeRunInputs } from "./builders.js";

/** The VPA in `mode` as read from its manifest, for the workload of `base`. */
function vpaInput(mode: string, base: RunInputs) {
  const text = `apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: web}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  updatePolicy: {updateMode: ${mode}}
  resourcePolicy:
    containerPolicies: [{containerName: "*", controlledResources: [cpu]}]
`;
  const [vpa] = readVerticalPodAutoscalers(parseManifestDocuments(text, "vpa.yaml"), "vpa.yaml");
  if (vpa === undefined) throw new Error("no VPA");
  return buildVpaReplayInput(vpa, base.target.containers);
}

/** The replay with the VPA in `mode` (Off, Initial, Recreate, Auto, InPlaceOrRecreate); `over` replaces inputs. */
export function vpaRun(mode: string, over: Partial<RunInputs> = {}): RunInputs {
  const base = makeRunInputs({
    replicas: 4,
    minReplicas: 4,
    maxReplicas: 4,
    cpuRequestMilli: 100n,
    demand: [[0, 100]],
    durationSeconds: 900,
    recordEverySeconds: 60,
    // 0.3 cores per Ready pod whatever its share of the load
    usage: { cpu: () => 0.3 },
  });
  return { ...base, vpa: vpaInput(mode, base), ...over };
}
