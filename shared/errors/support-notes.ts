import { ERROR_CODES, type ErrorCode } from './catalog.ts';

/*
 * Support's side of every catalog code: where the customer meets it, what to check (a checklist in
 * the style of NocoBase's deployment checklist, most telling first) and how support reproduces it.
 * The catalog (catalog.ts) speaks to the user; these notes speak to the vendor's support staff and
 * feed `keyhole support reproduce` and docs/troubleshooting.md. Typed over ErrorCode, so a new code
 * does not compile until support knows what to do with it.
 */

/** What support staff need for one error code. */
export interface SupportNote {
  /** Where the customer sees it: the license state (status view) or the action that failed. */
  readonly shownWhen: string;
  /** What to check, in order; each line answerable from a bundle, the authority or the customer. */
  readonly check: readonly string[];
  /** How support reproduces it, step by step. */
  readonly reproduce: readonly string[];
}

const BUNDLE = 'Ask for the support bundle ("Save support bundle" on the error panel or the status view).';
const REPRODUCE = 'Run `keyhole support reproduce <bundle.json>`: it must print the same code the customer saw.';
const AGAINST = 'Add `--against <authority-url> --token <admin-token>` to see what the authority knows of that license and instance now.';
const SCENARIO = (code: ErrorCode) => `Show the customer's screen with \`npm start -- --scenario ${code}\` (generated data), or \`npm start -- --replay <bundle.json>\` (their data, read-only).`;

const notes: { readonly [C in ErrorCode]: SupportNote } = {
  LICENSE_FORMAT_INVALID: {
    shownWhen: 'Activating or changing the key, before anything is sent: what was pasted is not a complete key.',
    check: [
      'The hint names the problem: too short ("looks truncated"), a typo in a group, or another kind of code (Instance ID, activation code).',
      'The key in the order email is complete: `KH-` and five groups of five characters.',
      'The customer pasted the key, not the Instance ID or an activation code shown next to it.',
    ],
    reproduce: [
      BUNDLE,
      'The event log holds the attempt with its hint (never the typed text): `change_key`/`activate` → LICENSE_FORMAT_INVALID.',
      'Paste the same text into a local app (`npm start`) to see the same hint; nothing reaches the authority.',
      SCENARIO('LICENSE_FORMAT_INVALID'),
    ],
  },
  ACTIVATION_CODE_FORMAT_INVALID: {
    shownWhen: 'Offline activation, "Enter activation code": what was pasted is not a complete activation code; nothing was saved.',
    check: [
      'The hint names the problem: too short ("looks truncated"), the group with a typo, or another kind of code pasted.',
      'The code starts with KA- and was copied whole: a wrapped email line or a QR scan of only part of it is the usual cause.',
    ],
    reproduce: [
      'Ask for the code exactly as pasted (it holds no secret beyond what the customer already has).',
      'Paste it into the same place yourself (a local app, the manual page or `keyhole offline …`) to see the same hint.',
      SCENARIO('ACTIVATION_CODE_FORMAT_INVALID'),
    ],
  },
  REQUEST_CODE_FORMAT_INVALID: {
    shownWhen: 'The manual activation page, `/license/activate` with a request code, or `keyhole offline activate`: what was pasted is not a complete request code.',
    check: [
      'The hint names the problem: too short ("looks truncated"), the group with a typo, or another kind of code pasted.',
      'The code starts with KR- and was copied whole: a wrapped email line or a QR scan of only part of it is the usual cause.',
    ],
    reproduce: [
      'Ask for the code exactly as pasted (it holds no secret beyond what the customer already has).',
      'Paste it into the same place yourself (a local app, the manual page or `keyhole offline …`) to see the same hint.',
      SCENARIO('REQUEST_CODE_FORMAT_INVALID'),
    ],
  },
  DEACTIVATION_CODE_FORMAT_INVALID: {
    shownWhen: 'The manual deactivation page, `/license/deactivate` with a code, or `keyhole offline deactivate`: what was pasted is not a complete deactivation code.',
    check: [
      'The hint names the problem: too short ("looks truncated"), the group with a typo, or another kind of code pasted.',
      'The code starts with KD- and was copied whole: a wrapped email line or a QR scan of only part of it is the usual cause.',
    ],
    reproduce: [
      'Ask for the code exactly as pasted (it holds no secret beyond what the customer already has).',
      'Paste it into the same place yourself (a local app, the manual page or `keyhole offline …`) to see the same hint.',
      SCENARIO('DEACTIVATION_CODE_FORMAT_INVALID'),
    ],
  },
  LICENSE_INVALID: {
    shownWhen: 'Activation refused (unknown key) or the stored certificate does not verify (state "invalid").',
    check: [
      'The key was regenerated: `--against` reports "key regenerated" when the bundle\'s redacted key differs from the current one.',
      'The license exists for this product: `keyhole license show <license-id>`.',
      'The certificate\'s key id is in the product config\'s publicKeys (reproduce says so when it is not): a removed or rotated-out signing key.',
      'The customer did not copy the license folder from another product or vendor build.',
    ],
    reproduce: [BUNDLE, REPRODUCE, AGAINST, SCENARIO('LICENSE_INVALID')],
  },
  LICENSE_EXPIRED: {
    shownWhen: 'State "expired": the certificate\'s expiry has passed, or the authority answered LICENSE_EXPIRED.',
    check: [
      'The expiry date in the reproduction, and the customer\'s clock in the bundle (`clock.now`): a clock far ahead also expires a license.',
      'Whether the license was renewed on the authority (`--against` shows the current expiry).',
      'After a renewal, the app needs one successful "Re-validate now" (online) or a new activation code (offline) to learn the new date.',
    ],
    reproduce: [BUNDLE, REPRODUCE, AGAINST, SCENARIO('LICENSE_EXPIRED')],
  },
  LICENSE_MISMATCH: {
    shownWhen: 'State "mismatch": the stored activation names another Instance ID, or too many fingerprint components changed.',
    check: [
      'Which components differ: the reproduction names them ("3 of 5 components differ: machine id, system UUID, disk serial").',
      'One component (a network adapter) never causes this; several hardware ones mean another machine or a restored backup.',
      'The Instance ID in the bundle against the one in the certificate: a changed ID means the app data was copied from another computer.',
      'Whether the old machine still holds a slot (`--against` lists the activations).',
    ],
    reproduce: [BUNDLE, REPRODUCE, AGAINST, SCENARIO('LICENSE_MISMATCH')],
  },
  LICENSE_DEACTIVATED: {
    shownWhen: 'State "deactivated" or a refused activation: the vendor deactivated the whole license.',
    check: [
      'The license status on the authority (`--against`, or `keyhole license show <license-id>`).',
      'The order history: refund, cancellation or a policy action.',
      'Whether the customer owns another, current license key.',
    ],
    reproduce: [BUNDLE, REPRODUCE, AGAINST, SCENARIO('LICENSE_DEACTIVATED')],
  },
  ACTIVATION_LIMIT_REACHED: {
    shownWhen: 'Activating: every slot of the license is taken (the authority answered 409).',
    check: [
      'The activations and their last-seen times (`--against`, or `keyhole license activations <license-id>`).',
      'Slots held by machines the customer no longer uses: revoke one (`keyhole license revoke <license-id> <activation-id>`).',
      'Whether the plan\'s limit fits the customer (`keyhole license limit <license-id> <N>`).',
    ],
    reproduce: [
      BUNDLE,
      'The event log holds the refused activation (HTTP 409); the certificate and state are unchanged.',
      AGAINST,
      SCENARIO('ACTIVATION_LIMIT_REACHED'),
    ],
  },
  ACTIVATION_REVOKED: {
    shownWhen: 'State "revoked": the authority answered that this machine\'s activation was revoked.',
    check: [
      'Who revoked it and when: `--against` shows this instance\'s activation as revoked, with its end time.',
      'A key regeneration revokes every activation at once (`--against` reports "key regenerated").',
      'Whether the customer should get the slot back: they can activate again if the limit allows.',
    ],
    reproduce: [BUNDLE, REPRODUCE, AGAINST, SCENARIO('ACTIVATION_REVOKED')],
  },
  ACTIVATION_REMOVED: {
    shownWhen: 'State "removed": the license server answered that this instance holds no activation (its slot was freed elsewhere or the activation ended).',
    check: [
      'The activations of the license (`keyhole license activations <license-id>`): when and how this Instance ID\'s activation ended.',
      'Whether someone with the key deactivated it from another machine or a script, or the app data was restored from an old backup.',
      'A free slot: the customer can activate again at once if there is one.',
    ],
    reproduce: [BUNDLE, REPRODUCE, AGAINST, SCENARIO('ACTIVATION_REMOVED')],
  },
  OFFLINE_ONLY_PLAN: {
    shownWhen: 'Activating online with a key whose plan is offline-only (or deactivating an offline activation online).',
    check: [
      'The plan mode of the license (`keyhole license show <license-id>`: "offline").',
      'The customer has the offline steps: request code from the app, activation code back from the vendor.',
    ],
    reproduce: [BUNDLE, 'The event log holds the refused activation (HTTP 403).', AGAINST, SCENARIO('OFFLINE_ONLY_PLAN')],
  },
  SERVER_UNREACHABLE: {
    shownWhen: 'An action could not reach the authority, or state "lease_expired": online re-validation was due and never succeeded.',
    check: [
      'The authority URL in the bundle is the vendor\'s real one (a typo or a test build shows here).',
      'The event log: `unreachable` with a latency near the timeout means a firewall or proxy drops the traffic; a fast one, a refused connection or DNS.',
      'The customer can open the authority URL in a browser from that machine (HTTPS, proxy, DNS).',
      'Whether the authority was down at those times (its own logs).',
      'For machines that never go online: an air-gapped or offline plan instead.',
    ],
    reproduce: [BUNDLE, REPRODUCE, SCENARIO('SERVER_UNREACHABLE')],
  },
  SERVER_ERROR: {
    shownWhen: 'The authority answered 500 or something the app could not read (also: a refreshed certificate that did not verify).',
    check: [
      'The event log: HTTP status, time and note of the failed call.',
      'The authority\'s own log at that time (it logs every 500 with its cause).',
      'A proxy that rewrites answers (an HTML error page instead of JSON).',
    ],
    reproduce: [BUNDLE, 'Find the failed call in the bundle\'s events and the same time in the authority log.', SCENARIO('SERVER_ERROR')],
  },
  INTERNAL_ERROR: {
    shownWhen: 'A handler in the app\'s main process threw something that is not a Keyhole error (a defect, never a license verdict).',
    check: [
      'The log tail in the bundle: the door logs the unexpected error with its stack on the customer\'s machine.',
      'The app version, and whether the same action fails on a clean install.',
    ],
    reproduce: [BUNDLE, 'Repeat the action named in the bundle\'s actionError on the same app version.', SCENARIO('INTERNAL_ERROR')],
  },
  RATE_LIMITED: {
    shownWhen: 'The authority answered 429: too many requests from that address or for that key.',
    check: [
      'The event log: how many attempts in how little time (a script, or many machines behind one NAT address).',
      'The wait the app showed (Retry-After); the limit clears by itself.',
    ],
    reproduce: [BUNDLE, 'The event log holds the refused calls (HTTP 429).', SCENARIO('RATE_LIMITED')],
  },
  GRACE_PERIOD: {
    shownWhen: 'State "grace": an online license could not re-validate; features stay on until the lease ends (days left shown).',
    check: [
      'The last server answer and its time (`authority.lastAnswer` in the bundle; reproduce prints it).',
      'The days left: before they run out, the machine must reach the authority once.',
      'The same network checks as for SERVER_UNREACHABLE.',
    ],
    reproduce: [BUNDLE, REPRODUCE, SCENARIO('GRACE_PERIOD')],
  },
  CLOCK_ROLLBACK: {
    shownWhen: 'State "clock_rollback": the clock is more than 10 minutes before the latest time the app has seen, or before the certificate was issued.',
    check: [
      'The bundle\'s `clock.now` against `clock.highestTimeSeen`: the reproduction states the gap.',
      'Automatic time (NTP) on the machine; a dead clock battery; a VM restored from a snapshot.',
      'A deliberate rollback to stretch an expiry: the event log shows when the time went back.',
    ],
    reproduce: [BUNDLE, REPRODUCE, SCENARIO('CLOCK_ROLLBACK')],
  },
  STORE_UNREADABLE: {
    shownWhen: 'State "unreadable": the local license file failed its integrity check and was kept aside (never deleted).',
    check: [
      'The hint and the file kept aside, both in `store.problem` of the bundle.',
      'The key protection (`store.backend`): a changed OS keyring or user account makes the data key unreadable.',
      'Sync or backup tools that touch the app data folder; disk errors.',
      'Re-activating with the key reuses this machine\'s slot.',
    ],
    reproduce: [BUNDLE, REPRODUCE, SCENARIO('STORE_UNREADABLE')],
  },
  VERSION_NOT_COVERED: {
    shownWhen: 'State "version_not_covered": the app\'s major version is outside the versions the license covers.',
    check: [
      'The app version in the bundle against the certificate\'s versions (the reproduction states both).',
      'Whether an upgrade of the license, or the covered app version, is what the customer needs.',
    ],
    reproduce: [BUNDLE, REPRODUCE, AGAINST, SCENARIO('VERSION_NOT_COVERED')],
  },
  NOT_ACTIVATED: {
    shownWhen: 'State "not_activated": no activation is stored (a new installation, or after a deactivation).',
    check: [
      'The event log: a deactivation, or a failed activation the customer did not notice.',
      'Whether the customer has a key at all, and which Instance ID they gave the vendor (the bundle has the current one).',
    ],
    reproduce: [BUNDLE, REPRODUCE, SCENARIO('NOT_ACTIVATED')],
  },
  DEACTIVATION_CODE_MISMATCH: {
    shownWhen: 'An offline deactivation code given to the vendor does not match the current activation of that instance.',
    check: [
      'The activations of the license and their times (`keyhole license activations <license-id>`): was the instance activated again after the code was made?',
      'The code belongs to this license and Instance ID (ask for the whole code and the Instance ID).',
      'Whether the slot was already freed or revoked; if it is still taken, revoke it by hand.',
    ],
    reproduce: [
      'Ask for the deactivation code, the Instance ID and the license key (or license id).',
      'Submit the code to the authority yourself and read the answer; `keyhole license activations <license-id>` shows the slot.',
      SCENARIO('DEACTIVATION_CODE_MISMATCH'),
    ],
  },
  DEACTIVATION_PROOF_REQUIRED: {
    shownWhen: 'Freeing the slot of an air-gapped or offline activation with only the key and the Instance ID: the authority asks for the device\'s proof (its deactivation code or its certificate).',
    check: [
      'The license\'s mode (`keyhole license show <license-id>`): air-gapped and offline activations never re-validate.',
      'Whether the device still exists: if it does, "Deactivate this device" there gives the code; if it is lost, revoke the activation yourself.',
    ],
    reproduce: [
      'Call `POST /license/deactivate` with only `license_key` and `instance_id` of an air-gapped activation on a local authority: the answer is this code (HTTP 403).',
      SCENARIO('DEACTIVATION_PROOF_REQUIRED'),
    ],
  },
  DEACTIVATION_LIMIT_REACHED: {
    shownWhen: 'A deactivation (online, by code or by the customer\'s self-service) after the plan\'s slot releases for the period were used up.',
    check: [
      'The `next_release_at` in the error details: the date the next release is possible.',
      'The license\'s recent activations (`keyhole license activations <license-id>`): a loop of deactivate → activate points to sharing of one license.',
      'If the customer has a real need, revoke the activation yourself (the vendor is never capped).',
    ],
    reproduce: [BUNDLE, 'Deactivate and activate an instance of a plan with a small release limit on a local authority until the answer is this code.', SCENARIO('DEACTIVATION_LIMIT_REACHED')],
  },
  TRIAL_ALREADY_USED: {
    shownWhen: 'Choosing "Start free trial" on a machine whose Instance ID, or a fingerprint matching under the usual rule, has had a trial.',
    check: [
      'Whether the machine had a trial: `keyhole license find <instance-id>` lists the trial license if the Instance ID matched.',
      'A copied virtual machine or a re-imaged PC keeps most fingerprint components, so it counts as the same machine.',
      'Trials are never granted twice, also not after a deactivation or a bought key; a goodwill extension is a normal order (`keyhole order create`).',
    ],
    reproduce: [BUNDLE, 'The event log holds the refused trial (HTTP 409).', SCENARIO('TRIAL_ALREADY_USED')],
  },
  TRIAL_ENDED: {
    shownWhen: 'State "expired" for a trial certificate: the trial\'s days have passed, or the authority answered LICENSE_EXPIRED for the trial license.',
    check: [
      'The end date in the reproduction, and the customer\'s clock in the bundle (`clock.now`): a clock far ahead also ends a trial.',
      'Whether the customer bought a key: entering it converts the installation; the trial stays used.',
    ],
    reproduce: [BUNDLE, REPRODUCE, AGAINST, SCENARIO('TRIAL_ENDED')],
  },
  TRIAL_NEEDS_INTERNET: {
    shownWhen: 'Choosing "Start free trial" when the authority cannot be reached: trials are granted online only.',
    check: [
      'The event log: the refused trial with `unreachable`, its latency telling a firewall (near the timeout) from DNS or a refused connection (fast).',
      'The customer can open the authority URL in a browser from that machine.',
      'Machines that never go online cannot have a trial: sell an offline or air-gapped license instead.',
    ],
    reproduce: [BUNDLE, SCENARIO('TRIAL_NEEDS_INTERNET')],
  },
  REQUEST_INVALID: {
    shownWhen: 'A call to the authority\'s API was malformed (an integration or an old client; the app itself validates first).',
    check: [
      'The `hint` in the error body names the field.',
      'The client version: an old app sending a field the authority no longer knows.',
    ],
    reproduce: ['Send the same request to a local authority (`keyhole authority start`) and compare the answer.'],
  },
  UNAUTHORIZED: {
    shownWhen: 'An admin API call or `--against` without a valid bearer token.',
    check: ['The token was created on this authority (`keyhole token create`) and copied whole.', 'The header is `Authorization: Bearer <token>`.'],
    reproduce: ['Repeat the call with a fresh token from `keyhole token create --data <dir>`.'],
  },
  ROLE_READ_ONLY: {
    shownWhen: 'A support user of the console (role `support`) tried a change through the console or the admin API.',
    check: ['The user\'s role: `keyhole user list`.', 'Whether the change is one support should make; if so, an admin makes it or adds the person as an admin.'],
    reproduce: ['Sign in as a support user and send the change; the answer is 403 with this code, and nothing changes (the audit log shows no event).'],
  },
  NOT_FOUND: {
    shownWhen: 'An admin lookup (license, plan, activation) or a route that does not exist.',
    check: ['The id or key: `keyhole license show <license-id|key>`.', 'The authority URL and data dir: another environment?'],
    reproduce: ['Look the id up with the CLI on the authority\'s data dir (`--data <dir>`).'],
  },
};

/** Support's note for every catalog code. */
export const SUPPORT_NOTES: { readonly [C in ErrorCode]: SupportNote } = notes;

/**
 * Support's note for a code, in catalog order when listing them all.
 *
 * @example
 * supportNote('CLOCK_ROLLBACK').check[0] // "The bundle's `clock.now` against …"
 */
export function supportNote(code: ErrorCode): SupportNote {
  return SUPPORT_NOTES[code];
}

/**
 * Every code with its note, in catalog order (for generated documents).
 *
 * @example
 * allSupportNotes().length === ERROR_CODES.length // true
 */
export function allSupportNotes(): readonly (readonly [ErrorCode, SupportNote])[] {
  return ERROR_CODES.map((code) => [code, SUPPORT_NOTES[code]] as const);
}
