import { BaseHarnessFilters, ComponentHarness, ComponentHarnessConstructor, HarnessPredicate } from '@angular/cdk/testing';
import { type ProofmeStateStatus } from 'proofme-ng';
import { ProofmeError } from 'proofme-ng/protocol';
import { ProofmeMobileButtonHarness } from './proofme-mobile-button-harness';
import { ProofmeQrHarness } from './proofme-qr-harness';
import { ProofmeStatusHarness } from './proofme-status-harness';

/** Filters for {@link ProofmeIdentificationHarness.with}. */
export interface ProofmeIdentificationHarnessFilters extends BaseHarnessFilters {
  /** Only an identification showing this session state. */
  readonly state?: ProofmeStateStatus;
}

/**
 * Drives `<proofme-identification>` in component tests: its session state, its status text, the
 * QR code and mobile button inside it (as their own harnesses), and the preflight's panel.
 */
export class ProofmeIdentificationHarness extends ComponentHarness {
  static hostSelector = 'proofme-identification';

  /** A predicate for `loader.getHarness(ProofmeIdentificationHarness.with({ state: 'ready' }))`. */
  static with<T extends ProofmeIdentificationHarness>(
    this: ComponentHarnessConstructor<T>,
    options: ProofmeIdentificationHarnessFilters = {},
  ): HarnessPredicate<T> {
    return new HarnessPredicate(this, options).addOption(
      'state',
      options.state,
      async (harness, state) => (await harness.getState()) === state,
    );
  }

  private readonly qr = this.locatorFor(ProofmeQrHarness);
  private readonly status = this.locatorForOptional(ProofmeStatusHarness);
  private readonly mobileButton = this.locatorForOptional(ProofmeMobileButtonHarness);
  private readonly preflightPanel = this.locatorForOptional('.proofme-identification__preflight');
  private readonly preflightMessage = this.locatorForOptional('.proofme-identification__preflight-message');
  private readonly preflightRetry = this.locatorForOptional('.proofme-identification__preflight-retry');
  private readonly checking = this.locatorForOptional('.proofme-identification__checking');

  /** The session state shown (`connecting` while there is no session yet, e.g. during the preflight). */
  async getState(): Promise<ProofmeStateStatus> {
    return (await (await this.host()).getAttribute('data-state')) as ProofmeStateStatus;
  }

  /** The status line's text, or null while there is none (before a session, or on a preflight failure). */
  async getStatusText(): Promise<string | null> {
    const status = await this.status();
    return status ? status.getText() : null;
  }

  /**
   * The QR code's harness.
   * @throws Angular CDK's "Failed to find element" error while the preflight panel replaces the code.
   */
  async getQr(): Promise<ProofmeQrHarness> {
    return this.qr();
  }

  /** The status line's harness, or null while there is none. */
  async getStatus(): Promise<ProofmeStatusHarness | null> {
    return this.status();
  }

  /** The "open in app" button's harness: present in the phone layout only, else null. */
  async getMobileButton(): Promise<ProofmeMobileButtonHarness | null> {
    return this.mobileButton();
  }

  /** True while the phone layout (button first, smaller code) is shown. */
  async isHandheldLayout(): Promise<boolean> {
    return (await this.host()).hasClass('proofme-identification--handheld');
  }

  /** True while the preflight runs, before any session. */
  async isCheckingPreflight(): Promise<boolean> {
    return !!(await this.checking());
  }

  /** The failure the preflight panel shows (e.g. `IDENTIFICATION_NOT_FOUND`), or null while there is none. */
  async getPreflightFailure(): Promise<string | null> {
    const panel = await this.preflightPanel();
    return panel ? panel.getAttribute('data-preflight-failure') : null;
  }

  /** The preflight panel's message, or null while there is none. */
  async getPreflightMessage(): Promise<string | null> {
    const message = await this.preflightMessage();
    return message ? message.text() : null;
  }

  /**
   * Clicks "Check again" on the preflight panel.
   * @throws {ProofmeError} PROOFME_TESTING_NO_ELEMENT when no preflight failure is shown.
   */
  async clickRetryPreflight(): Promise<void> {
    const button = await this.preflightRetry();
    if (!button) throw new ProofmeError('PROOFME_TESTING_NO_ELEMENT', 'ProofmeIdentificationHarness: no preflight failure to retry.');
    await button.click();
  }

  /**
   * Clicks the status line's retry button (a new channel after the phone left, expiry or an error).
   * @throws {ProofmeError} PROOFME_TESTING_NO_ELEMENT when the state offers none.
   */
  async clickRetry(): Promise<void> {
    const status = await this.status();
    if (!status || !(await status.hasRetryButton())) {
      throw new ProofmeError('PROOFME_TESTING_NO_ELEMENT', 'ProofmeIdentificationHarness: no retry button in this state.');
    }
    await status.clickRetry();
  }
}
