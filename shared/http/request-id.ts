/*
 * The shape of a request id, one rule for every place one crosses a boundary: the authority keeps
 * a trusted proxy's id only in this shape (it lands in the log and in answers), the app keeps the
 * authority's only in this shape (it is shown to users and put in support bundles), and the IPC
 * contract accepts only this shape from the renderer.
 */

export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

/** True for a value safe to show, log and hand on as a request id. */
export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
}
