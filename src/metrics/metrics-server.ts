/**
 * What metrics-server serves (metrics.k8s.io PodMetrics). It scrapes every `--metric-resolution` (15 s); CPU
 * is the rate between the container's two latest cumulative samples (so a pod appears only at its second
 * scrape after it starts running), memory is the working set at the scrape. Timestamp = the later sample,
 * window = the time between the two samples. A container restarted (OOM-killed) since the previous scrape
 * starts its cumulative counter again, so that scrape publishes nothing for the pod (metrics-server's
 * storage drops a rate across a restart: its start time changed) and the next one does; a container waiting
 * in its restart back-off is not scraped at all.
 */

import { podState, type SimPod } from "../cluster/sim-pod.js";
import type { Workload } from "../cluster/workload.js";
import type { ContainerTemplate } from "../engine/run-inputs.js";
import type { PodResourceMetrics } from "../hpa/types.js";
import { ContainerParts } from "./container-parts.js";
import { ContainerUsageLists, QuantizedUsage } from "./pod-usage-values.js";
import { ScrapeValues } from "./scrape-values.js";

/**
 * Scrape ids, unique over all servers. A pod's previous sample lives on the pod (SimPod.scrapeId and the
 * fields after it): it is the pod's sample at its server's latest full scrape iff `scrapeId` is that scrape's id
 * (steady repeats since take no id; see MetricsServer.repeatShift). A pod belongs to one workload, scraped by
 * that workload's server only.
 */
let scrapeIds = 0;

/**
 * Holds the latest published items; the previous sample of each pod is kept on the pod.
 *
 * A scrape whose every item would carry the same pod, window and quantized usage as the previous scrape's, in
 * the same order, builds no items: the items are those of the previous scrape with the new timestamp, made only
 * when read ({@link items}), and {@link valuesVersion} stays, which is how a reader (the HPA's repeated sync,
 * hpa-controller-run.ts) knows it would read the very same values again.
 */
export class MetricsServer {
  /** The items built at the last scrape that published new values (timestamps: of that scrape). */
  private published: PodResourceMetrics[] = [];
  /** The time of the latest scrape; `published` was built then unless `restamp` is set. */
  private lastScrapeT = 0;
  /** The latest scrape repeated the published values: `published` needs the latest scrape's timestamp. */
  private restamp = false;
  /** What the published items show, item by item (`count` of them). */
  private shown = new ScrapeValues();
  /** The other buffer: filled by a scrape that publishes other values, then swapped with `shown`. */
  private next = new ScrapeValues();
  /**
   * Bumped by every scrape that publishes values other than the previous scrape's (other pods, windows or
   * usage); a scrape that repeats them leaves it.
   */
  valuesVersion = 0;
  /** Scrapes taken by {@link repeatSteady} (for tests and diagnostics). */
  steadyRepeats = 0;
  /** Scrapes taken by {@link publishShifted} (for tests and diagnostics). */
  steadyShifts = 0;
  /** The id of this server's latest scrape (0: none yet). Pods it did not see are forgotten. */
  private lastScrapeId = 0;
  /** The containers' usage lists (pods with equal usage share one). */
  private readonly usageLists: ContainerUsageLists;
  /**
   * The latest scrape was steady: every pod it scraped was Ready all through its window at rates set before that
   * window began, so it published the Ready-pod usage of those rates for each. With the same pods (by revision)
   * and the same rates (by version) since, the next scrape publishes the very same values ({@link repeatSteady}).
   */
  private steady = false;
  private scrapeRevision = -1;
  private scrapeRatesVersion = -1;
  private scrapePods: readonly SimPod[] = [];
  private lastWindow = 0;
  /** The Ready pods' CPU integral at the last full scrape, and its growth up to the latest steady repeat since (0: none). */
  private fullIntegral = 0;
  private repeatShift = 0;
  /** The last rate and memory quantized. */
  private readonly quantized = new QuantizedUsage();
  /** Per-container usage models: each container's own rate and memory (container-parts.ts). */
  private readonly parts = new ContainerParts();
  constructor(containers: readonly ContainerTemplate[]) {
    this.usageLists = new ContainerUsageLists(containers);
  }

  /** The items the API returns until the next scrape. */
  get items(): PodResourceMetrics[] {
    if (this.restamp) {
      // the previous values again, timestamped by the latest scrape (window and usage lists unchanged); built as
      // ScrapeValues.items builds a list, so readers of the items see one kind of array
      const t = this.lastScrapeT;
      const prev = this.published;
      const items: PodResourceMetrics[] = new Array(prev.length);
      for (let i = 0; i < prev.length; i++) {
        const p = prev[i] as PodResourceMetrics;
        items[i] = { pod: p.pod, timestamp: t, windowSeconds: p.windowSeconds, containers: p.containers };
      }
      this.published = items;
      this.restamp = false;
    }
    return this.published;
  }

  /**
   * Settles every pod of the workload to `t` (Workload.settle: each pod's own counters, from integrals the loop
   * does not change) and scrapes every running one.
   */
  scrape(workload: Workload, t: number): void {
    const prevId = this.lastScrapeId;
    const prevScrapeT = this.lastScrapeT;
    if (this.repeatsAt(workload, t)) {
      this.lastScrapeT = t;
      this.repeatSteady(workload, t);
      return;
    }
    if (this.shiftsAt(workload, t)) {
      this.lastScrapeT = t;
      this.publishShifted(workload, t);
      return;
    }
    this.lastScrapeT = t;
    const q = this.quantized;
    const id = ++scrapeIds;
    this.lastScrapeId = id;
    // the Ready pods' cumulative CPU grew by this much since the samples on the pods (steady repeats since)
    const shift = this.repeatShift;
    this.scrapeRevision = workload.revision;
    this.scrapeRatesVersion = workload.ratesVersion;
    this.scrapePods = workload.pods;
    this.lastWindow = t - prevScrapeT;
    // every scraped pod published its Ready-pod rate exactly (see `steady`)
    let steady = true;
    const shown = this.shown;
    const next = this.next;
    // while `same`, the first n scraped pods show what the published items do (nothing written to `next`)
    let same = true;
    let n = 0;
    const pods = workload.pods;
    const perContainer = workload.containerSlot >= 0;
    for (let k = 0; k < pods.length; k++) {
      const p = pods[k] as SimPod;
      workload.settle(p, t);
      const s = podState(p, t);
      if (s !== "running" && s !== "ready" && s !== "terminating") continue;
      if (s === "terminating" && p.runningAt === null) continue;
      if (p.restartAt !== undefined && p.restartAt > t) {
        steady = false; // container down in its restart back-off
        continue;
      }
      const known = prevId !== 0 && p.scrapeId === prevId;
      // a known pod was sampled at the previous scrape: by this server's last full scrape (its own sample), or
      // by steady repeats since, where it was Ready all along
      const prevT = prevScrapeT;
      const prevCum = (p.scrapeCum as number) + shift;
      const restarts = p.restarts ?? 0;
      const restarted = p.scrapeRestarts !== restarts;
      p.scrapeId = id;
      p.scrapeCum = p.cpuCum;
      p.scrapeRestarts = restarts;
      if (!known || restarted || prevT >= t) {
        if (perContainer) this.parts.record(workload, p);
        steady = false;
        continue;
      }
      // Ready all through the window, at rates set before it began: the rate is the Ready pods' rate exactly (what
      // the cumulative counters give up to float rounding, a rounding that depends on the moments visited)
      const exact = s === "ready" && workload.ratesSince <= prevT && (p.readyAt as number) <= prevT;
      const cores = exact ? (workload.readyRates[0] as number) : (p.cpuCum - prevCum) / (t - prevT);
      if (!exact) steady = false;
      const memory = workload.memoryInState(p, s);
      // the quantization of the same rate and memory as the pod before (Ready pods share theirs)
      q.set(cores, memory);
      const w = t - prevT;
      const parts = perContainer ? this.parts.sample(workload, p, s, exact, prevT, t) : null;
      if (same) {
        if (shown.holds(n, p, w, q.cpuMilli, q.bytes, parts)) {
          n++;
          continue;
        }
        same = false;
        next.copyPrefix(shown, n);
      }
      next.set(n, p, w, q.cpuMilli, q.bytes, parts);
      n++;
    }
    this.steady = steady;
    this.fullIntegral = workload.readyIntegrals[0] as number;
    this.repeatShift = 0;
    if (same) {
      if (n === shown.count) {
        this.restamp = n > 0;
        return;
      }
      next.copyPrefix(shown, n); // fewer pods, the rest as published
    }
    next.count = n;
    this.publish(t);
  }

  /**
   * A scrape at `t` would publish what the steady previous one did: the Ready pods' rates are those it published
   * (set before its window began, unchanged since), with the same pods and the same window.
   */
  repeatsAt(workload: Workload, t: number): boolean {
    return (
      this.steady &&
      workload.ratesVersion === this.scrapeRatesVersion &&
      workload.revision === this.scrapeRevision &&
      workload.pods === this.scrapePods &&
      t - this.lastScrapeT === this.lastWindow
    );
  }

  /**
   * After a steady scrape, the same pods with the same window, and new Ready-pod rates set no later than that
   * scrape (so in force all through this window): each pod, Ready all through it, shows the new rate exactly, and
   * without Pods metrics or sticky memory every one shows the same new usage (see {@link publishShifted}).
   */
  private shiftsAt(workload: Workload, t: number): boolean {
    return (
      this.steady &&
      workload.ratesVersion !== this.scrapeRatesVersion &&
      workload.ratesSince <= this.lastScrapeT &&
      workload.revision === this.scrapeRevision &&
      workload.pods === this.scrapePods &&
      t - this.lastScrapeT === this.lastWindow &&
      workload.customNames.length === 0 &&
      workload.containerSlot < 0 &&
      !workload.usage.stickyMemory
    );
  }

  /**
   * The full scrape's answer when {@link shiftsAt} holds: the pods of the published items, their windows, each with
   * the Ready pods' new rate and memory. The pods are not visited (as in {@link repeatSteady}); the scrape stays
   * steady.
   */
  private publishShifted(workload: Workload, t: number): void {
    this.steadyShifts++;
    this.scrapeRatesVersion = workload.ratesVersion;
    this.repeatShift = (workload.readyIntegrals[0] as number) - this.fullIntegral;
    const cores = workload.readyRates[0] as number;
    const memory = workload.readyMemory;
    const q = this.quantized;
    q.set(cores, memory);
    const shown = this.shown;
    if (shown.allShow(q.cpuMilli, q.bytes)) {
      this.restamp = shown.count > 0;
      return;
    }
    // the same pods and windows, each with the one list of the new usage
    this.published = shown.showAll(t, q.cpuMilli, q.bytes, this.usageLists.of(q.cpuMilli, q.bytes));
    this.restamp = false;
    this.valuesVersion++;
  }

  /** Publishes `next` (filled by the scrape) as the items of the scrape at t. */
  private publish(t: number): void {
    const next = this.next;
    this.next = this.shown;
    this.shown = next;
    this.published = next.items(t, this.usageLists);
    this.restamp = false;
    this.valuesVersion++;
  }

  /**
   * A scrape proved to publish what the steady previous one did: the published items are those values again with
   * the new timestamp. Without Pods metrics the pods are not visited: each was Ready all through since the last
   * full scrape, so its cumulative CPU now is its sample then plus the growth of the Ready pods' integral
   * (`repeatShift`), which the next full scrape adds to the pods' samples.
   */
  private repeatSteady(workload: Workload, t: number): void {
    const shown = this.shown;
    if (workload.customNames.length === 0 && workload.containerSlot < 0) {
      this.repeatShift = (workload.readyIntegrals[0] as number) - this.fullIntegral;
    } else {
      // with Pods metrics (or per-container usage) the pods are settled at every scrape, as before (their custom
      // counters' rounding, which the adapter reads, follows the settle times)
      const id = ++scrapeIds;
      this.lastScrapeId = id;
      for (let i = 0; i < shown.count; i++) {
        const p = shown.pods[i] as SimPod;
        workload.settle(p, t);
        p.scrapeId = id;
        p.scrapeCum = p.cpuCum;
        if (workload.containerSlot >= 0) this.parts.record(workload, p);
      }
    }
    this.restamp = shown.count > 0;
    this.steadyRepeats++;
  }
}
