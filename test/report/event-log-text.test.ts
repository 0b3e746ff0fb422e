import { describe, expect, test } from "vitest";
import { condenseEvents, eventSource, renderEventLog } from "../../src/report/event-log-text.js";
import type { RunEvent } from "../../src/results/types.js";
import { makeEvent } from "./run-result-builder.js";

const UP = "New size: 3; reason: cpu resource utilization (percentage of request) above target";

describe("renderEventLog", () => {
  test("no events", () => {
    expect(renderEventLog({ events: [] })).toBe("Events:  <none>\n");
  });

  test("kubectl columns; consecutive equal events fold with a count; From by object kind", () => {
    const events: RunEvent[] = [
      makeEvent(0),
      makeEvent(3735), // same type+reason+message+object as the next two: x3 over 3735 -> 4035 = 300 s = 5m
      makeEvent(3750),
      makeEvent(4035),
      makeEvent(4100, { type: "Warning", reason: "FailedGetResourceMetric", message: "no metrics returned" }),
      makeEvent(4200, {
        reason: "ScalingReplicaSet",
        message: "Scaled up replica set web-1 to 3",
        object: "Deployment/web",
      }),
      makeEvent(4210, {
        reason: "SuccessfulCreate",
        message: "Created pod: web-1-abc",
        object: "ReplicaSet/web-1",
      }),
      makeEvent(4300, { reason: "Provisioned", message: "node added", object: "Node/n1" }),
    ];
    expect(renderEventLog({ events })).toBe(
      [
        "Events:",
        "  Type     Reason                   Time                From                       Message",
        "  ----     ------                   ----                ----                       -------",
        // t=0 and t=3735 are equal events too, so all four fold: x4 over 4035 s = 67m (kubectl: minutes < 180)
        `  Normal   SuccessfulRescale        t=0s (x4 over 67m)  horizontal-pod-autoscaler  ${UP}`,
        "  Warning  FailedGetResourceMetric  t=1h08m20s          horizontal-pod-autoscaler  no metrics returned",
        "  Normal   ScalingReplicaSet        t=1h10m00s          deployment-controller      Scaled up replica set web-1 to 3",
        "  Normal   SuccessfulCreate         t=1h10m10s          replicaset-controller      Created pod: web-1-abc",
        "  Normal   Provisioned              t=1h11m40s          Node/n1                    node added",
        "",
      ].join("\n"),
    );
  });

  test("the fold count and span", () => {
    const folded = condenseEvents([
      makeEvent(3735),
      makeEvent(3750),
      makeEvent(4035),
      makeEvent(4040, { message: "x" }),
    ]);
    expect(folded.map((c) => [c.first.t, c.count, c.lastT])).toEqual([
      [3735, 3, 4035],
      [4040, 1, 4040],
    ]);
    expect(renderEventLog({ events: folded.slice(0, 1).map((c) => c.first) })).toContain("t=1h02m15s");
    expect(renderEventLog({ events: [makeEvent(3735), makeEvent(3750), makeEvent(4035)] })).toContain(
      "t=1h02m15s (x3 over 5m)",
    );
  });

  test("non-consecutive equal events do not fold", () => {
    const events = [makeEvent(0), makeEvent(10, { message: "other" }), makeEvent(20)];
    expect(condenseEvents(events).map((c) => c.count)).toEqual([1, 1, 1]);
  });

  test("more than maxLines: first 10, `... N more events ...`, last 30", () => {
    // 60 distinct messages, and the 20th repeated 5 times in a row: 60 lines, 64 events
    const events: RunEvent[] = [];
    for (let i = 0; i < 60; i++) {
      const copies = i === 20 ? 5 : 1;
      for (let k = 0; k < copies; k++) events.push(makeEvent(i * 60 + k, { message: `New size: ${i}` }));
    }
    const lines = renderEventLog({ events }).trimEnd().split("\n");
    // "Events:" + header + dashes + 10 + elision + 30
    expect(lines).toHaveLength(3 + 10 + 1 + 30);
    expect(lines[3]).toMatch(/New size: 0$/);
    expect(lines[12]).toMatch(/New size: 9$/);
    // lines 10..29 hidden: 20 lines holding 24 events
    expect(lines[13]).toBe("  ... 24 more events ...");
    expect(lines[14]).toMatch(/New size: 30$/);
    expect(lines[43]).toMatch(/New size: 59$/);
  });

  test("exactly maxLines lines are all shown; maxLines and head are options", () => {
    const events = Array.from({ length: 40 }, (_, i) => makeEvent(i, { message: `m${i}` }));
    expect(renderEventLog({ events })).not.toContain("more events");
    const lines = renderEventLog({ events }, { maxLines: 8, head: 2 }).trimEnd().split("\n");
    expect(lines.slice(3)).toEqual([
      expect.stringMatching(/m0$/),
      expect.stringMatching(/m1$/),
      "  ... 32 more events ...", // 40 - 2 - 6
      ...[34, 35, 36, 37, 38, 39].map((i) => expect.stringMatching(new RegExp(`m${i}$`))),
    ]);
  });

  test("eventSource", () => {
    expect(eventSource("HorizontalPodAutoscaler/web")).toBe("horizontal-pod-autoscaler");
    expect(eventSource("Deployment/web")).toBe("deployment-controller");
    expect(eventSource("ReplicaSet/web-1")).toBe("replicaset-controller");
    expect(eventSource("Pod/web-1-abc")).toBe("Pod/web-1-abc");
  });
});
