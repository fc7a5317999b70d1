// Headless Chromium for the studio's end-to-end test and screenshot: @sparticuz/chromium (a
// Chromium build shipped inside an npm package, so `npm ci` installs it with no download)
// driven by puppeteer-core. VMPY_CHROMIUM names another Chromium binary to use instead.
import type { Browser } from 'puppeteer-core';

// root needs --no-sandbox; the rest keep a test run quiet and off the network
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export type Launched = { browser: Browser; executable: string } | { skip: string };

/** A running browser, or why none could be started here (the caller skips with that reason). */
export async function launchChromium(): Promise<Launched> {
  let executable = process.env.VMPY_CHROMIUM ?? '';
  const { default: puppeteer } = await import('puppeteer-core');
  if (!executable) {
    try {
      const { default: chromium } = await import('@sparticuz/chromium');
      executable = await chromium.executablePath();
    } catch (e) {
      return { skip: `no Chromium: @sparticuz/chromium could not unpack its browser (${(e as Error).message}); set VMPY_CHROMIUM to a Chromium binary` };
    }
  }
  try {
    const browser = await puppeteer.launch({ executablePath: executable, headless: true, args: CHROMIUM_ARGS, timeout: 20_000 });
    return { browser, executable };
  } catch (e) {
    return { skip: `Chromium at ${executable} did not start: ${(e as Error).message.split('\n').slice(0, 6).join(' | ')}` };
  }
}
