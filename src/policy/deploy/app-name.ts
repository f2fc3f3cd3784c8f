// Which app a deploy is of: the name `{app}` renders as, and the app part a deploy's key, lock and
// payload carry (none in a single-app repository).
import type { Config } from "../config/index.js";

/** `{app}` still renders in a single-app repository, as the app named after the repository. */
export function appName(config: Config, app?: string): string | undefined {
  return app ?? (config.apps.length === 1 ? config.apps[0]?.name : undefined);
}

/** The app part of a deploy: named in a repository with several apps, left out otherwise. */
export function deployedApp(config: Config, app?: string): string | undefined {
  return config.apps.length > 1 ? app : undefined;
}
