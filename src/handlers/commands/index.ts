// One handler per slash command, each in its own file; a command with no handler here is
// answered with a sentence saying so, never with silence.
import type { CommandHandlers } from "./types.js";
import { help } from "./help.js";
import { deploy } from "./deploy.js";
import { rollback } from "./rollback.js";
import { promote } from "./promote.js";
import { lock } from "./lock.js";
import { unlock } from "./unlock.js";
import { freeze, unfreeze } from "./freeze.js";
import { release } from "./release.js";
import { checklist } from "./checklist.js";
import { status } from "./status.js";
import { backport } from "./backport.js";

export const commandHandlers: CommandHandlers = {
  help,
  deploy,
  rollback,
  promote,
  lock,
  unlock,
  freeze,
  unfreeze,
  release,
  checklist,
  status,
  backport,
};
