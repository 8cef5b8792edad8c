/*
 * Test support: posts the manual activation page's forms the way a browser without JavaScript
 * does, and reads the answers back out of the HTML. Not used by production code.
 */

export interface PageResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly html: string;
}

export async function getPage(baseUrl: string, path: string): Promise<PageResponse> {
  const response = await fetch(baseUrl + path);
  return { status: response.status, headers: response.headers, html: await response.text() };
}

export async function postForm(baseUrl: string, path: string, fields: Record<string, string>): Promise<PageResponse> {
  const response = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** The activation code as a user copies it from the page (the element's text); null when there is none. */
export function activationCodeIn(html: string): string | null {
  const match = /id="activation-code">([\s\S]*?)<\/p>/.exec(html);
  return match ? (match[1] as string).replace(/<[^>]*>/g, '').trim() : null;
}

/** The heading of the error panel (a catalog title, HTML-decoded); null when the page shows no error. */
export function errorTitleIn(html: string): string | null {
  const match = /<h2 id="error-title">([\s\S]*?)<\/h2>/.exec(html);
  return match ? decodeEntities(match[1] as string) : null;
}

/** The error code the panel names, e.g. "LICENSE_EXPIRED". */
export function errorCodeIn(html: string): string | null {
  return /Error code: <code>([A-Z_]+)<\/code>/.exec(html)?.[1] ?? null;
}

export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] as string);
}
