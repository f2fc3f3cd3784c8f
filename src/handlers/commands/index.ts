// One handler per slash command, each in its own file; a command with no handler here is
// answered with a sentence saying so, never with silence.
import type { CommandHandlers } from "./types.js";
import { help } from "./help.js";

export const commandHandlers: CommandHandlers = {
  help,
};
