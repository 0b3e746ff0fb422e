import { describe, expect, it } from "vitest";
import { InputError } from "../../src/scenario/manifest-errors.js";
import { parseManifestDocuments } from "../../src/scenario/read-manifests.js";
import { readWorkloads } from "../../src/scenario/workload-manifest.js";
import { readScenarioFixture, readScenarioJson } from "./scenario-fixtures.js";

const MI = 1024n * 1024n;

function read(text: string, file = "web.yaml", podLevelResources = true) {
  return readWorkloads(parseManifestDocuments(text, file), file, {
    featureGates: { PodLevelResources: podLevelResources },
  });
}

describe("readWorkloads: a real `kubectl get deploy -o yaml` export", () => {
  const [web] = read(readScenarioFixture("kubectl-get-deploy.yaml"), "kubectl-get-deploy.yaml");

  it("reads name, namespace, replicas and the selector string sorted by key", () => {
    expect(web?.kind).toBe("Deployment");
    expect(web?.name).toBe("web");
    expect(web?.namespace).toBe("shop");
    expect(web?.replicas).toBe(3);
    // matchLabels {tier: front, app: web} -> sorted by key
    expect(web?.selector).toBe("app=web,tier=front");
    expect(web?.podLabels).toStrictEqual({ app: "web", tier: "front", version: "1.4.2" });
    expect(web?.terminationGracePeriodSeconds).toBe(45);
  });

  it("reads init containers (classic and sidecar) before the regular ones, with exact milli-units", () => {
    expect(web?.containers).toStrictEqual([
      { name: "migrate", requests: { cpu: 100n }, limits: {}, init: true },
      {
        name: "log-shipper",
        requests: { cpu: 50n, memory: 64n * MI * 1000n },
        limits: { memory: 64n * MI * 1000n },
        restartPolicy: "Always",
        init: true,
      },
      {
        name: "web",
        // 500m -> 500 millicores; 256Mi -> 268435456 bytes = 268435456000 milli-bytes
        requests: { cpu: 500n, memory: 256n * MI * 1000n },
        limits: { cpu: 1000n, memory: 512n * MI * 1000n },
      },
    ]);
    expect(web?.podRequests).toBeUndefined();
    expect(web?.warnings).toStrictEqual([]);
  });
});

describe("readWorkloads: defaults and other kinds", () => {
  const minimal = [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata: {name: api}",
    "spec:",
    "  selector: {matchLabels: {app: api}}",
    "  template:",
    "    metadata: {labels: {app: api}}",
    "    spec: {containers: [{name: api, image: api:1}]}",
  ].join("\n");

  it("defaults namespace, replicas and the grace period", () => {
    const [api] = read(minimal);
    expect(api?.namespace).toBe("default");
    expect(api?.replicas).toBe(1);
    expect(api?.terminationGracePeriodSeconds).toBe(30);
    expect(api?.containers).toStrictEqual([{ name: "api", requests: {}, limits: {} }]);
  });

  it("skips kinds it does not model and keeps document order", () => {
    const text = [
      "kind: Service\napiVersion: v1\nmetadata: {name: api}",
      minimal,
      minimal.replace(/\bapi\b/g, "b"),
    ].join("\n---\n");
    expect(read(text).map((w) => w.name)).toStrictEqual(["api", "b"]);
  });

  it("reads a StatefulSet with matchExpressions and keeps podManagementPolicy (default OrderedReady)", () => {
    const [db] = read(readScenarioFixture("statefulset.yaml"));
    expect(db?.kind).toBe("StatefulSet");
    expect(db?.selector).toBe("app=db,role in (primary,replica)");
    expect(db?.podManagementPolicy).toBe("OrderedReady");
    // cpu: 2 (a bare number) -> 2000 millicores
    expect(db?.containers[0]?.requests.cpu).toBe(2000n);
  });

  it("reads pod-level resources, and drops them when the gate is off (as the API server does)", () => {
    const text = minimal.replace(
      "spec: {containers:",
      "spec: {resources: {requests: {cpu: 750m}, limits: {cpu: 1500m}}, containers:",
    );
    const [on] = read(text);
    expect(on?.podRequests).toStrictEqual({ cpu: 750n });
    expect(on?.podLimits).toStrictEqual({ cpu: 1500n });
    const [off] = read(text, "web.yaml", false);
    expect(off?.podRequests).toBeUndefined();
  });

  it("accepts a negative grace period with the API server's warning and treats it as 1", () => {
    const [api] = read(
      minimal.replace("spec: {containers:", "spec: {terminationGracePeriodSeconds: -5, containers:"),
    );
    expect(api?.terminationGracePeriodSeconds).toBe(1);
    expect(api?.warnings).toStrictEqual([
      'web.yaml: Deployment "api": spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
    ]);
  });
});

interface InvalidCase {
  readonly name: string;
  readonly manifest: string;
  readonly expectFieldPath: string;
  readonly expectMessageContains: string;
  readonly expectViolationCount?: number;
}

function readError(manifest: string): InputError {
  try {
    read(manifest);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("readWorkloads: API-server validation", () => {
  for (const c of readScenarioJson<InvalidCase[]>("invalid-workloads.json")) {
    it(c.name, () => {
      const err = readError(c.manifest);
      const atPath = err.violations.filter((v) => v.fieldPath === c.expectFieldPath).map((v) => v.message);
      expect(
        atPath.some((m) => m.includes(c.expectMessageContains)),
        `no violation at ${c.expectFieldPath} reads "${c.expectMessageContains}"; got:\n${err.message}`,
      ).toBe(true);
      if (c.expectViolationCount !== undefined) expect(err.violations).toHaveLength(c.expectViolationCount);
    });
  }

  it("names file, object, field path and rule in one line", () => {
    const err = readError(
      readScenarioFixture("kubectl-get-deploy.yaml").replace("cpu: 500m\n", "cpu: 1500m\n"),
    );
    expect(err.message).toBe(
      'web.yaml: Deployment "web": spec.template.spec.containers[0].resources.requests: ' +
        'Invalid value: "1500m": must be less than or equal to cpu limit of 1',
    );
    expect(err.objectRef).toBe("Deployment/web");
    expect(err.fieldPath).toBe("spec.template.spec.containers[0].resources.requests");
    expect(err.rule).toBe("must be less than or equal to cpu limit of 1");
  });
});
