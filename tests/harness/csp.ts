import assert from 'node:assert/strict';

/*
 * Reading and judging the renderer's Content-Security-Policy, for the source page
 * (renderer/index.html) and the built one (dist/index.html) alike.
 */

/** The CSP of a page's `<meta http-equiv="Content-Security-Policy">`, directive → sources. */
export function readMetaCsp(html: string): Map<string, string[]> {
  const tags = [...html.matchAll(/<meta\s[^>]*http-equiv="Content-Security-Policy"[^>]*>/gi)];
  assert.equal(tags.length, 1, 'the page has exactly one CSP meta tag');
  const content = /\scontent="([^"]*)"/i.exec(tags[0]![0])?.[1];
  assert.ok(content, 'the CSP meta tag has a content attribute');
  const directives = new Map<string, string[]>();
  for (const part of content.split(';').map((text) => text.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    assert.ok(!directives.has(name!), `directive ${name} appears twice (the browser keeps only the first)`);
    directives.set(name!, sources);
  }
  return directives;
}

/** Sources a strict policy may name: the bundle itself, nothing, and data: images. */
const LOCAL_SOURCES = new Set(["'self'", "'none'"]);

/**
 * Fails unless the policy is strict: nothing by default, scripts only from the bundle, no eval or
 * inline code, and no source outside the app (no scheme, host or wildcard anywhere).
 */
export function assertStrictCsp(csp: Map<string, string[]>): void {
  assert.deepEqual(csp.get('default-src'), ["'none'"]);
  assert.deepEqual(csp.get('script-src'), ["'self'"]);
  for (const [directive, sources] of csp) {
    for (const source of sources) {
      const allowed = LOCAL_SOURCES.has(source) || (directive === 'img-src' && source === 'data:');
      assert.ok(allowed, `${directive} allows ${source}: only 'self', 'none' (and data: images) keep the page local`);
    }
  }
}
