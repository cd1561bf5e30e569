/** Debian's chromium for the review page's browser tests: where it is, why a test skips, how it starts offline. */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const skipWithoutChromium = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: apt-get install -y chromium`;

/** Headless chromium in its own profile folder, with the background services that would reach for the network turned off. */
export async function launchChromium(profile: string) {
  const puppeteer = (await import('puppeteer-core')).default;
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`],
  });
}
