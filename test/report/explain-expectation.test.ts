/** `explain`'s verdict on an expect block: a value the sync did not compute is said in words, with why. */
import { describe, expect, it } from "vitest";
import type { SyncResult } from "../../src/hpa/controller.js";
import {
  mismatchData,
  missingValueReason,
  renderExpectationText,
} from "../../src/report/explain-expectation.js";

/** A sync result with only what the verdict reads: the conditions and the events. */
function syncWith(conditions: SyncResult["status"]["conditions"], events: SyncResult["events"]): SyncResult {
  return { status: { currentReplicas: 4, desiredReplicas: 4, conditions }, events } as unknown as SyncResult;
}

const failedScale = syncWith(
  [
    {
      type: "AbleToScale",
      status: "False",
      reason: "FailedGetScale",
      message: "the HPA controller was unable to get the target's current scale: boom",
    },
  ],
  [{ type: "Warning", reason: "FailedGetScale", message: "boom" }],
);

describe("missingValueReason", () => {
  it("names the condition that stopped the sync", () => {
    expect(missingValueReason("cpuUtilization", failedScale)).toBe(
      "the sync computed no cpu utilization (FailedGetScale: the HPA controller was unable to get the target's current scale: boom)",
    );
  });

  it("falls back on the first warning when every condition is True", () => {
    const r = syncWith(
      [{ type: "ScalingActive", status: "True", reason: "ValidMetricFound" }],
      [
        { type: "Normal", reason: "SuccessfulRescale", message: "New size: 5" },
        { type: "Warning", reason: "FailedGetResourceMetric", message: "no metrics for cpu" },
      ],
    );
    expect(missingValueReason("cpuUtilization", r)).toBe(
      "the sync computed no cpu utilization (FailedGetResourceMetric: no metrics for cpu)",
    );
  });

  it("without a failure, says the HPA has no cpu utilization to report", () => {
    const r = syncWith([{ type: "ScalingActive", status: "True", reason: "ValidMetricFound" }], []);
    expect(missingValueReason("cpuUtilization", r)).toBe(
      "the sync computed no cpu utilization (the HPA has no Resource metric for cpu, or it produced no utilization)",
    );
  });

  it("a condition without a message gives its reason alone", () => {
    const r = syncWith([{ type: "ScalingActive", status: "False", reason: "ScalingDisabled" }], []);
    expect(missingValueReason("conditions[2].reason", r)).toBe(
      "the sync computed no conditions[2].reason (ScalingDisabled)",
    );
  });
});

describe("renderExpectationText and mismatchData", () => {
  const check = [
    { path: "desiredReplicas", expected: 7, actual: 4 },
    { path: "cpuUtilization", expected: 80, actual: undefined },
  ];

  it("text: present values as JSON, a missing one as none with its reason", () => {
    expect(renderExpectationText(check, failedScale)).toBe(
      "\nExpectation:       DIFFERS from the snapshot's expect block:\n" +
        "  desiredReplicas: expected 7, got 4\n" +
        "  cpuUtilization: expected 80, got none: the sync computed no cpu utilization (FailedGetScale: the HPA controller was unable to get the target's current scale: boom)\n",
    );
    expect(renderExpectationText([], failedScale)).toBe(
      "\nExpectation:       matches the snapshot's expect block\n",
    );
  });

  it("data: a missing value is null, with the reason in `missing`", () => {
    expect(mismatchData(check, failedScale)).toEqual([
      { path: "desiredReplicas", expected: 7, actual: 4 },
      {
        path: "cpuUtilization",
        expected: 80,
        actual: null,
        missing:
          "the sync computed no cpu utilization (FailedGetScale: the HPA controller was unable to get the target's current scale: boom)",
      },
    ]);
  });
});
