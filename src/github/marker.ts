// The key marker's codec lives in policy (src/policy/markers/key.ts), where facts and policy read
// it too; this is its old address, kept until the last reader moves.
export { hasKey, keyMarker, keyOf, withKeyMarker } from "../policy/markers/key.js";
