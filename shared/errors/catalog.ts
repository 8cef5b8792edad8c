/**
 * The error catalog: the only place user-facing license text comes from. The UI, the CLI and the
 * authority all render these entries; nothing else writes a sentence about a license problem.
 */

import { CONTROL_LABELS, fillStep, stepNeeds, type PanelControl, type Place } from './controls.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface CatalogEntry {
  /** Stable identifier, safe to log, to put in bundles and to match on in code. */
  readonly code: ErrorCode;
  /** Short heading, as a user will quote it to support. */
  readonly title: string;
  /** One or two sentences: what happened, in the user's words. */
  readonly explanation: string;
  /** What usually leads here, most likely first. */
  readonly causes: readonly string[];
  /** Numbered fix steps, in the order to try them, as the troubleshooting guide and the CLI print them. */
  readonly fixes: readonly string[];
  readonly severity: Severity;
  /** Whether trying the same thing again can succeed without changing anything. */
  readonly retryable: boolean;
  /**
   * The fix steps as written, with control tokens (see ./controls.ts): used on every place that
   * has no steps of its own in `fixesOn`. Screens render them through ./screen-actions.ts.
   */
  readonly steps: readonly string[];
  /** Steps for a place where the general ones would name a control that is not there. */
  readonly fixesOn: { readonly [P in Place]?: readonly string[] };
  /** The ways out the error panel offers, the main one first (each only where it is available). */
  readonly actions: readonly PanelControl[];
}

type EntryText = Omit<CatalogEntry, 'code' | 'steps' | 'fixesOn' | 'actions'> & {
  readonly fixesOn?: CatalogEntry['fixesOn'];
  readonly actions?: CatalogEntry['actions'];
};

export const ERROR_CODES = [
  'LICENSE_FORMAT_INVALID',
  'ACTIVATION_CODE_FORMAT_INVALID',
  'REQUEST_CODE_FORMAT_INVALID',
  'DEACTIVATION_CODE_FORMAT_INVALID',
  'LICENSE_INVALID',
  'LICENSE_EXPIRED',
  'LICENSE_MISMATCH',
  'LICENSE_DEACTIVATED',
  'ACTIVATION_LIMIT_REACHED',
  'ACTIVATION_REVOKED',
  'ACTIVATION_REMOVED',
  'OFFLINE_ONLY_PLAN',
  'SERVER_UNREACHABLE',
  'SERVER_ERROR',
  'INTERNAL_ERROR',
  'RATE_LIMITED',
  'GRACE_PERIOD',
  'CLOCK_ROLLBACK',
  'STORE_UNREADABLE',
  'VERSION_NOT_COVERED',
  'NOT_ACTIVATED',
  'DEACTIVATION_CODE_MISMATCH',
  'DEACTIVATION_PROOF_REQUIRED',
  'DEACTIVATION_LIMIT_REACHED',
  'TRIAL_ALREADY_USED',
  'TRIAL_ENDED',
  'TRIAL_NEEDS_INTERNET',
  'REQUEST_INVALID',
  'UNAUTHORIZED',
  'ROLE_READ_ONLY',
  'NOT_FOUND',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const entries: { readonly [C in ErrorCode]: EntryText } = {
  LICENSE_FORMAT_INVALID: {
    title: 'Invalid license key format',
    explanation:
      'What was entered is not a complete, well-formed code. Nothing was sent to the license server.',
    causes: [
      'Part of the key was lost while copying (a truncated paste).',
      'A character was mistyped or two characters were swapped.',
      'Another code was pasted: an Instance ID, an activation code or a request code.',
    ],
    fixes: [
      'Open the email or order page with your license key and copy the whole key again.',
      'Paste it with no other text around it; spaces, dashes and line breaks are fine.',
      'If you typed it, compare it group by group with the original.',
    ],
    severity: 'error',
    retryable: false,
  },
  ACTIVATION_CODE_FORMAT_INVALID: {
    title: 'Invalid activation code format',
    explanation:
      'What was entered is not a complete, well-formed activation code. Nothing was saved and your license did not change.',
    causes: [
      'Part of the activation code was lost while copying (a truncated paste or a wrapped email line).',
      'A character was mistyped or two characters were swapped.',
      'Another code was pasted: the license key, the request code or a deactivation code.',
    ],
    fixes: [
      'Copy the whole activation code (it starts with KA-) again from the activation page or the vendor\'s email.',
      'Paste it with no other text around it; spaces, dashes and line breaks are fine.',
      'If you typed it, compare it group by group with the original: the hint names the group with the typo.',
    ],
    severity: 'error',
    retryable: false,
  },
  REQUEST_CODE_FORMAT_INVALID: {
    title: 'Invalid request code format',
    explanation:
      'What was entered is not a complete, well-formed request code, so no activation code could be made. Nothing was changed.',
    causes: [
      'Part of the request code was lost while copying it from the offline computer.',
      'A character was mistyped or two characters were swapped.',
      'Another code was pasted: the license key, an activation code or a deactivation code.',
    ],
    fixes: [
      'On the offline computer, copy the whole request code (it starts with KR-) again, or scan its QR code.',
      'Paste it with no other text around it; spaces, dashes and line breaks are fine.',
      'If you typed it, compare it group by group with the original: the hint names the group with the typo.',
    ],
    severity: 'error',
    retryable: false,
  },
  DEACTIVATION_CODE_FORMAT_INVALID: {
    title: 'Invalid deactivation code format',
    explanation:
      'What was entered is not a complete, well-formed deactivation code, so no activation slot was freed.',
    causes: [
      'Part of the deactivation code was lost while copying it from the deactivated computer.',
      'A character was mistyped or two characters were swapped.',
      'Another code was pasted: the license key, a request code or an activation code.',
    ],
    fixes: [
      'On the deactivated computer, copy the whole deactivation code (it starts with KD-) again.',
      'Paste it with no other text around it; spaces, dashes and line breaks are fine.',
      'If you typed it, compare it group by group with the original: the hint names the group with the typo.',
    ],
    severity: 'error',
    retryable: false,
  },
  LICENSE_INVALID: {
    title: 'Invalid license key',
    explanation:
      'The license server does not accept this key, or the saved activation was not signed by the vendor.',
    causes: [
      'The key was regenerated by the vendor, so the old key stopped working.',
      'The key was revoked or never issued for this product.',
      'The saved activation was edited, or signed by a key this app does not trust.',
    ],
    fixes: [
      'Check your latest order email: the vendor may have sent you a new key.',
      'Activate again with the current key.',
      'If the key should work, send the support details to the vendor.',
    ],
    fixesOn: {
      status: [
        'Check your latest order email: the vendor may have sent you a new key.',
        'Enter the current key with {changeKey} and activate again.',
        'If the key should work, send the support details to the vendor.',
      ],
      activate: [
        'Check your latest order email: the vendor may have sent you a new key.',
        'Paste the current key above and activate again.',
        'If the key should work, send the support details to the vendor.',
      ],
      manual: [
        'Check your latest order email: the vendor may have sent you a new key.',
        'On the offline computer, make a new request code with the current key and bring it here.',
        'If the key should work, write to the vendor with the request code.',
      ],
    },
    actions: ['contact'],
    severity: 'error',
    retryable: false,
  },
  LICENSE_EXPIRED: {
    title: 'License expired',
    explanation: 'The license period has ended, so licensed features are off.',
    causes: ['The subscription or term license was not renewed.', 'The computer clock is far ahead.'],
    fixes: [
      'Choose {renew} and renew the license with the vendor.',
      '{!renew}Renew the license with the vendor.',
      'After renewing, choose {revalidate}.',
      '{!revalidate}After renewing, activate the renewed key.',
      'If the date shown is wrong, correct the system clock.',
    ],
    fixesOn: {
      status: [
        'Choose {renew} and renew the license with the vendor.',
        '{!renew}Renew the license with the vendor.',
        'After renewing, choose {revalidate}.',
        '{!revalidate}After renewing, activate the renewed key with {changeKey}.',
        'If the date shown is wrong, correct the system clock.',
      ],
      manual: [
        'Renew the license with the vendor.',
        'After renewing, make a new request code on the offline computer and bring it here.',
        'If the date shown is wrong, correct the system clock.',
      ],
    },
    actions: ['renew', 'contact'],
    severity: 'error',
    retryable: false,
  },
  LICENSE_MISMATCH: {
    title: 'License key mismatch',
    explanation:
      'The saved activation belongs to a different machine or installation than this one.',
    causes: [
      'The app data was copied or restored from another computer.',
      'Several hardware parts of this computer changed at once (for example a new mainboard and disk).',
      'The Instance ID changed, but the activation is still the old one.',
    ],
    fixes: [
      'Copy the current Instance ID with {copyInstanceId} if the vendor asks for it.',
      'Activate this machine again with your license key (online or offline).',
      'If your activation limit is reached, free the old machine\'s slot first (deactivate it there, or ask the vendor to revoke it).',
    ],
    fixesOn: {
      status: [
        'Copy the current Instance ID with {copyInstanceId} if the vendor asks for it.',
        'Activate this machine again with {changeKey}, online or offline.',
        'If your activation limit is reached, free the old machine\'s slot first (deactivate it there, or ask the vendor to revoke it).',
      ],
      offline: [
        'Make the activation code from the request code this computer shows now, not from another computer\'s.',
        'Enter the new activation code here.',
        'If your activation limit is reached, free the old machine\'s slot first (deactivate it there, or ask the vendor to revoke it).',
      ],
      manual: [
        'Copy the request code again from the computer that should be activated.',
        'If your activation limit is reached, free the old machine\'s slot first (deactivate it there, or ask the vendor to revoke it).',
      ],
    },
    actions: ['contact'],
    severity: 'error',
    retryable: false,
  },
  LICENSE_DEACTIVATED: {
    title: 'License deactivated',
    explanation: 'The vendor has permanently deactivated this license. It cannot be activated again.',
    causes: ['The order was refunded or cancelled.', 'The license was deactivated for a policy reason.'],
    fixes: ['Contact the vendor about your order.', 'Activate a different, current license key.'],
    fixesOn: {
      status: ['Contact the vendor about your order.', 'Activate a different, current license key with {changeKey}.'],
    },
    actions: ['contact'],
    severity: 'error',
    retryable: false,
  },
  ACTIVATION_LIMIT_REACHED: {
    title: 'Activation limit reached',
    explanation: 'Every activation slot of this license is in use by other machines.',
    causes: [
      'The license is already active on as many machines as it allows.',
      'An old or reinstalled machine still holds a slot.',
    ],
    fixes: [
      'Choose {freeSlot} to see the machines that use this license, and free one you no longer use: it loses the license the next time it checks in.',
      '{!freeSlot}On a machine you no longer use, open the license information and choose {app:deactivate}.',
      'On an air-gapped or offline machine, choose {app:deactivate} there and hand in its deactivation code: only that machine can free its slot.',
      'Or ask the vendor to revoke the old activation, or to raise the limit.',
      'Then activate this machine again.',
    ],
    actions: ['freeSlot', 'contact'],
    severity: 'error',
    retryable: false,
  },
  ACTIVATION_REVOKED: {
    title: "This device's activation was revoked",
    explanation: 'The vendor removed this machine from the license. Licensed features are off here.',
    causes: ['The slot was freed for another machine.', 'An administrator revoked this device.'],
    fixes: [
      'If this machine should stay licensed, activate it again with your license key.',
      'If the limit is reached, ask the vendor which device to free.',
    ],
    fixesOn: {
      status: [
        'If this machine should stay licensed, activate it again with {changeKey}.',
        'If the limit is reached, ask the vendor which device to free.',
      ],
    },
    actions: ['contact'],
    severity: 'error',
    retryable: false,
  },
  ACTIVATION_REMOVED: {
    title: 'This device is no longer activated',
    explanation:
      'The license server no longer holds an activation for this device, so licensed features are off here.',
    causes: [
      'This device was deactivated from another place (with the license key, or its slot was freed for another machine).',
      'The app data was restored from a backup made before a deactivation.',
    ],
    fixes: [
      'If this device should be licensed, activate it again with your license key.',
      'If the activation limit is reached, free the slot of a device you no longer use first.',
    ],
    fixesOn: {
      status: [
        'If this device should be licensed, activate it again with {changeKey}.',
        'If the activation limit is reached, free the slot of a device you no longer use first.',
      ],
    },
    actions: ['contact'],
    severity: 'error',
    retryable: false,
  },
  OFFLINE_ONLY_PLAN: {
    title: 'This license activates offline only',
    explanation: 'The plan of this license does not allow online activation.',
    causes: ['The license was sold for offline activation: each machine activates with a request code and an activation code, never over the internet.'],
    fixes: [
      'Choose {activateOffline} and follow the request code / activation code steps.',
      '{!activateOffline}Ask the vendor for an activation code for this computer, with its Instance ID.',
    ],
    fixesOn: {
      offline: ['Follow the request code / activation code steps on this screen.'],
      manual: ['Make a request code on the offline computer and bring it here.'],
    },
    actions: ['activateOffline', 'contact'],
    severity: 'error',
    retryable: false,
  },
  SERVER_UNREACHABLE: {
    title: 'Cannot reach the license server',
    explanation:
      'The app could not connect to the license server, so the license could not be checked. The license itself did not change; licensed features that need a recent check stay off until the server answers again.',
    causes: [
      'This computer is offline, or a firewall or proxy blocks the license server.',
      'The license server is down for maintenance.',
    ],
    fixes: [
      'Check the network connection, then choose {retry}.',
      '{!retry}Check the network connection: the app tries again by itself.',
      'If this machine never reaches the internet, use {activateOffline}.',
      'If it keeps failing, send the support details to the vendor.',
    ],
    actions: ['retry', 'activateOffline', 'contact'],
    severity: 'error',
    retryable: true,
  },
  SERVER_ERROR: {
    title: 'The license server had a problem',
    explanation: 'The license server answered with an error it could not explain. Nothing was changed.',
    causes: ['A temporary failure on the vendor side.'],
    fixes: [
      'In a few minutes, choose {retry}.',
      '{!retry}Try again in a few minutes.',
      'If it keeps failing, send the support details to the vendor.',
    ],
    actions: ['retry', 'contact'],
    severity: 'error',
    retryable: true,
  },
  INTERNAL_ERROR: {
    title: 'Something went wrong inside the app',
    explanation: 'The app hit an unexpected problem of its own. Your license and its saved data were not changed.',
    causes: ['A defect in this version of the app.'],
    fixes: [
      'Choose {retry}.',
      '{!retry}Try again.',
      'Restart the app.',
      'If it happens again, send the support details to the vendor.',
    ],
    actions: ['retry', 'contact'],
    severity: 'error',
    retryable: true,
  },
  RATE_LIMITED: {
    title: 'Too many attempts',
    explanation: 'The license server received too many requests from here and asks to wait.',
    causes: ['Many activation attempts in a short time.'],
    fixes: ['Wait the time shown, then choose {retry}.', '{!retry}Wait the time shown, then try again.'],
    actions: ['retry'],
    severity: 'warning',
    retryable: true,
  },
  GRACE_PERIOD: {
    title: 'Working offline',
    explanation:
      'The license server could not be reached to re-validate. Licensed features stay on until the grace period ends.',
    causes: ['No network connection, or the license server is unreachable.'],
    fixes: [
      'Reconnect to the network: the license re-validates by itself.',
      'To re-validate at once, choose {revalidate}.',
      'If this machine stays offline for good, ask the vendor for an air-gapped license.',
    ],
    severity: 'warning',
    retryable: true,
  },
  CLOCK_ROLLBACK: {
    title: 'System clock was set back',
    explanation:
      'The system clock shows an earlier time than this app has already seen, so the license cannot be checked.',
    causes: ['The date or time was changed by hand.', 'The clock battery failed, or a VM restored a snapshot.'],
    fixes: [
      'Set the system date and time correctly (turn on automatic time).',
      'Then choose {revalidate}.',
      '{!revalidate}Then restart the app.',
      'If the clock is right, send the support details to the vendor.',
    ],
    actions: ['contact'],
    severity: 'error',
    retryable: true,
  },
  STORE_UNREADABLE: {
    title: 'Local license data is unreadable',
    explanation:
      'The saved license file could not be read. It was kept aside, not deleted, and nothing was sent anywhere.',
    causes: [
      'The file was damaged (disk error, a crash during an older version, a sync tool).',
      'The file was edited by hand or copied from another computer.',
    ],
    fixes: [
      'Activate again with your license key: your activation slot is reused for this machine.',
      'Or restore the file kept aside, shown in the details, from a backup.',
      'Send the support details to the vendor if it happens again.',
    ],
    fixesOn: {
      status: [
        'Activate again with {changeKey}: your activation slot is reused for this machine.',
        'Or restore the file kept aside, shown in the details, from a backup.',
        'Send the support details to the vendor if it happens again.',
      ],
    },
    actions: ['contact'],
    severity: 'error',
    retryable: false,
  },
  VERSION_NOT_COVERED: {
    title: 'This version is not covered by the license',
    explanation: 'The license covers other major versions of this app than the one running.',
    causes: ['The app was upgraded to a major version the license does not include.'],
    fixes: [
      'Choose {renew} to upgrade the license, or install a version the license covers.',
      '{!renew}Upgrade the license with the vendor, or install a version the license covers.',
      'Then activate again.',
    ],
    fixesOn: {
      status: [
        'Choose {renew} to upgrade the license, or install a version the license covers.',
        '{!renew}Upgrade the license with the vendor, or install a version the license covers.',
        'Then activate again with {changeKey}.',
      ],
    },
    actions: ['renew', 'contact'],
    severity: 'error',
    retryable: false,
  },
  NOT_ACTIVATED: {
    title: 'Not activated',
    explanation: 'This installation has no license yet.',
    causes: ['The app was just installed, or its license was deactivated on this device.'],
    fixes: ['Copy the Instance ID with {copyInstanceId} if your vendor asks for it.', 'Paste your license key and activate.'],
    fixesOn: {
      status: ['Activate with {changeKey}.'],
      offline: ['Follow the steps on this screen.'],
      manual: ['Make a request code on the offline computer and bring it here.'],
    },
    severity: 'info',
    retryable: false,
  },
  DEACTIVATION_CODE_MISMATCH: {
    title: 'Deactivation code does not match',
    explanation:
      'This deactivation code does not match the current activation of that instance, so no activation slot was freed.',
    causes: [
      'The instance was activated again (online or with a new activation code) after this code was made.',
      'The code comes from another license or another installation.',
      'The slot was already freed or revoked by the vendor.',
    ],
    fixes: [
      'On the deactivated machine, copy the deactivation code it shows again and paste all of it.',
      'If the machine was re-activated since, deactivate it again there and use the new code.',
      'If the slot still looks taken, send the code and the license key to the vendor, who can revoke the activation.',
    ],
    severity: 'error',
    retryable: false,
  },
  DEACTIVATION_PROOF_REQUIRED: {
    title: 'This device must deactivate itself',
    explanation:
      'This activation works without the license server, so its slot can only be freed from the device that holds it. No slot was freed.',
    causes: [
      'The license is air-gapped or offline: the device never checks in, so freeing the slot from elsewhere would leave it working.',
    ],
    fixes: [
      'On that device, open the license information and choose {app:deactivate}.',
      'If it shows a deactivation code, hand the code in on the deactivation page or send it to the vendor.',
      'If the device is lost or broken, ask the vendor to revoke the activation.',
    ],
    severity: 'error',
    retryable: false,
  },
  DEACTIVATION_LIMIT_REACHED: {
    title: 'Too many deactivations',
    explanation:
      'This license has freed as many activation slots as its plan allows for now, so this slot stays in use. Nothing was changed.',
    causes: ['Devices of this license were deactivated and activated again many times in a short period.'],
    fixes: [
      'Try again on or after the date shown.',
      'If you need the slot sooner, ask the vendor to free it.',
    ],
    severity: 'error',
    retryable: false,
  },
  TRIAL_ALREADY_USED: {
    title: 'This computer has had its free trial',
    explanation: 'Each computer can try the product once, so no new trial was started. Nothing on this computer changed.',
    causes: [
      'A trial was started on this computer before; it counts even after it ended, was replaced by a bought license, or the app was reinstalled.',
      'This computer shares most of its hardware with one that had a trial, for example a copied virtual machine.',
    ],
    fixes: [
      'Choose {buy} to buy a license.',
      '{!buy}Buy a license from the vendor.',
      'If you already have a license key, choose {enterKey} and activate it.',
      '{!enterKey}If you already have a license key, activate it.',
      'If this computer never had a trial, choose {contact}.',
      '{!contact}If this computer never had a trial, contact the vendor.',
    ],
    actions: ['buy', 'enterKey', 'contact'],
    severity: 'warning',
    retryable: false,
  },
  TRIAL_ENDED: {
    title: 'Your trial has ended',
    explanation: 'The free trial is over, so its features are off. Buy a license to keep using them; your work and settings stay as they are.',
    causes: ['The trial ran for all of its days.', 'The computer clock is far ahead.'],
    fixes: [
      'Choose {buy} to buy a license.',
      '{!buy}Buy a license from the vendor.',
      'Then choose {enterKey} and activate the key you received.',
      '{!enterKey}Then activate the key you received.',
      'If the end date shown is wrong, correct the system clock.',
    ],
    actions: ['buy', 'enterKey'],
    severity: 'error',
    retryable: false,
  },
  TRIAL_NEEDS_INTERNET: {
    title: 'A free trial needs the internet',
    explanation: 'The license server grants trials, so this computer must be online to start one. Nothing was changed.',
    causes: ['This computer is offline or air-gapped.', 'A firewall or proxy blocks the license server.'],
    fixes: [
      'Connect this computer to the internet, then choose {retry}.',
      '{!retry}Connect this computer to the internet, then start the trial again.',
      'For a computer that stays offline, choose {buy} and activate the license you buy offline.',
      '{!buy}For a computer that stays offline, buy a license and activate it offline.',
    ],
    actions: ['retry', 'buy', 'contact'],
    severity: 'error',
    retryable: true,
  },
  REQUEST_INVALID: {
    title: 'The request was not understood',
    explanation: 'The request is malformed: a field is missing, has the wrong type, or is not known.',
    causes: ['A client sent a request that does not follow the API.'],
    fixes: ['Check the request against the API documentation.'],
    severity: 'error',
    retryable: false,
  },
  UNAUTHORIZED: {
    title: 'Not authorized',
    explanation: 'This action needs a valid administrator token.',
    causes: ['The token is missing, mistyped or was never created.'],
    fixes: ['Create a token with "keyhole token create" and pass it as a bearer token.'],
    severity: 'error',
    retryable: false,
  },
  ROLE_READ_ONLY: {
    title: 'Your role cannot make changes',
    explanation: 'You are signed in to the console as a support user: you can look everything up, but changes need an admin.',
    causes: ['A support user tried to change a plan, an order, a license, an activation or a token.'],
    fixes: ['Ask an admin of the console to make the change, or to give you the admin role.'],
    severity: 'error',
    retryable: false,
  },
  NOT_FOUND: {
    title: 'Not found',
    explanation: 'What was asked for does not exist.',
    causes: ['A wrong identifier or address.'],
    fixes: ['Check the identifier and try again.'],
    severity: 'error',
    retryable: false,
  },
};

/** Every catalog entry by code. */
export const CATALOG: { readonly [C in ErrorCode]: CatalogEntry } = Object.fromEntries(
  ERROR_CODES.map((code): [ErrorCode, CatalogEntry] => {
    const { fixes, fixesOn = {}, actions = [], ...rest } = entries[code];
    return [code, { code, ...rest, fixes: generalSteps(fixes), steps: fixes, fixesOn, actions }];
  }),
) as { readonly [C in ErrorCode]: CatalogEntry };

/** The steps for a reader who is at no particular screen (the guide, the CLI): every control named. */
function generalSteps(steps: readonly string[]): string[] {
  return steps.filter((step) => stepNeeds(step).unless === null).map((step) => fillStep(step, (id) => CONTROL_LABELS[id]));
}

/**
 * Where a code that might not be in the catalog came from. The server may be newer than the app,
 * so an unknown code from it is a server problem the app cannot explain (SERVER_ERROR); anything
 * unnamed from inside the app can only be a defect of the app (INTERNAL_ERROR).
 */
export type CodeOrigin = 'server' | 'app';

/**
 * The one rule for a code nobody named: SERVER_ERROR from the server, INTERNAL_ERROR from the app.
 *
 * @example
 * fallbackCode('server') // "SERVER_ERROR"
 */
export function fallbackCode(from: CodeOrigin): 'SERVER_ERROR' | 'INTERNAL_ERROR' {
  return from === 'server' ? 'SERVER_ERROR' : 'INTERNAL_ERROR';
}

/**
 * A catalog code for whatever `code` is: itself when the catalog has it, else the fallback for
 * where it came from.
 *
 * @example
 * knownCode('SOMETHING_NEW', 'server') // "SERVER_ERROR"
 */
export function knownCode(code: unknown, from: CodeOrigin): ErrorCode {
  return isErrorCode(code) ? code : fallbackCode(from);
}

/**
 * Looks up a catalog entry; an unknown code gets the fallback's words (see knownCode) rather than
 * crashing the screen that shows it. Codes the screens get have crossed the app's own door, so
 * they are from the app unless the caller says otherwise.
 *
 * @example
 * describeError('LICENSE_MISMATCH').title // "License key mismatch"
 */
export function describeError(code: string, from: CodeOrigin = 'app'): CatalogEntry {
  return CATALOG[knownCode(code, from)];
}

/**
 * Narrows a string to a known catalog code.
 *
 * @example
 * isErrorCode('LICENSE_EXPIRED') // true
 */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}
