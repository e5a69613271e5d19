import { BaseHarnessFilters, ComponentHarness, ComponentHarnessConstructor, HarnessPredicate } from '@angular/cdk/testing';
import { type ProofmeStateStatus } from 'proofme-ng';
import { ProofmeError } from 'proofme-ng/protocol';

/** Filters for {@link ProofmeStatusHarness.with}. */
export interface ProofmeStatusHarnessFilters extends BaseHarnessFilters {
  /** Only a status showing this session state. */
  readonly state?: ProofmeStateStatus;
  /** Only a status whose text matches: a string must equal it, a RegExp must match (as in the CDK's own filters). */
  readonly text?: string | RegExp;
}

/** Drives `<proofme-status>` in component tests. */
export class ProofmeStatusHarness extends ComponentHarness {
  static hostSelector = 'proofme-status';

  /** A predicate for `loader.getHarness(ProofmeStatusHarness.with({ state: 'error' }))`. */
  static with<T extends ProofmeStatusHarness>(
    this: ComponentHarnessConstructor<T>,
    options: ProofmeStatusHarnessFilters = {},
  ): HarnessPredicate<T> {
    return new HarnessPredicate(this, options)
      .addOption('state', options.state, async (harness, state) => (await harness.getState()) === state)
      .addOption('text', options.text, (harness, text) => HarnessPredicate.stringMatches(harness.getText(), text));
  }

  private readonly retryButton = this.locatorForOptional('.proofme-status__retry');

  /** The session state the status shows. */
  async getState(): Promise<ProofmeStateStatus> {
    return (await (await this.host()).getAttribute('data-state')) as ProofmeStateStatus;
  }

  /**
   * Everything the status shows as text (the default look: the sentence, any reason or countdown,
   * and any button), without the hidden live region's copy, which fills a frame later.
   */
  async getText(): Promise<string> {
    return (await this.host()).text({ exclude: '.proofme-status__live' });
  }

  /**
   * True where the state offers an action: Retry now (reconnecting), New QR code (phone left,
   * expired, offline, a retryable error), Try again (a failure, inside `<proofme-identification>`).
   */
  async hasRetryButton(): Promise<boolean> {
    return !!(await this.retryButton());
  }

  /**
   * Clicks the action button ("Retry now" / "New QR code" / "Try again").
   * @throws {ProofmeError} PROOFME_TESTING_NO_ELEMENT when the status shows no such button in this state.
   */
  async clickRetry(): Promise<void> {
    const button = await this.retryButton();
    if (!button) throw new ProofmeError('PROOFME_TESTING_NO_ELEMENT', 'ProofmeStatusHarness: no retry button in this state.');
    await button.click();
  }
}
