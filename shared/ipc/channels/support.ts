/*
 * Support channels (issue 6): bundle preview and save, logs folder. Spread into CHANNELS by
 * ../contract.ts.
 */
export const SUPPORT_CHANNELS = {} as const;
