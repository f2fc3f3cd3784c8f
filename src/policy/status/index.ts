// `/status`: the facts it reports, how they are decided from the reads, and their rendering.
export type * from "./facts.js";
export { renderStatus } from "./render.js";
export { statusEnvironments, statusReport, type StatusReads } from "./report.js";
