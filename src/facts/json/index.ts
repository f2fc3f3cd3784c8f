// The FactSource of `release-pilot plan`: every read answered from the facts file.
import type { FactSource } from "../source.js";
import { backportFromJson } from "./backport.js";
import { coreFromJson } from "./core.js";
import { deployFromJson } from "./deploy.js";
import { releaseFromJson } from "./release.js";
import { statusFromJson } from "./status.js";
import type { JsonWorld } from "./world.js";

export type { JsonWorld };

export function jsonFacts(world: JsonWorld): FactSource {
  return { ...coreFromJson(world), ...deployFromJson(world), ...releaseFromJson(world), ...statusFromJson(world), ...backportFromJson(world) };
}
