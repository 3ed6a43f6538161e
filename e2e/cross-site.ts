import { findChromium } from '../scripts/find-chromium.ts'

/**
 * For tests whose page stands in for a site on the public internet (localhost) framing the chat
 * server (127.0.0.1): Chromium's Local Network Access checks would stop that framing at all, and
 * that is not what they test.
 */
export const CROSS_SITE_LAUNCH = {
  executablePath: findChromium()!,
  args: [
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
    '--disable-features=LocalNetworkAccessChecks',
  ],
}
