// StatusFacts answered from the facts file.
import type { StatusFacts } from "../status.js";
import type { JsonWorld } from "./world.js";

export function statusFromJson(_world: JsonWorld): StatusFacts {
  return {};
}
