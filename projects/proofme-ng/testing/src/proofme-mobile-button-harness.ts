import { BaseHarnessFilters, ComponentHarness, ComponentHarnessConstructor, HarnessPredicate } from '@angular/cdk/testing';

/** Filters for {@link ProofmeMobileButtonHarness.with}. */
export interface ProofmeMobileButtonHarnessFilters extends BaseHarnessFilters {
  /** Only a button that is rendered (`true`) or hidden (`false`). */
  readonly visible?: boolean;
  /** Only a button whose deeplink matches: a string must equal it, a RegExp must match (as in the CDK's own filters). */
  readonly href?: string | RegExp;
}

/** Drives `<proofme-mobile-button>` in component tests. */
export class ProofmeMobileButtonHarness extends ComponentHarness {
  static hostSelector = 'proofme-mobile-button';

  /** A predicate for `loader.getHarness(ProofmeMobileButtonHarness.with({ visible: true }))`. */
  static with<T extends ProofmeMobileButtonHarness>(
    this: ComponentHarnessConstructor<T>,
    options: ProofmeMobileButtonHarnessFilters = {},
  ): HarnessPredicate<T> {
    return new HarnessPredicate(this, options)
      .addOption('visible', options.visible, async (harness, visible) => (await harness.isVisible()) === visible)
      .addOption('href', options.href, (harness, href) => HarnessPredicate.stringMatches(harness.getHref(), href));
  }

  private readonly link = this.locatorForOptional('a');

  /**
   * True when the button is shown (on phones, or when forced) and the flow still needs it: false
   * once the phone has scanned or the identification is over, where it is hidden.
   */
  async isVisible(): Promise<boolean> {
    return !!(await this.link()) && !(await (await this.host()).hasClass('proofme-mobile-button--done'));
  }

  /** The deeplink the button opens, or null while it is inert. */
  async getHref(): Promise<string | null> {
    const link = await this.link();
    return link ? link.getAttribute('href') : null;
  }

  /** The button's text, or null while it is not rendered. */
  async getLabel(): Promise<string | null> {
    const link = await this.link();
    return link ? link.text() : null;
  }
}
