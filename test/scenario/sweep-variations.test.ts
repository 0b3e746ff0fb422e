/**
 * sweep-variations.ts and sweep-sources.ts: --vary parsed (paths, lists, ranges, errors), every combination in
 * order, a value set on a copy, and one combination's sources with the HPA, its workload or the Scenario edited
 * wherever they are.
 */

import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { sweepSources } from "../../src/scenario/sweep-sources.js";
import {
  combinations,
  MAX_COMBINATIONS,
  parseVariation,
  SweepError,
  withValue,
} from "../../src/scenario/sweep-variations.js";

describe("--vary", () => {
  it.each([
    ["hpa.spec.maxReplicas=10,20,40", "hpa", ["spec", "maxReplicas"], [10, 20, 40]],
    [
      "hpa.spec.behavior.scaleDown.policies[0].value=10..30/10",
      "hpa",
      ["spec", "behavior", "scaleDown", "policies", 0, "value"],
      [10, 20, 30],
    ],
    [
      "hpa.spec.behavior.scaleDown.policies[0].type=Percent,Pods",
      "hpa",
      ["spec", "behavior", "scaleDown", "policies", 0, "type"],
      ["Percent", "Pods"],
    ],
    [
      "workload.spec.template.spec.containers[0].resources.requests.cpu=250m,500m",
      "workload",
      ["spec", "template", "spec", "containers", 0, "resources", "requests", "cpu"],
      ["250m", "500m"],
    ],
    [
      "scenario.spec.pods.startupSeconds=0.5..1.5/0.5",
      "scenario",
      ["spec", "pods", "startupSeconds"],
      [0.5, 1, 1.5],
    ],
    [
      "scenario.spec.controller.featureGates.HPAScaleToZero=true,false",
      "scenario",
      ["spec", "controller", "featureGates", "HPAScaleToZero"],
      [true, false],
    ],
    ["hpa.spec.minReplicas=0.1..0.3/0.1", "hpa", ["spec", "minReplicas"], [0.1, 0.2, 0.3]],
    [
      "scenario.spec.workload.usage.cpu=20m + 4m * load, max(20m, 3m * load),min(1, [2][0])",
      "scenario",
      ["spec", "workload", "usage", "cpu"],
      ["20m + 4m * load", "max(20m, 3m * load)", "min(1, [2][0])"],
    ],
  ])("%s", (arg, document, path, values) => {
    expect(parseVariation(arg)).toEqual({ name: arg.slice(0, arg.indexOf("=")), document, path, values });
  });

  it.each([
    ["hpa.spec.maxReplicas", "expected PATH=VALUES"],
    ["deployment.spec.replicas=1,2", "the path must start with hpa., workload. or scenario."],
    ["hpa=1", "the path must start with hpa., workload. or scenario."],
    ["hpa.spec.max-replicas!=1", "is not a field name"],
    [
      "hpa.spec.metrics.0.resource.target.averageUtilization=50",
      '"0" is not a field name (with optional [index]): a list index goes in brackets after the list, e.g. metrics[0]',
    ],
    ["hpa.spec.maxReplicas=10,,20", "an empty value"],
    ["hpa.spec.maxReplicas=30..10/10", "FROM <= TO and STEP > 0"],
    ["hpa.spec.maxReplicas=0..100000/1", "100001 values (at most 10000)"],
    // range typos are not taken for strings
    ["hpa.spec.maxReplicas=2..4", '"2..4" is not a range: write FROM..TO/STEP with numbers and a STEP > 0'],
    ["hpa.spec.maxReplicas=2..4/-1", '"2..4/-1" is not a range'],
    ["hpa.spec.maxReplicas=0..1/1e-12", '"0..1/1e-12" is not a range'],
    // names that are JavaScript's, not a field's
    ["hpa.__proto__.x=1,2", '"__proto__" is not a field of any Kubernetes or Scenario object'],
    ["scenario.spec.constructor=1", '"constructor" is not a field'],
  ])("refuses %s", (arg, message) => {
    expect(() => parseVariation(arg)).toThrow(SweepError);
    expect(() => parseVariation(arg)).toThrow(message);
  });

  it("combinations: every one, the first variation changing slowest", () => {
    const a = parseVariation("hpa.spec.minReplicas=1,2");
    const b = parseVariation("hpa.spec.maxReplicas=10,20,30");
    expect(combinations([a, b])).toEqual([
      [1, 10],
      [1, 20],
      [1, 30],
      [2, 10],
      [2, 20],
      [2, 30],
    ]);
    expect(combinations([])).toEqual([[]]);
  });

  it("withValue sets a copy, creating what is missing on the way", () => {
    const doc = { spec: { behavior: { scaleDown: { policies: [{ type: "Pods", value: 4 }] } } } };
    const out = withValue(doc, ["spec", "behavior", "scaleDown", "policies", 0, "value"], 2);
    expect(out).toEqual({ spec: { behavior: { scaleDown: { policies: [{ type: "Pods", value: 2 }] } } } });
    expect(doc.spec.behavior.scaleDown.policies[0]?.value).toBe(4);
    // the next index adds an entry
    expect(withValue({}, ["spec", "behavior", "scaleUp", "policies", 0, "value"], 5)).toEqual({
      spec: { behavior: { scaleUp: { policies: [{ value: 5 }] } } },
    });
    expect(withValue(doc, ["spec", "behavior", "scaleDown", "policies", 1, "type"], "Percent")).toEqual({
      spec: { behavior: { scaleDown: { policies: [{ type: "Pods", value: 4 }, { type: "Percent" }] } } },
    });
  });

  it("withValue refuses an index beyond the next one (it would invent the entries between)", () => {
    const doc = { spec: { metrics: [{ type: "Resource" }] } };
    expect(() => withValue(doc, ["spec", "metrics", 5, "type"], "Pods")).toThrow(SweepError);
    expect(() => withValue(doc, ["spec", "metrics", 5, "type"], "Pods")).toThrow(
      "[5] is past the end of a list of 1 entry: use an index up to 1 (1 adds an entry)",
    );
    expect(() => withValue({}, ["spec", "metrics", 99999999], 1)).toThrow(
      "past the end of a list of 0 entries",
    );
  });

  it("combinations: refuses more than MAX_COMBINATIONS before making any", () => {
    const a = parseVariation("hpa.spec.minReplicas=1..1000/1");
    const b = parseVariation("hpa.spec.maxReplicas=1..1000/1");
    expect(() => combinations([a, b])).toThrow(
      `--vary hpa.spec.minReplicas (1000 values) x --vary hpa.spec.maxReplicas (1000 values) make 1000000 combinations (at most ${MAX_COMBINATIONS})`,
    );
    expect(combinations([a, parseVariation("hpa.spec.maxReplicas=1..100/1")])).toHaveLength(MAX_COMBINATIONS);
  });
});

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 10
`;
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
`;
const SCENARIO = `apiVersion: kube-whatif.dev/v1alpha1
kind: Scenario
metadata: {name: s}
spec:
  manifests: [web.yaml]
  pods: {startupSeconds: 5}
`;

describe("one combination's sources", () => {
  const files: Record<string, string> = {
    "/s/web.yaml": `${HPA}---\n${DEPLOY}`,
    "/s/trace.csv": "t,v\n0,1\n",
  };
  const base = {
    manifests: [],
    scenario: { path: "/s/scenario.yaml", text: SCENARIO },
    readFile: (p: string) => files[p] as string,
  };
  const set = (arg: string, value: unknown) => ({ variation: parseVariation(`${arg}=1`), value });

  it("the HPA and its Deployment in a file the scenario lists, the Scenario in its own file", () => {
    const s = sweepSources(
      base,
      [
        set("hpa.spec.maxReplicas", 40),
        set("workload.spec.replicas", 7),
        set("scenario.spec.pods.startupSeconds", 30),
      ],
      null,
    );
    const docs = (s.readFile("/s/web.yaml") as string).split("---\n").map((t) => parse(t));
    expect(docs[0].spec.maxReplicas).toBe(40);
    expect(docs[1].spec.replicas).toBe(7);
    expect(parse(s.scenario?.text ?? "").spec.pods.startupSeconds).toBe(30);
    // a file with nothing to edit is read as it is
    expect(s.readFile("/s/trace.csv")).toBe(files["/s/trace.csv"]);
  });

  it("an HPA among the -f files", () => {
    const s = sweepSources(
      { manifests: [{ path: "a.yaml", text: HPA }], readFile: () => "" },
      [set("hpa.spec.maxReplicas", 3)],
      null,
    );
    expect(parse(s.manifests[0]?.text ?? "").spec.maxReplicas).toBe(3);
  });

  it.each([
    [
      [{ path: "a.yaml", text: DEPLOY }],
      "hpa.spec.maxReplicas",
      null,
      "no HorizontalPodAutoscaler among the manifests",
    ],
    [
      [{ path: "a.yaml", text: `${HPA}---\n${HPA.replace("name: web}", "name: api}")}` }],
      "hpa.spec.maxReplicas",
      null,
      "2 HorizontalPodAutoscalers among the manifests: choose one with --hpa",
    ],
    [[{ path: "a.yaml", text: HPA }], "hpa.spec.maxReplicas", "api", 'no HorizontalPodAutoscaler "api"'],
    [
      [{ path: "a.yaml", text: HPA }],
      "workload.spec.replicas",
      null,
      'no Deployment or StatefulSet "web" to set it in',
    ],
  ])("refuses %#: %s", (manifests, arg, hpa, message) => {
    expect(() =>
      sweepSources({ manifests, readFile: () => "" }, [set(arg as string, 1)], hpa as string | null),
    ).toThrow(message as string);
  });

  it('without any Scenario, a scenario field goes into one made of the varied fields (no file: path "")', () => {
    const manifests = [{ path: "a.yaml", text: HPA }];
    const out = sweepSources(
      { manifests, readFile: () => "" },
      [set("scenario.spec.pods.startupSeconds", 20)],
      null,
    );
    expect(out.manifests).toStrictEqual(manifests);
    expect(out.scenario?.path).toBe("");
    expect(parse(out.scenario?.text ?? "")).toStrictEqual({
      apiVersion: "kube-whatif.dev/v1alpha1",
      kind: "Scenario",
      metadata: { name: "sweep" },
      spec: { pods: { startupSeconds: 20 } },
    });
  });
});
