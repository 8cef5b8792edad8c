import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { renderTroubleshooting, screenshotName, TROUBLESHOOTING_PATH } from '../../scripts/generate-troubleshooting.ts';
import { CATALOG, ERROR_CODES } from '../../shared/errors/catalog.ts';
import { SUPPORT_NOTES } from '../../shared/errors/support-notes.ts';

describe('docs/troubleshooting.md', () => {
  test('is what the generator produces from the catalog and the support notes now', () => {
    let committed = '';
    try {
      committed = readFileSync(TROUBLESHOOTING_PATH, 'utf8');
    } catch {
      // reported below as out of date
    }
    assert.ok(
      committed === renderTroubleshooting(),
      'docs/troubleshooting.md is out of date with shared/errors/catalog.ts or support-notes.ts: run `npx tsx scripts/generate-troubleshooting.ts` and commit the result',
    );
  });

  test('covers every code: title, screenshot, meaning, checklist, fixes, reproduction', () => {
    const doc = renderTroubleshooting();
    for (const code of ERROR_CODES) {
      const entry = CATALOG[code];
      const section = doc.slice(doc.indexOf(`## ${entry.title}\n`));
      assert.ok(section.length > 0, code);
      for (const text of [`screenshots/${screenshotName(code)}`, entry.explanation, ...entry.fixes, ...SUPPORT_NOTES[code].check, SUPPORT_NOTES[code].reproduce[0] as string]) {
        assert.ok(section.includes(text), `${code}: ${text}`);
      }
    }
  });
});
