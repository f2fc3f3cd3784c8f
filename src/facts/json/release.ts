// ReleaseFacts answered from the facts file.
import type { ReleaseFacts } from "../release.js";
import type { JsonWorld } from "./world.js";

export function releaseFromJson(_world: JsonWorld): ReleaseFacts {
  return {};
}
