import { BaseHarnessFilters, ComponentHarness, ComponentHarnessConstructor, HarnessPredicate } from '@angular/cdk/testing';
import { type ProofmeStateStatus } from 'proofme-ng';
import { ProofmeError } from 'proofme-ng/protocol';

/** Filters for {@link ProofmeQrHarness.with}. */
export interface ProofmeQrHarnessFilters extends BaseHarnessFilters {
  /** Only a code showing this session state (`ready`, `scanned`, …). */
  readonly state?: ProofmeStateStatus;
  /** Only a code whose deeplink matches: a string must equal it, a RegExp must match (as in the CDK's own filters). */
  readonly deeplink?: string | RegExp;
}

/** Drives `<proofme-qr>` in component tests. */
export class ProofmeQrHarness extends ComponentHarness {
  static hostSelector = 'proofme-qr';

  /**
   * A predicate for `loader.getHarness(ProofmeQrHarness.with({ state: 'ready' }))`, when a page shows
   * more than one code (or a code inside `<proofme-identification>`).
   */
  static with<T extends ProofmeQrHarness>(this: ComponentHarnessConstructor<T>, options: ProofmeQrHarnessFilters = {}): HarnessPredicate<T> {
    return new HarnessPredicate(this, options)
      .addOption('state', options.state, async (harness, state) => (await harness.getState()) === state)
      .addOption('deeplink', options.deeplink, (harness, deeplink) => HarnessPredicate.stringMatches(harness.getDeeplink(), deeplink));
  }

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

  /** True while the "New QR code" button is drawn over a dead code. */
  async hasRefreshButton(): Promise<boolean> {
    return !!(await this.refreshButton());
  }

  /**
   * Clicks "New QR code".
   * @throws {ProofmeError} PROOFME_TESTING_NO_ELEMENT when the code shows no such button in this state.
   */
  async clickRefresh(): Promise<void> {
    const button = await this.refreshButton();
    if (!button) throw new ProofmeError('PROOFME_TESTING_NO_ELEMENT', 'ProofmeQrHarness: no refresh button in this state.');
    await button.click();
  }
}
