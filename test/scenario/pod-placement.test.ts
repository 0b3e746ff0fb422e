/**
 * The pod template's placement (nodeSelector, tolerations, node affinity): read into WorkloadTarget.scheduling
 * and rejected as the API server rejects it, one table row per rule with the exact error line.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/scenario/manifest-errors.js";
import { parseManifestDocuments } from "../../src/scenario/read-manifests.js";
import { readWorkloads } from "../../src/scenario/workload-manifest.js";
import { readScenarioFixture } from "./scenario-fixtures.js";

/** A Deployment "web" whose pod spec gets `podSpec` merged in. */
function deployment(podSpec: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image: "web:1" }], ...podSpec },
      },
    },
  };
}

function read(podSpec: Record<string, unknown>) {
  const [w] = readWorkloads([deployment(podSpec)], "web.yaml");
  return w;
}

function errorOf(podSpec: Record<string, unknown>): InputError {
  try {
    read(podSpec);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

const P = "spec.template.spec";
const A = `${P}.affinity.nodeAffinity`;
const T = `${A}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
const PREF = `${A}.preferredDuringSchedulingIgnoredDuringExecution`;
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** Required node affinity with these terms. */
function required(nodeSelectorTerms: unknown): Record<string, unknown> {
  return {
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } },
  };
}
/** Required node affinity with one term of one requirement. */
function expr(requirement: Record<string, unknown>): Record<string, unknown> {
  return required([{ matchExpressions: [requirement] }]);
}
function field(requirement: Record<string, unknown>): Record<string, unknown> {
  return required([{ matchFields: [requirement] }]);
}
function preferred(terms: unknown): Record<string, unknown> {
  return { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms } } };
}
function tolerations(...list: Record<string, unknown>[]): Record<string, unknown> {
  return { tolerations: list };
}

/** [rule, pod spec fields, the field path of the error, the whole error line after `web.yaml: Deployment "web": `]. */
// biome-ignore format: a table
const INVALID: readonly [string, Record<string, unknown>, string, string][] = [
  // tolerations (ValidateTolerations)
  ["operator is Equal or Exists", tolerations({ key: "k", operator: "Gt", value: "1" }),
    `${P}.tolerations[0].operator`, `${P}.tolerations[0].operator: Unsupported value: "Gt": supported values: "Equal", "Exists"`],
  ["Exists takes no value", tolerations({ key: "dedicated", operator: "Exists", value: "gpu", effect: "NoSchedule" }),
    `${P}.tolerations[0].operator`, `${P}.tolerations[0].operator: Invalid value: core.Toleration{Key:"dedicated", Operator:"Exists", Value:"gpu", Effect:"NoSchedule", TolerationSeconds:(*int64)(nil)}: value must be empty when \`operator\` is 'Exists'`],
  ["an empty key needs Exists (Equal written)", tolerations({ operator: "Equal" }),
    `${P}.tolerations[0].operator`, `${P}.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when \`key\` is empty, which means "match all values and all keys"`],
  ["an empty key needs Exists (operator absent = Equal)", tolerations({ effect: "NoSchedule" }),
    `${P}.tolerations[0].operator`, `${P}.tolerations[0].operator: Invalid value: "": operator must be Exists when \`key\` is empty, which means "match all values and all keys"`],
  ["effect is NoSchedule, PreferNoSchedule or NoExecute", tolerations({ key: "k", operator: "Exists", effect: "NoScheduleNoAdmit" }),
    `${P}.tolerations[0].effect`, `${P}.tolerations[0].effect: Unsupported value: "NoScheduleNoAdmit": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"`],
  ["tolerationSeconds only with NoExecute", tolerations({ key: "k", operator: "Exists", effect: "NoSchedule", tolerationSeconds: 300 }),
    `${P}.tolerations[0].effect`, `${P}.tolerations[0].effect: Invalid value: "NoSchedule": effect must be 'NoExecute' when \`tolerationSeconds\` is set`],
  ["tolerationSeconds with every effect (empty) is not NoExecute", tolerations({ key: "k", operator: "Exists", tolerationSeconds: 60 }),
    `${P}.tolerations[0].effect`, `${P}.tolerations[0].effect: Invalid value: "": effect must be 'NoExecute' when \`tolerationSeconds\` is set`],
  ["the key is a label name", tolerations({ key: "k", operator: "Exists" }, { key: "bad key", operator: "Exists" }),
    `${P}.tolerations[1].key`, `${P}.tolerations[1].key: Invalid value: "bad key": ${NAME_PART}`],
  ["an Equal value is a label value", tolerations({ key: "k", value: "bad value" }),
    `${P}.tolerations[0].operator`, `${P}.tolerations[0].operator: Invalid value: "bad value": ${LABEL_VALUE}`],
  // nodeSelector (ValidateLabels)
  ["nodeSelector values are label values", { nodeSelector: { disk: "fast ssd" } },
    `${P}.nodeSelector`, `${P}.nodeSelector: Invalid value: "fast ssd": ${LABEL_VALUE}`],
  ["nodeSelector keys are label names", { nodeSelector: { "/disk": "ssd" } },
    `${P}.nodeSelector`, `${P}.nodeSelector: Invalid value: "/disk": prefix part must be non-empty`],
  // required node affinity (ValidateNodeSelector, ValidateNodeSelectorRequirement)
  ["at least one term", required([]),
    T, `${T}: Required value: must have at least one node selector term`],
  ["at least one term (nodeSelectorTerms absent)", { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } } },
    T, `${T}: Required value: must have at least one node selector term`],
  ["In needs values", expr({ key: "zone", operator: "In" }),
    `${T}[0].matchExpressions[0].values`, `${T}[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`],
  ["NotIn needs values", expr({ key: "zone", operator: "NotIn", values: [] }),
    `${T}[0].matchExpressions[0].values`, `${T}[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`],
  ["Exists takes no values", expr({ key: "gpu", operator: "Exists", values: ["yes"] }),
    `${T}[0].matchExpressions[0].values`, `${T}[0].matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`],
  ["DoesNotExist takes no values", expr({ key: "spot", operator: "DoesNotExist", values: ["true"] }),
    `${T}[0].matchExpressions[0].values`, `${T}[0].matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`],
  ["Gt takes exactly one value", expr({ key: "cores", operator: "Gt", values: ["4", "8"] }),
    `${T}[0].matchExpressions[0].values`, `${T}[0].matchExpressions[0].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`],
  ["Lt takes exactly one value", expr({ key: "cores", operator: "Lt" }),
    `${T}[0].matchExpressions[0].values`, `${T}[0].matchExpressions[0].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`],
  ["operator is one of In, NotIn, Exists, DoesNotExist, Gt, Lt", expr({ key: "zone", operator: "Equals", values: ["a"] }),
    `${T}[0].matchExpressions[0].operator`, `${T}[0].matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator`],
  ["the key is a label name", expr({ key: "bad key", operator: "Exists" }),
    `${T}[0].matchExpressions[0].key`, `${T}[0].matchExpressions[0].key: Invalid value: "bad key": ${NAME_PART}`],
  ["required values are label values", required([{ matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] }, { matchExpressions: [{ key: "disk", operator: "In", values: ["ssd", "fast ssd"] }] }]),
    `${T}[1].matchExpressions[0].values[1]`, `${T}[1].matchExpressions[0].values[1]: Invalid value: "fast ssd": ${LABEL_VALUE}`],
  // matchFields (ValidateNodeFieldSelectorRequirement)
  ["matchFields selects metadata.name only", field({ key: "spec.nodeName", operator: "In", values: ["n1"] }),
    `${T}[0].matchFields[0].key`, `${T}[0].matchFields[0].key: Invalid value: "spec.nodeName": not a valid field selector key`],
  ["matchFields In takes exactly one value", field({ key: "metadata.name", operator: "In", values: ["a", "b"] }),
    `${T}[0].matchFields[0].values`, `${T}[0].matchFields[0].values: Required value: must be only one value when \`operator\` is 'In' or 'NotIn' for node field selector`],
  ["matchFields operator is In or NotIn", field({ key: "metadata.name", operator: "Exists" }),
    `${T}[0].matchFields[0].operator`, `${T}[0].matchFields[0].operator: Invalid value: "Exists": not a valid selector operator`],
  // preferred terms (ValidatePreferredSchedulingTerms): validated, then ignored
  ["preferred weight at least 1", preferred([{ weight: 0, preference: { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] } }]),
    `${PREF}[0].weight`, `${PREF}[0].weight: Invalid value: 0: must be in the range 1-100`],
  ["preferred weight at most 100", preferred([{ weight: 101, preference: {} }]),
    `${PREF}[0].weight`, `${PREF}[0].weight: Invalid value: 101: must be in the range 1-100`],
  ["preferred requirements are checked", preferred([{ weight: 10, preference: { matchExpressions: [{ key: "zone", operator: "Near", values: ["a"] }] } }]),
    `${PREF}[0].preference.matchExpressions[0].operator`, `${PREF}[0].preference.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator`],
  // strict decoding
  ["unknown toleration field", tolerations({ key: "k", operator: "Exists", tolerationSecond: 5 }),
    `${P}.tolerations[0].tolerationSecond`, `strict decoding error: unknown field "${P}.tolerations[0].tolerationSecond"`],
  ["unknown node affinity field", { affinity: { nodeAffinity: { requiredDuringSchedulingRequiredDuringExecution: {} } } },
    `${A}.requiredDuringSchedulingRequiredDuringExecution`, `strict decoding error: unknown field "${A}.requiredDuringSchedulingRequiredDuringExecution"`],
  ["tolerationSeconds is an integer", tolerations({ key: "k", operator: "Exists", effect: "NoExecute", tolerationSeconds: "300" }),
    `${P}.tolerations[0].tolerationSeconds`, `${P}.tolerations[0].tolerationSeconds: Invalid value: "300": must be an integer`],
  ["nodeSelector is a map of strings", { nodeSelector: { disk: 1 } },
    `${P}.nodeSelector.disk`, `${P}.nodeSelector.disk: Invalid value: 1: must be a string`],
];

describe("pod placement: the API server's rules, one error line each", () => {
  it.each(INVALID)("%s", (_rule, podSpec, fieldPath, line) => {
    const e = errorOf(podSpec);
    expect(e.message).toBe(`web.yaml: Deployment "web": ${line}`);
    expect(e.fieldPath).toBe(fieldPath);
    expect(e.objectRef).toBe("Deployment/web");
    expect(e.violations).toHaveLength(1);
  });

  it("several violations are listed together, nodeSelector, affinity, then tolerations", () => {
    const e = errorOf({
      tolerations: [{ key: "k", operator: "Exists", value: "v" }],
      nodeSelector: { disk: "fast ssd" },
      ...required([]),
    });
    expect(e.message).toBe(
      [
        `web.yaml: Deployment "web" is invalid (3 errors):`,
        `  * ${P}.nodeSelector: Invalid value: "fast ssd": ${LABEL_VALUE}`,
        `  * ${T}: Required value: must have at least one node selector term`,
        `  * ${P}.tolerations[0].operator: Invalid value: core.Toleration{Key:"k", Operator:"Exists", Value:"v", Effect:"", TolerationSeconds:(*int64)(nil)}: value must be empty when \`operator\` is 'Exists'`,
      ].join("\n"),
    );
  });
});

describe("pod placement: what reaches the scheduler", () => {
  it("nodeSelector, tolerations (tolerationSeconds dropped) and the required terms", () => {
    const w = read({
      nodeSelector: { "node.kubernetes.io/instance-type": "m5.large" },
      tolerations: [
        { key: "dedicated", operator: "Equal", value: "web", effect: "NoSchedule" },
        { operator: "Exists" },
        {
          key: "node.kubernetes.io/unreachable",
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: 300,
        },
      ],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  {
                    key: "topology.kubernetes.io/zone",
                    operator: "In",
                    values: ["eu-west-1a", "eu-west-1b"],
                  },
                  { key: "cores", operator: "Gt", values: ["3"] },
                  { key: "spot", operator: "DoesNotExist" },
                ],
              },
              {},
            ],
          },
          // accepted and ignored: the scheduler model does not score; an invalid label value is allowed here
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 50,
              preference: { matchExpressions: [{ key: "disk", operator: "In", values: ["fast ssd"] }] },
            },
          ],
        },
        podAntiAffinity: { anything: "accepted unread" },
      },
    });
    expect(w?.scheduling).toStrictEqual({
      nodeSelector: { "node.kubernetes.io/instance-type": "m5.large" },
      tolerations: [
        { key: "dedicated", operator: "Equal", value: "web", effect: "NoSchedule" },
        { operator: "Exists" },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
      ],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  {
                    key: "topology.kubernetes.io/zone",
                    operator: "In",
                    values: ["eu-west-1a", "eu-west-1b"],
                  },
                  { key: "cores", operator: "Gt", values: ["3"] },
                  { key: "spot", operator: "DoesNotExist" },
                ],
              },
              {}, // an empty term matches no node, as upstream
            ],
          },
        },
      },
    });
    expect(w?.warnings).toStrictEqual([]);
  });

  it("matchFields metadata.name is matched against the hostname label, with a warning", () => {
    const w = read(
      required([{ matchFields: [{ key: "metadata.name", operator: "NotIn", values: ["general-1"] }] }]),
    );
    expect(w?.scheduling).toStrictEqual({
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: "kubernetes.io/hostname", operator: "NotIn", values: ["general-1"] },
                ],
              },
            ],
          },
        },
      },
    });
    expect(w?.warnings).toStrictEqual([
      `web.yaml: Deployment "web": ${T}[0].matchFields[0]: metadata.name NotIn ["general-1"] is matched against the node label kubernetes.io/hostname (the node name in the model)`,
    ]);
  });

  it("nothing that constrains placement: no scheduling field", () => {
    expect(read({})?.scheduling).toBeUndefined();
    expect(
      read({ nodeSelector: {}, tolerations: [], affinity: { podAffinity: {} } })?.scheduling,
    ).toBeUndefined();
    expect(read(preferred([{ weight: 1, preference: {} }]))?.scheduling).toBeUndefined();
    expect(read({ nodeSelector: null, tolerations: null, affinity: null })?.scheduling).toBeUndefined();
  });

  it("a real `kubectl get deploy -o yaml` export (preferred pod anti-affinity) still loads", () => {
    const file = "kubectl-get-deploy.yaml";
    const [web] = readWorkloads(parseManifestDocuments(readScenarioFixture(file), file), file);
    expect(web?.name).toBe("web");
    // its one ScheduleAnyway zone constraint is read for the scheduler (pod-topology-spread.ts)
    expect(web?.scheduling).toStrictEqual({
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: "topology.kubernetes.io/zone",
          whenUnsatisfiable: "ScheduleAnyway",
          labelSelector: { matchLabels: { app: "web" } },
        },
      ],
    });
  });
});
