import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CATALOG, ERROR_CODES, type ErrorCode } from './catalog.ts';
import { PLACES, type Place } from './controls.ts';
import { panelFor, statusLead, type PlaceContext } from './screen-actions.ts';

// Codes only an API client sees (a malformed request, an admin token): no screen shows them.
const API_ONLY: readonly ErrorCode[] = ['REQUEST_INVALID', 'UNAUTHORIZED', 'ROLE_READ_ONLY', 'NOT_FOUND'];
const SHOWN = ERROR_CODES.filter((code) => !API_ONLY.includes(code));

/** Every combination of what a screen can hold around a panel. */
function contexts(place: Place): PlaceContext[] {
  const out: PlaceContext[] = [];
  for (let bits = 0; bits < 256; bits++) {
    const flag = (n: number) => (bits & (1 << n)) !== 0;
    out.push({ place, failed: flag(0), hasCertificate: flag(1), callsOut: flag(2), featuresOff: flag(3), offlineActivation: flag(4), renewUrl: flag(5), buyUrl: flag(6), trialOffered: flag(7) });
  }
  return out;
}

/** The controls each screen really draws, by label, for a context (mirrors the components). */
function onScreen(ctx: PlaceContext, panel: ReturnType<typeof panelFor>): Set<string> {
  const labels = new Set(panel.actions.map((action) => action.label));
  if (ctx.place === 'activate' || ctx.place === 'status') labels.add('Copy Instance ID');
  if (ctx.place === 'activate' && ctx.trialOffered) labels.add('Start free trial');
  if (ctx.place === 'status') {
    labels.add(ctx.featuresOff ? 'Activate again' : 'Change key');
    if (ctx.hasCertificate) labels.add('Deactivate this device');
    if (ctx.hasCertificate && ctx.callsOut) labels.add('Re-validate now');
  }
  return labels;
}

describe('fix steps and buttons per screen', () => {
  test('every step on every screen names only controls that screen has', () => {
    for (const code of SHOWN) {
      for (const place of PLACES) {
        for (const ctx of contexts(place)) {
          const panel = panelFor(code, ctx);
          const where = `${code} on ${place} ${JSON.stringify(ctx)}`;
          assert.ok(panel.steps.length > 0, `${where}: no steps left`);
          const labels = onScreen(ctx, panel);
          for (const name of panel.named) assert.ok(labels.has(name), `${where}: names "${name}"`);
          for (const step of panel.steps) {
            assert.doesNotMatch(step, /[{}]/, `${where}: unfilled token in ${step}`);
            // The manual page's own buttons ("Get activation code") and the app's on another device are the only other quotes.
            for (const [, quoted] of step.matchAll(/"([^"]+)"/g)) {
              const elsewhere = quoted === 'Deactivate this device' && /^On (a|an air-gapped or offline|that) (machine|device)/.test(step);
              assert.ok(labels.has(quoted!) || elsewhere, `${where}: "${quoted}" in ${step}`);
            }
          }
        }
      }
    }
  });

  test('the catalog writes control names only as tokens, so a renamed button renames every step', () => {
    for (const code of SHOWN) {
      const entry = CATALOG[code];
      for (const step of [...entry.steps, ...Object.values(entry.fixesOn).flat()]) assert.doesNotMatch(step, /["“”]/, `${code}: ${step}`);
    }
  });

  test('Retry is offered only where retrying can help, and is never the main button otherwise', () => {
    for (const code of SHOWN) {
      if (CATALOG[code].actions.includes('retry')) assert.equal(CATALOG[code].retryable, true, code);
      for (const place of PLACES) {
        for (const ctx of contexts(place)) {
          const panel = panelFor(code, ctx);
          const retry = panel.actions.find((action) => action.id === 'retry');
          if (!CATALOG[code].retryable || !ctx.failed) assert.equal(retry, undefined, `${code} on ${place}`);
          assert.ok(panel.actions.filter((action) => action.primary).length <= 1, `${code}: one main button`);
          assert.ok(!panel.actions.some((action) => action.id === 'contact' && action.primary), `${code}: contact is not the main way out`);
        }
      }
    }
  });

  test('the status screen has one main action: the panel\'s, else its own; exactly one once features are off', () => {
    for (const code of [null, ...SHOWN]) {
      for (const ctx of contexts('status')) {
        for (const clockRollback of [false, true]) {
          const panel = code === null ? null : panelFor(code, ctx);
          const main = (panel?.actions.filter((action) => action.primary).length ?? 0) + (statusLead(panel, ctx, clockRollback) === null ? 0 : 1);
          const where = `${code ?? 'no panel'} ${JSON.stringify(ctx)} clock set back: ${clockRollback}`;
          if (ctx.featuresOff) assert.equal(main, 1, `${where}: one way out`);
          else assert.ok(main <= 1, `${where}: ${main} main buttons`);
        }
      }
    }
  });

  test('an ended trial leads with "Buy" alone; without a store address, with "Enter a license key"', () => {
    const ended: PlaceContext = { place: 'status', failed: false, hasCertificate: true, callsOut: true, featuresOff: true, offlineActivation: true, renewUrl: true, buyUrl: true };
    const panel = panelFor('TRIAL_ENDED', ended);
    assert.deepEqual(panel.actions.filter((a) => a.primary).map((a) => a.label), ['Buy']);
    assert.equal(statusLead(panel, ended, false), null, '"Activate again" stands beside it as a secondary button');
    const noStore = { ...ended, buyUrl: false };
    const plain = panelFor('TRIAL_ENDED', noStore);
    assert.deepEqual(plain.actions.filter((a) => a.primary).map((a) => a.label), ['Enter a license key']);
    assert.equal(statusLead(plain, noStore, false), null);
  });

  const base: PlaceContext = { place: 'activate', failed: true, hasCertificate: false, callsOut: false, featuresOff: true, offlineActivation: true, renewUrl: false };

  test('on the key screen no step sends the user to "Re-validate now" or "Change key"', () => {
    for (const code of SHOWN) {
      const text = panelFor(code, base).steps.join(' ');
      assert.doesNotMatch(text, /"(Re-validate now|Change key|Activate again)"/, code);
    }
    assert.ok(panelFor('LICENSE_EXPIRED', base).steps.some((step) => /activate the renewed key/.test(step)));
  });

  test('an expired online license on the status screen renews, then re-validates; an air-gapped one activates again', () => {
    const online = panelFor('LICENSE_EXPIRED', { ...base, place: 'status', failed: false, hasCertificate: true, callsOut: true, renewUrl: true });
    assert.deepEqual(online.actions.map((a) => [a.label, a.primary]), [['Renew license', true], ['Contact support', false]]);
    assert.ok(online.steps.includes('After renewing, choose "Re-validate now".'));
    const airgapped = panelFor('LICENSE_EXPIRED', { ...base, place: 'status', failed: false, hasCertificate: true, callsOut: false });
    assert.ok(airgapped.steps.includes('After renewing, activate the renewed key with "Activate again".'));
    assert.ok(airgapped.steps.includes('Renew the license with the vendor.'));
  });

  test('unreachable server: Retry leads where a request failed, "Activate offline" stands beside it', () => {
    const panel = panelFor('SERVER_UNREACHABLE', base);
    assert.deepEqual(panel.actions.map((a) => [a.label, a.primary]), [['Retry', true], ['Activate offline', false], ['Contact support', false]]);
    const noOffline = panelFor('SERVER_UNREACHABLE', { ...base, offlineActivation: false, failed: false });
    assert.ok(!noOffline.steps.join(' ').includes('Activate offline'));
    assert.ok(noOffline.steps.some((step) => /tries again by itself/.test(step)));
  });

  test('limit reached where the key was just tried: "Free a slot" is the way out, and the steps say so', () => {
    const panel = panelFor('ACTIVATION_LIMIT_REACHED', base);
    assert.deepEqual(panel.actions.map((a) => [a.label, a.primary]), [['Free a slot', true], ['Contact support', false]]);
    assert.match(panel.steps[0]!, /^Choose "Free a slot"/);
    assert.ok(!panel.steps.some((step) => step.startsWith('On a machine you no longer use')), 'no detour while the button is there');
    const status = panelFor('ACTIVATION_LIMIT_REACHED', { ...base, place: 'status' });
    assert.ok(!status.actions.some((a) => a.id === 'freeSlot'), 'no key in hand on the status screen');
    assert.ok(status.steps.some((step) => step.includes('"Deactivate this device"')));
    assert.ok(panelFor('ACTIVATION_LIMIT_REACHED', { ...base, place: 'manual' }).actions.some((a) => a.id === 'freeSlot'));
  });

  test('the manual page speaks of the request code, not of app buttons it does not have', () => {
    const text = panelFor('LICENSE_EXPIRED', { ...base, place: 'manual' }).steps.join(' ');
    assert.doesNotMatch(text, /Re-validate now|Renew license|Retry/);
    assert.match(text, /request code/);
  });

  test('the panel under an "Offline too long" badge does not claim nothing changed while features are off', () => {
    assert.doesNotMatch(CATALOG.SERVER_UNREACHABLE.explanation, /Nothing about your license changed/);
    assert.match(CATALOG.SERVER_UNREACHABLE.explanation, /features that need a recent check stay off/);
  });

  test('trial refusals and an ended trial offer "Buy" first and "Enter a license key"; without a store address, steps say to buy from the vendor', () => {
    for (const code of ['TRIAL_ENDED', 'TRIAL_ALREADY_USED'] as const) {
      const status = panelFor(code, { ...base, place: code === 'TRIAL_ENDED' ? 'status' : 'activate', buyUrl: true, hasCertificate: code === 'TRIAL_ENDED' });
      assert.deepEqual(status.actions.slice(0, 2).map((a) => [a.label, a.primary]), [['Buy', true], ['Enter a license key', false]], code);
      assert.ok(status.steps.includes('Choose "Buy" to buy a license.'), code);
      const noStore = panelFor(code, { ...base, buyUrl: false });
      assert.ok(!noStore.actions.some((a) => a.id === 'buy'), code);
      assert.ok(noStore.steps.includes('Buy a license from the vendor.'), code);
    }
    assert.doesNotMatch(panelFor('TRIAL_ENDED', { ...base, place: 'status', buyUrl: true }).steps.join(' '), /Renew license/);
    const offline = panelFor('TRIAL_NEEDS_INTERNET', { ...base, buyUrl: true });
    assert.deepEqual(offline.actions.map((a) => a.label), ['Retry', 'Buy', 'Contact support']);
  });
});
