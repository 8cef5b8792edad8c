/*
 * systeminformation's own modules, one per area (its package has no exports map): on Linux the
 * fingerprint needs only the disk from it, and its filesystem module is a fifth of the whole.
 */
declare module 'systeminformation/lib/filesystem.js' {
  import type si from 'systeminformation';

  export const diskLayout: typeof si.diskLayout;
}
