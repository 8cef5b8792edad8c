import { z } from 'zod';
import type { LicenseView } from '../license-view.ts';
import { returns } from '../returns.ts';

/*
 * The free trial: "Start free trial" on the key screen. No key crosses: main asks the authority for
 * a trial of the product config's trial plan, for this machine.
 */

export const TRIAL_CHANNELS = {
  /** Starts this machine's trial and stores its activation; fails with TRIAL_ALREADY_USED, TRIAL_NEEDS_INTERNET, … */
  startTrial: {
    channel: 'keyhole:license:start-trial',
    request: z.tuple([]),
    response: returns<LicenseView>(),
  },
} as const;
