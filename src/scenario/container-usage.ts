/**
 * Per-container usage (spec.workload.usage.containers): a sidecar's CPU and memory as its own expressions of the
 * pod's load, so metrics-server reports each container's usage as the kubelet would (what a ContainerResource
 * HPA metric and the VPA read), while the pod's usage is their sum (what a Resource metric reads). The pod-level
 * `usage.cpu` / `usage.memory` go to the main container: the first regular container not listed.
 */
import type { ContainerTemplate, ContainerUsage, LoadFunction } from "../engine/run-inputs.js";
import { forbidden, invalidValue } from "./field-violations.js";
import { type FieldViolation, InputError } from "./manifest-errors.js";
import type { ScenarioContainerUsage, ScenarioUsage } from "./scenario-types.js";

/** The containers' usage and the pod totals it sums to. */
export interface ResolvedContainers {
  /** Every container that reports usage, in template order; null without `usage.containers`. */
  readonly containers: readonly ContainerUsage[] | null;
  /** The pod's CPU cores and memory bytes at a load: the containers' sum (the pod-level functions without). */
  readonly cpu: LoadFunction | null;
  readonly memory: LoadFunction | null;
  /** The first regular container's CPU function (its CPU limit caps the load a pod serves). */
  readonly firstCpu: LoadFunction | null;
  /** The texts of `usage.containers` for the effective configuration (absent without). */
  readonly texts?: Readonly<Record<string, ScenarioContainerUsage>>;
}

/** Containers that report usage to metrics-server: regular ones and sidecars (restartable init containers). */
export function reportingContainers(containers: readonly ContainerTemplate[]): ContainerTemplate[] {
  return containers.filter((c) => c.init !== true || c.restartPolicy === "Always");
}

/**
 * Resolves `usage.containers` against the target's containers. `podCpu` / `podMemory` are the compiled pod-level
 * expressions; `compile(text, field)` compiles one under `spec.workload.usage.<field>`. Throws InputError naming
 * the field for a container the pod does not have (or that reports no usage), and for pod-level usage with no
 * container left to take it.
 */
export function resolveContainerUsage(
  given: ScenarioUsage,
  target: { readonly kind: string; readonly name: string; readonly containers: readonly ContainerTemplate[] },
  podCpu: LoadFunction | null,
  podMemory: LoadFunction | null,
  compile: (text: string, field: string) => LoadFunction,
  file: string,
): ResolvedContainers {
  const firstRegular = target.containers.find((c) => c.init !== true);
  const listed = Object.keys(given.containers).sort();
  if (listed.length === 0) return { containers: null, cpu: podCpu, memory: podMemory, firstCpu: podCpu };
  const fail = (v: FieldViolation): never => {
    throw new InputError({ file, fieldPath: v.fieldPath, rule: v.rule, detail: v.message, violations: [v] });
  };
  const path = (field: string) => `spec.workload.usage.${field}`;
  const reporting = reportingContainers(target.containers);
  const ref = `${target.kind} "${target.name}"`;
  for (const name of listed) {
    const c = target.containers.find((x) => x.name === name);
    if (c === undefined) {
      const names = reporting.map((x) => x.name).join(", ");
      fail(
        invalidValue(
          path(`containers.${name}`),
          name,
          `${ref} has no container "${name}" (its containers: ${names})`,
        ),
      );
    } else if (!reporting.includes(c)) {
      const detail = `"${name}" is an init container that runs to completion before the pod starts: it reports no usage`;
      fail(invalidValue(path(`containers.${name}`), name, detail));
    }
  }
  const main = reporting.find((c) => c.init !== true && !listed.includes(c.name));
  if (main === undefined && (podCpu !== null || podMemory !== null)) {
    fail(
      forbidden(
        path(podCpu !== null ? "cpu" : "memory"),
        `every regular container of ${ref} is listed under spec.workload.usage.containers, so the pod-level expression has no container to go to: move it into containers.<name>`,
      ),
    );
  }
  const containers = reporting.map((c): ContainerUsage => {
    const own = given.containers[c.name];
    if (own === undefined) {
      const isMain = c === main;
      return { name: c.name, cpu: isMain ? podCpu : null, memory: isMain ? podMemory : null, main: isMain };
    }
    const field = `containers.${c.name}`;
    return {
      name: c.name,
      cpu: own.cpu === null ? null : compile(own.cpu, `${field}.cpu`),
      memory: own.memory === null ? null : compile(own.memory, `${field}.memory`),
      main: false,
    };
  });
  // the start-up burst goes to the main container, or the first reporting one when every one is listed
  if (main === undefined && containers[0] !== undefined) containers[0] = { ...containers[0], main: true };
  return {
    containers,
    cpu: sum(containers.map((c) => c.cpu)),
    memory: sum(containers.map((c) => c.memory)),
    firstCpu: containers.find((c) => c.name === firstRegular?.name)?.cpu ?? null,
    texts: given.containers,
  };
}

/** The sum of the functions given (null when none is). */
function sum(fns: readonly (LoadFunction | null)[]): LoadFunction | null {
  const present = fns.filter((f): f is LoadFunction => f !== null);
  if (present.length === 0) return null;
  if (present.length === 1) return present[0] as LoadFunction;
  return (load) => {
    let total = 0;
    for (const f of present) total += f(load);
    return total;
  };
}
