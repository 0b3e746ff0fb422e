/**
 * mathjs, loaded on first use. Importing the `mathjs` package graph (over a thousand ES modules) takes
 * seconds, and most runs never compile an expression (`--help`, `validate` of manifests, `explain`,
 * `conformance`, traces read from files), so nothing imports mathjs at module load: the expression modules
 * call {@link mathjs} when they first parse an expression.
 *
 * The callers are synchronous, so the package is loaded with `require`, from its single-file bundle
 * (`mathjs/lib/browser/math.js`, an export the package declares). That bundle is built from the same
 * sources and version as the package's ES and CommonJS entry points and holds the same functions, but is one
 * file to read and compile instead of ~1,200: about a twentieth of the load time. It exports mathjs's
 * default instance; each caller still creates its own instance from it with `create(config)` (the instance's
 * `create` builds a new instance from all of mathjs's factories, as `create(all, config)` does), so no
 * caller sees another's configuration. test/trace/expression.test.ts checks the values against the
 * package's ES entry point.
 */

import { createRequire } from "node:module";
import type { ConfigOptions, MathJsInstance } from "mathjs";

/** The part of the bundle's export the expression modules use. */
export interface MathJsBundle {
  /** A new instance with every mathjs function, as `create(all, config)`. */
  readonly create: (config?: ConfigOptions) => MathJsInstance;
}

let bundle: MathJsBundle | undefined;

/** mathjs's default instance, loaded on the first call (seconds saved for every run that needs no mathjs). */
export function mathjs(): MathJsBundle {
  bundle ??= createRequire(import.meta.url)("mathjs/lib/browser/math.js") as MathJsBundle;
  return bundle;
}

/** A new mathjs instance with every function and the given configuration, as `create(all, config)`. */
export function createMathInstance(config?: ConfigOptions): MathJsInstance {
  return mathjs().create(config);
}
