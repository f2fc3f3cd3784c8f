// Whether a deployment's success status is the final one this app wrote after verifying its
// version URL (`verify`), so no second verify is due. The words are text: anyone who may write a
// deployment status could write "Verified ...", and a success they wrote would then skip the
// check and move pointer tags. So only this app's own status counts (issue #12, item 4's class).

import { isVerifiedStatus } from "./verify.js";

export function verifiedByThisApp(status: { readonly description: string | null | undefined; readonly byThisApp: boolean }): boolean {
  return status.byThisApp && isVerifiedStatus(status.description);
}
