// `npm run sandbox`: see run.ts.
import { runSandbox } from "./run.js";

const { violations } = await runSandbox((line) => console.log(line));
if (violations.length > 0) process.exitCode = 1;
