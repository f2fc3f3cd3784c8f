// `probot run ./dist/index.js` loads the default export.
export { default } from "./app.js";
