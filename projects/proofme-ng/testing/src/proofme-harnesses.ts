import { ComponentHarness } from '@angular/cdk/testing';
import type { ProofmeStateStatus } from 'proofme-ng';

/** Drives `<proofme-qr>` in component tests. */
export class ProofmeQrHarness extends ComponentHarness {
  static hostSelector = 'proofme-qr';

  private readonly frame = this.locatorFor('.proofme-qr__frame');
  private readonly refreshButton = this.locatorForOptional('.proofme-qr__refresh');
  private readonly overlayMessage = this.locatorForOptional('.proofme-qr__overlay .proofme-qr__message');
  private readonly code = this.locatorForOptional('.proofme-qr__code');

  /** The session state the component shows. */
  async getState(): Promise<ProofmeStateStatus> {
    return (await (await this.host()).getAttribute('data-state')) as ProofmeStateStatus;
  }

  /** The deeplink in the code, or null while none is shown. */
  async getDeeplink(): Promise<string | null> {
    return (await this.frame()).getAttribute('data-proofme-deeplink');
  }

  /** The accessible name of the code area. */
  async getAriaLabel(): Promise<string | null> {
    return (await this.frame()).getAttribute('aria-label');
  }

  /** The text drawn over the code, if any. */
  async getOverlayText(): Promise<string | null> {
    const message = await this.overlayMessage();
    return message ? message.text() : null;
  }

  /** True while a scanned code is drawn faded. */
  async isDimmed(): Promise<boolean> {
    const code = await this.code();
    return !!code && code.hasClass('proofme-qr__code--dimmed');
  }

  async hasRefreshButton(): Promise<boolean> {
    return !!(await this.refreshButton());
  }

  /** Clicks "New QR code"; throws when there is none. */
  async clickRefresh(): Promise<void> {
    const button = await this.refreshButton();
    if (!button) throw new Error('ProofmeQrHarness: no refresh button in this state.');
    await button.click();
  }
}

/** Drives `<proofme-status>` in component tests. */
export class ProofmeStatusHarness extends ComponentHarness {
  static hostSelector = 'proofme-status';

  private readonly retryButton = this.locatorForOptional('.proofme-status__retry');

  async getState(): Promise<ProofmeStateStatus> {
    return (await (await this.host()).getAttribute('data-state')) as ProofmeStateStatus;
  }

  /** Everything the status shows as text (the default look: the message and any button). */
  async getText(): Promise<string> {
    return (await this.host()).text();
  }

  async hasRetryButton(): Promise<boolean> {
    return !!(await this.retryButton());
  }

  async clickRetry(): Promise<void> {
    const button = await this.retryButton();
    if (!button) throw new Error('ProofmeStatusHarness: no retry button in this state.');
    await button.click();
  }
}

/** Drives `<proofme-mobile-button>` in component tests. */
export class ProofmeMobileButtonHarness extends ComponentHarness {
  static hostSelector = 'proofme-mobile-button';

  private readonly link = this.locatorForOptional('a');

  /** True when the button is rendered (on phones, or when forced). */
  async isVisible(): Promise<boolean> {
    return !!(await this.link());
  }

  /** The deeplink the button opens, or null while it is inert. */
  async getHref(): Promise<string | null> {
    const link = await this.link();
    return link ? link.getAttribute('href') : null;
  }

  async getLabel(): Promise<string | null> {
    const link = await this.link();
    return link ? link.text() : null;
  }
}
