/** The CSV timeline with a VPA's columns and with several workloads (a leading `workload` column). */
import { describe, expect, test } from "vitest";
import { renderTimelineCsv } from "../../src/report/timeline-csv.js";
import type { WorkloadResult } from "../../src/results/workload-result.js";
import { CPU, makeMetric, makeRow, makeRunResult, makeSummary } from "./run-result-builder.js";

const BASE =
  "t,demand,served,unserved,desiredReplicas,replicas,readyReplicas,pendingPods,startingPods,terminatingPods";

describe("renderTimelineCsv", () => {
  test("VPA: requests and target per container after the metrics (millicores, bytes)", () => {
    const result = makeRunResult({
      metrics: [CPU],
      timeline: [
        makeRow(0, {
          metrics: { cpu: makeMetric(40, 41) },
          vpa: { requests: { app: { cpu: 100, memory: 268435456 } }, target: {} },
        }),
        makeRow(60, {
          metrics: { cpu: makeMetric(40, 41) },
          vpa: {
            requests: { app: { cpu: 225, memory: 268435456 } },
            target: { app: { cpu: 350, memory: 262144000 } },
          },
        }),
      ],
    });
    expect(renderTimelineCsv(result)).toBe(
      [
        `${BASE},cpu.observed,cpu.actual,cpu.target,vpa.app.requests.cpu,vpa.app.requests.memory,vpa.app.target.cpu,vpa.app.target.memory`,
        "0,10,10,0,2,2,2,0,0,0,40,41,50,100,268435456,,",
        "60,10,10,0,2,2,2,0,0,0,40,41,50,225,268435456,350,262144000",
        "",
      ].join("\n"),
    );
  });

  test("several workloads: one block of rows per workload, metric columns of all of them", () => {
    const queue = {
      key: "external/queue_depth",
      description: "queue_depth (external)",
      unit: "1",
      target: 30,
    };
    const web: WorkloadResult = {
      workload: "Deployment/web",
      hpa: "web",
      summary: makeSummary(),
      metrics: [CPU],
      timeline: [makeRow(0, { metrics: { cpu: makeMetric(40, 41) } })],
      events: [],
      conditions: [],
    };
    const jobs: WorkloadResult = {
      ...web,
      workload: "Deployment/jobs",
      hpa: "jobs",
      metrics: [queue],
      timeline: [makeRow(0, { replicas: 5, metrics: { "external/queue_depth": makeMetric(7, 8, 30) } })],
    };
    const result = { ...makeRunResult({ metrics: [CPU], timeline: web.timeline }), workloads: [web, jobs] };
    expect(renderTimelineCsv(result)).toBe(
      [
        `workload,${BASE},cpu.observed,cpu.actual,cpu.target,external/queue_depth.observed,external/queue_depth.actual,external/queue_depth.target`,
        "Deployment/web,0,10,10,0,2,2,2,0,0,0,40,41,50,,,",
        "Deployment/jobs,0,10,10,0,2,5,2,0,0,0,,,,7,8,30",
        "",
      ].join("\n"),
    );
  });
});
