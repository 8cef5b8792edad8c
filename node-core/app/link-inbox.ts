import { parseDeepLink } from '../../shared/format/deep-link.ts';

/*
 * Where an activate link waits for the window: a link can arrive before the renderer listens (the
 * first launch's argv, macOS open-url before ready), so the newest key is kept until the window
 * takes it. Only a key is kept, never activated; a refused link leaves a log line and nothing else.
 */

export interface LinkInbox {
  /** Reads `link`; true when it carried a key, which now waits to be taken. */
  offer(link: string): boolean;
  /** The waiting key, once. */
  take(): string | null;
}

export function createLinkInbox(scheme: string | null, log: (line: string) => void): LinkInbox {
  let waiting: string | null = null;
  return {
    offer(link) {
      if (scheme === null) {
        log('deep link ignored: the product config names no urlScheme');
        return false;
      }
      const parsed = parseDeepLink(link, scheme);
      if (parsed.kind === 'ignored') {
        log(`deep link ignored: ${parsed.reason}`);
        return false;
      }
      if (parsed.ignored.length > 0) log(`deep link: ignored its parameters ${parsed.ignored.join(', ')}`);
      waiting = parsed.key;
      return true;
    },
    take() {
      const key = waiting;
      waiting = null;
      return key;
    },
  };
}
