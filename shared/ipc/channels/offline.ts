/*
 * Offline activation channels (issue 5): request code, activation code import, offline
 * deactivation. Spread into CHANNELS by ../contract.ts.
 */
export const OFFLINE_CHANNELS = {} as const;
