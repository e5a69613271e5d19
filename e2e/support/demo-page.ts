import { Locator, Page } from '@playwright/test';
import { parseDeeplink } from 'proofme-ng/protocol';
import { PhoneSimulator } from '../../projects/signaling-server/src';
import { expect } from './fixtures';
import { readQr } from './qr';

/** The demo page as a person uses it. */
export class DemoPage {
  readonly qr: Locator;
  readonly status: Locator;
  readonly result: Locator;
  readonly liveRegion: Locator;

  constructor(readonly page: Page) {
    this.qr = page.locator('proofme-qr .proofme-qr__frame');
    this.status = page.locator('proofme-status .proofme-status__text');
    this.result = page.locator('[data-test=result]');
    this.liveRegion = page.locator('proofme-status .proofme-status__live');
  }

  /** Opens the demo and starts an identification; returns the link read from the QR code's pixels. */
  async start(url: string): Promise<string> {
    await this.page.goto(url);
    await this.page.locator('[data-test=start]').click();
    return this.readQr();
  }

  async readQr(): Promise<string> {
    return readQr(this.qr);
  }

  /** A phone that joins the channel in `link`, exactly as the app would after scanning. */
  async scan(link: string): Promise<PhoneSimulator> {
    const phone = PhoneSimulator.fromDeeplink(link);
    await phone.join();
    await expect(this.status).toHaveText('QR code scanned. Continue on your phone.');
    return phone;
  }
}

/** The channel a deeplink names; fails the test on a link that is not a Proofme deeplink. */
export function channelOf(link: string): { channelId: string; signalServer?: string } {
  const parsed = parseDeeplink(link);
  if (!parsed.ok) throw new Error(`Not a Proofme deeplink: ${link} (${parsed.message})`);
  return parsed.deeplink;
}
