/**
 * Thrown by a case runner for a vector it cannot model (e.g. a feature beyond a resources-only model);
 * run-case.ts reports the case as skipped with this message as the reason.
 */
export class SkipCase extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "SkipCase";
  }
}
