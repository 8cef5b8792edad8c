import type { Browser } from 'playwright-core';
import { startApp, type AppUnderTest, type StartOptions } from './app-under-test.ts';
import { expectBadge, typeKeyAndActivate, waitForApp } from './flows.ts';

/*
 * The app under test for the length of one callback: started, handed over, and closed however the
 * callback ends, so a failing assertion never leaves a browser context, a host or an authority
 * behind for the next test.
 */

type Use<T> = (app: AppUnderTest) => Promise<T>;

export async function withApp<T>(browser: Browser, ...args: [Use<T>] | [StartOptions, Use<T>]): Promise<T> {
  const [options, use] = args.length === 1 ? [{}, args[0]] : args;
  const app = await startApp(browser, options);
  try {
    return await use(app);
  } finally {
    await app.close();
  }
}

/** The same, with the demo key `keyName` (default `online`) already activated and the status view showing Active. */
export async function withActivatedApp<T>(
  browser: Browser,
  ...args: [Use<T>] | [StartOptions, Use<T>] | [StartOptions, string, Use<T>]
): Promise<T> {
  const use = args[args.length - 1] as Use<T>;
  const options = args.length > 1 ? (args[0] as StartOptions) : {};
  const keyName = args.length > 2 ? (args[1] as string) : 'online';
  return withApp(browser, options, async (app) => {
    await waitForApp(app.page);
    await typeKeyAndActivate(app.page, app.key(keyName));
    await expectBadge(app.page, 'Active');
    return use(app);
  });
}
