import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { PROOFME_LABELS, ProofmeSession } from 'proofme-ng';
import { injectIsHandheld } from '../shared/handheld';
import { deeplinkOf } from '../shared/session-outputs';

/** When the mobile button shows: on phones and tablets (`auto`), `always`, or `never`. */
export type ProofmeMobileButtonMode = 'auto' | 'always' | 'never';

/**
 * "Open in the Proofme app": a real link to the session's deeplink, because a phone cannot scan
 * its own screen. A plain `<a href>` opens synchronously on tap, so no popup blocker interferes.
 */
@Component({
  selector: 'proofme-mobile-button',
  templateUrl: './proofme-mobile-button.html',
  styleUrl: './proofme-mobile-button.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'proofme-mobile-button',
    '[class.proofme-mobile-button--done]': 'done()',
  },
})
export class ProofmeMobileButton {
  /** The session whose deeplink the button opens. */
  readonly session = input.required<ProofmeSession>();
  /** On phones and tablets (`auto`), `always`, or `never`. */
  readonly show = input<ProofmeMobileButtonMode>('auto');

  protected readonly labels = inject(PROOFME_LABELS);
  private readonly handheld = injectIsHandheld();

  /** The link, once the channel is ready; until then the button is inert. */
  protected readonly deeplink = computed(() => deeplinkOf(this.session().state()));
  /**
   * True once the phone has joined or the identification is over: the app is open or there is
   * nothing to open, so the button is hidden rather than shown dimmed. It keeps its place (hidden,
   * not removed), so nothing below it jumps up.
   */
  protected readonly done = computed(() => {
    const { status } = this.session().state();
    return status === 'scanned' || status === 'succeeded' || status === 'failed' || status === 'closed' || status === 'phone-left';
  });
  protected readonly visible = computed(() => this.show() === 'always' || (this.show() === 'auto' && this.handheld()));
}
