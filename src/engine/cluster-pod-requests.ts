/**
 * What the cluster phase hands the scheduler and the cluster autoscaler about the workload: one pod's
 * effective requests (in the scheduler's units) and the names events are reported against.
 */
import { podRequests, type Requests } from "../cluster-autoscaler/pod-requests.js";
import type { ResourceList } from "../hpa/types.js";
import type { WorkloadTarget } from "./run-inputs.js";

const GPU = "nvidia.com/gpu";

function toRequests(r: ResourceList): Requests {
  const mem = r.memory ?? 0n;
  return {
    cpuMilli: Number(r.cpu ?? 0n),
    memBytes: Number((mem + 999n) / 1000n),
    gpus: Number((r[GPU] ?? 0n) / 1000n),
  };
}

/**
 * One pod's effective requests from the template (resource.PodRequests): pod-level requests if set, else
 * the regular containers plus sidecars, or the largest plain init container (plus the sidecars started
 * before it) if larger. CPU millicores, memory bytes (the template's milli-bytes rounded up), GPUs.
 */
export function podSchedulingRequests(target: WorkloadTarget): Requests {
  if (target.podRequests !== undefined) return toRequests(target.podRequests);
  const regular = target.containers.filter((c) => c.init !== true);
  const init = target.containers.filter((c) => c.init === true);
  return podRequests({
    containers: regular.map((c) => toRequests(c.requests)),
    initContainers: init.map((c) => ({
      ...toRequests(c.requests),
      ...(c.restartPolicy === "Always" ? { restartPolicy: "Always" as const } : {}),
    })),
  });
}

/** `pod/ns/name` -> `Pod/name`, `node/x` -> `Node/x`, `nodegroup/x` -> `NodeGroup/x`, else `ClusterAutoscaler`. */
export function eventObject(object: string): string {
  const slash = object.indexOf("/");
  const kind = slash < 0 ? "" : object.slice(0, slash);
  const rest = object.slice(slash + 1);
  if (kind === "pod") return `Pod/${rest.slice(rest.indexOf("/") + 1)}`;
  if (kind === "node") return `Node/${rest}`;
  if (kind === "nodegroup") return `NodeGroup/${rest}`;
  return "ClusterAutoscaler";
}
