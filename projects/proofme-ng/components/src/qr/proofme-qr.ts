import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  OutputRef,
  SecurityContext,
  Signal,
  booleanAttribute,
  computed,
  inject,
  InputSignal,
  input,
  numberAttribute,
  signal,
  viewChild,
  untracked,
} from '@angular/core';
import { DomSanitizer, SafeUrl } from '@angular/platform-browser';
import { outputFromObservable } from '@angular/core/rxjs-interop';
import { QRCodeComponent } from 'angularx-qrcode';
import { PROOFME_CONFIG, PROOFME_LABELS, ProofmeSession, isRecoverableState, type ProofmeResult, type ProofmeState, type ProofmeStateStatus } from 'proofme-ng';
import { fitsInQrCode, QrErrorCorrectionLevel } from 'proofme-ng/protocol';
import { NO_SESSION_STATE, deeplinkOf, sessionStreams } from '../shared/session-outputs';
import { sessionFromInputs } from '../shared/session-from-inputs';

/** QR error-correction levels; Proofme's own page uses `H`. */
export type ProofmeQrErrorCorrection = QrErrorCorrectionLevel;

/**
 * The QR code of a Proofme session, with its states drawn over it. Give it an `identificationId`
 * or a `proofmeId` and it runs the session itself; give it a `session` and it only shows it.
 */
@Component({
  selector: 'proofme-qr',
  imports: [QRCodeComponent],
  templateUrl: './proofme-qr.html',
  styleUrls: ['../shared/primary-button.css', '../shared/spinner.css', './proofme-qr.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'proofme-qr',
    '[attr.data-state]': 'state().status',
    '[class.proofme-qr--code]': 'deeplink() !== null',
    '[style.--proofme-qr-size.px]': 'size()',
  },
})
export class ProofmeQr {
  /** An identification created by your backend: the component opens and closes its session. */
  readonly identificationId = input<string | undefined>();
  /** A public Proofme template: the component opens and closes its session. */
  readonly proofmeId = input<string | undefined>();
  /** A session opened elsewhere (e.g. `ProofmeService.connect()`): the component only renders it. */
  readonly session = input<ProofmeSession | undefined>();
  /** The side of the code in CSS pixels, quiet zone included. Takes a number or a numeric attribute (`size="200"`). */
  readonly size = input<number, unknown>(256, { transform: numberAttribute });
  /**
   * How much of the code may be damaged or covered and still scan. Default: `qrErrorCorrectionLevel`
   * of `provideProofme()` (`H`), which is also the level sessions check their deeplink against.
   */
  readonly errorCorrectionLevel = input<ProofmeQrErrorCorrection>(inject(PROOFME_CONFIG).qrErrorCorrectionLevel);
  /** The quiet zone in modules; scanners want 4. Takes a number or a numeric attribute. */
  readonly margin = input<number, unknown>(4, { transform: numberAttribute });
  /**
   * SVG scales crisply; canvas draws faster on very old phones, and is the one to use under a
   * Trusted Types CSP (angularx-qrcode inserts its SVG as a markup string).
   */
  // Written out: an inferred union is printed in build-dependent order, which broke the API golden's check.
  readonly elementType: InputSignal<'svg' | 'canvas'> = input<'svg' | 'canvas'>('svg');
  /**
   * Draw the "New QR code" button over a dead code; off where a `<proofme-status>` beside it offers one.
   * Takes a boolean or an attribute (`showRefresh="false"`).
   */
  readonly showRefresh = input<boolean, unknown>(true, { transform: booleanAttribute });

  protected readonly labels = inject(PROOFME_LABELS);
  private readonly view = inject(DOCUMENT).defaultView;
  private readonly sanitizer = inject(DomSanitizer);
  private readonly frame = viewChild.required<ElementRef<HTMLElement>>('frame');
  private readonly restarts = signal<object | null>(null);
  /** The session shown: the one given, the one this component opened, or null before either. */
  readonly activeSession: Signal<ProofmeSession | null> = sessionFromInputs(this, 'proofme-qr', undefined, this.restarts);
  /** The state shown (`connecting` before there is a session). */
  readonly state: Signal<ProofmeState> = computed(() => this.activeSession()?.state() ?? NO_SESSION_STATE);
  /** The link in the code, while there is one to scan. */
  protected readonly deeplink = computed(() => deeplinkOf(this.state()));
  /**
   * False when this component's level is stricter than the one the session checked and the link
   * does not fit: then it says so instead of drawing nothing (angularx-qrcode only logs an error).
   */
  protected readonly fits = computed(() => {
    const link = this.deeplink();
    return !link || fitsInQrCode(link, this.errorCorrectionLevel());
  });
  protected readonly recoverable = computed(() => isRecoverableState(this.state()));
  /** The code area's accessible name: what it shows now. */
  protected readonly ariaLabel = computed(() => {
    const { status } = this.state();
    if (!this.fits()) return this.labels.qrPlaceholder;
    if (status === 'ready') return this.labels.qrCode;
    if (status === 'scanned') return this.labels.continueOnPhone;
    // The overlay's title is hidden from assistive technology: it is said here instead.
    return this.title() ?? this.labels.qrPlaceholder;
  });
  /** The overlay's icon in this state; null where the code (or the placeholder) says it all. */
  // Written-out types on these protected members: an inferred union is printed in whatever order the
  // compiler met its members, which differs between builds and so broke the API golden's check.
  protected readonly overlayIcon: Signal<'phone' | 'check' | 'cross' | 'clock' | 'offline' | 'unlink' | 'wait' | 'alert' | null> = computed(() => {
    switch (this.state().status) {
      case 'scanned':
        return 'phone';
      case 'succeeded':
        return 'check';
      case 'failed':
        return 'cross';
      case 'expired':
        return 'clock';
      case 'offline':
        return 'offline';
      case 'phone-left':
        return 'unlink';
      case 'reconnecting':
        return 'wait';
      case 'error':
        return 'alert';
      default:
        return null;
    }
  });
  /**
   * `overlayIcon()` as a list of none or one, for the keyed `@for` in the template. The key is in the
   * item: `@for` compares the keys of the items it rendered with the new ones.
   */
  protected readonly overlays: Signal<readonly { readonly icon: string; readonly status: ProofmeStateStatus }[]> = computed(() => {
    const icon = this.overlayIcon();
    return icon ? [{ icon, status: this.state().status }] : [];
  });
  /** The overlay's short title (a word or two); the sentence is `<proofme-status>`'s. */
  protected readonly title = computed(() => this.labels.titles[this.state().status] ?? null);
  /**
   * The overlay's button, when `showRefresh` is on: a new channel; after a failure a new session,
   * only for a `proofmeId` (a failed identification is finished for good: a new channel for it is
   * refused, PROTOCOL.md §6; `<proofme-identification>`'s `tryAgain` asks the app for a new one).
   */
  protected readonly action: Signal<'refresh' | 'restart' | null> = computed(() => {
    if (!this.showRefresh()) return null;
    if (this.recoverable()) return 'refresh';
    const target = this.activeSession()?.target;
    return this.state().status === 'failed' && target && 'proofmeId' in target ? 'restart' : null;
  });
  protected readonly busy = computed(() => this.state().status === 'connecting' || this.state().status === 'reconnecting');

  private readonly streams = sessionStreams(this.activeSession);
  /** Emits the session's states from when the component starts following it: the current one first, then each change. */
  readonly stateChange: OutputRef<ProofmeState> = outputFromObservable(this.streams.states);
  /** Emits the outcome once: succeeded or failed. */
  readonly result: OutputRef<ProofmeResult> = outputFromObservable(this.streams.results);

  // angularx-qrcode turns every code it draws into a blob: URL for its qrCodeURL output and never
  // revokes it (about 4 KB of browser memory per new channel). Nothing here uses that URL: free it.
  protected releaseObjectUrl(url: SafeUrl): void {
    const href = this.sanitizer.sanitize(SecurityContext.URL, url);
    if (href?.startsWith('blob:')) this.view?.URL.revokeObjectURL(href);
  }

  /**
   * Asks for a new channel and so a new code (what the "New QR code" button does); after a failure,
   * which ended the session, opens a new session for the same `proofmeId` (each is a new
   * identification). No-op without a session, and after a failed identification id.
   */
  refresh(): void {
    if (untracked(this.action) === 'restart') this.restarts.set({});
    else this.activeSession()?.refresh();
    // The button just clicked is gone: keep keyboard focus on the code area instead of the page.
    this.frame().nativeElement.focus();
  }
}
