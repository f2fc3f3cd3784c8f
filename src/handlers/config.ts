// The config's shape as features see it; loading it from GitHub is a fact read
// (src/facts/github/config.ts). Kept here as types only, for the handlers that name it.
export type { ConfigReader, LoadedConfig } from "../facts/config.js";
