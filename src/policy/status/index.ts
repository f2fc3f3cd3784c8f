// `/status`: the facts it reports and their rendering.
export type * from "./facts.js";
export { renderStatus } from "./render.js";
