import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import type { LicenseView, Result } from '../../shared/ipc/contract.ts';
import { createLicenseSource, Licensed, LicenseProvider, type LicenseReader } from './react.tsx';

/* keyhole/react (createElement, so the test stays a .ts file) over a reader that answers like the preload's read-only API. */

function view(state: LicenseView['status']['state'], plugins: string[]): LicenseView {
  return { status: { state, plugins, featuresEnabled: plugins.length > 0 }, instanceId: 'KI-TEST' } as unknown as LicenseView;
}

function reader(first: LicenseView) {
  const listeners = new Set<(payload: LicenseView) => void>();
  const api: LicenseReader = {
    getLicense: () => Promise.resolve({ ok: true, value: first } as Result<LicenseView>),
    onLicenseChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { api, push: (next: LicenseView) => listeners.forEach((listener) => listener(next)) };
}

const studio = (source: ReturnType<typeof createLicenseSource>) =>
  renderToString(
    h(LicenseProvider, {
      source,
      children: [
        h(Licensed, { key: 'r', plugin: 'reports', fallback: h('p', null, 'Reports is not licensed'), children: h('p', null, 'Reports panel') }),
        h(Licensed, { key: 's', plugin: 'sync', fallback: h('p', null, 'Sync is not licensed'), children: h('p', null, 'Sync panel') }),
      ],
    }),
  );

test('<Licensed> shows the fallback until the first answer, then exactly the licensed panels', async () => {
  const { api } = reader(view('active', ['reports']));
  const source = createLicenseSource(api);
  assert.match(studio(source), /Reports is not licensed.*Sync is not licensed/);
  await Promise.resolve();
  await Promise.resolve();
  const html = studio(source);
  assert.match(html, /Reports panel/);
  assert.match(html, /Sync is not licensed/);
});

test('a change event turns the panels off (revoked) and the source tells its subscribers', async () => {
  const { api, push } = reader(view('active', ['reports', 'sync']));
  const source = createLicenseSource(api);
  await Promise.resolve();
  await Promise.resolve();
  assert.match(studio(source), /Reports panel.*Sync panel/);
  let told = 0;
  source.subscribe(() => told++);
  push(view('revoked', []));
  assert.equal(told, 1);
  assert.equal(source.has('reports'), false);
  assert.match(studio(source), /Reports is not licensed.*Sync is not licensed/);
});

test('useLicense outside a provider says what is missing', () => {
  assert.throws(() => renderToString(h(Licensed, { plugin: 'reports', children: 'x' })), /needs a <LicenseProvider>/);
});
