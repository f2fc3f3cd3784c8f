// Types of bundle-action.mjs, for the test that rebuilds the bundle with the same options.
import type { BuildOptions } from "esbuild";

export declare const OPTIONS: BuildOptions;
