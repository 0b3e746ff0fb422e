/**
 * Vitest setup (every test file): the replay's exactness shortcuts that can check themselves do so in tests.
 * The cluster autoscaler's observation stamp (src/engine/ca-observation-stamp.ts) then also walks the key at
 * every loop it skips and throws if the observation changed, so every replay a test runs with a cluster model
 * checks the stamp's argument. The HPA syncs whose stabilization src/engine/controller-memory.ts defers are
 * also restabilized one by one, and the history it records for them at once is checked against that. The quiet
 * moments of src/engine/quiet-stretch.ts also run the load phase, which must change nothing.
 */
import { caLoopStats } from "../src/engine/ca-actuation.js";
import { ControllerMemory } from "../src/engine/controller-memory.js";
import { quietStats } from "../src/engine/quiet-stretch.js";

caLoopStats.verifyStamps = true;
ControllerMemory.verify = true;
quietStats.verify = true;
