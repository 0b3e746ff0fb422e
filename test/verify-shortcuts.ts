/**
 * Vitest setup (every test file): the replay's exactness shortcuts that can check themselves do so in tests.
 * The cluster autoscaler's observation stamp (src/engine/ca-observation-stamp.ts) then also walks the key at
 * every loop it skips and throws if the observation changed, so every replay a test runs with a cluster model
 * checks the stamp's argument.
 */
import { caLoopStats } from "../src/engine/ca-actuation.js";

caLoopStats.verifyStamps = true;
