import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { outputFromObservable } from '@angular/core/rxjs-interop';
import { ProofmeSession } from '../../session/proofme-session';
import { ProofmeMobileButton, ProofmeMobileButtonMode } from '../mobile-button/proofme-mobile-button';
import { ProofmeQr } from '../qr/proofme-qr';
import { injectIsHandheld } from '../shared/handheld';
import { NO_SESSION_STATE, sessionStreams } from '../shared/session-outputs';
import { sessionFromInputs } from '../shared/session-from-inputs';
import { ProofmeStatus } from '../status/proofme-status';

/**
 * The whole identification in one tag: the QR code and its status on a desktop; the "open in app"
 * button, a smaller QR code and the status on a phone. Emits `result` once.
 */
@Component({
  selector: 'proofme-identification',
  imports: [ProofmeQr, ProofmeMobileButton, ProofmeStatus],
  templateUrl: './proofme-identification.html',
  styleUrl: './proofme-identification.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'proofme-identification',
    '[class.proofme-identification--handheld]': 'handheldLayout()',
    '[attr.data-state]': 'state().status',
  },
})
export class ProofmeIdentification {
  readonly identificationId = input<string>();
  readonly proofmeId = input<string>();
  readonly session = input<ProofmeSession>();
  /** The QR code's side on a desktop, in CSS pixels. */
  readonly qrSize = input(256);
  /** The QR code's side on a phone, where the button comes first. */
  readonly compactQrSize = input(160);
  /** The phone layout: on phones and tablets (`auto`), `always`, or `never`. */
  readonly mobile = input<ProofmeMobileButtonMode>('auto');

  private readonly handheld = injectIsHandheld();
  readonly activeSession = sessionFromInputs(this, 'proofme-identification');
  readonly state = computed(() => this.activeSession()?.state() ?? NO_SESSION_STATE);
  protected readonly handheldLayout = computed(
    () => this.mobile() === 'always' || (this.mobile() === 'auto' && this.handheld()),
  );

  private readonly streams = sessionStreams(this.activeSession);
  readonly stateChange = outputFromObservable(this.streams.states);
  readonly result = outputFromObservable(this.streams.results);
}
