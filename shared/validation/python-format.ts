/**
 * Forwarding stub, to delete: the Python helpers live in shared/python/. Only shared/alarm-types
 * still imports this path; it was outside this refactor's editable scope, so its imports could
 * not be switched here. Nothing is implemented in this file.
 */
export { pyJsonDumps, pyRepr, pyStr } from '../python/repr.js';
export { pyTruthy } from '../python/builtins.js';
