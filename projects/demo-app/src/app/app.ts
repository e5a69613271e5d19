import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Observable, Subscription, catchError, concatMap, filter, map, of, take, timer } from 'rxjs';
import {
  PROOFME_LABELS,
  ProofmeApi,
  ProofmeIdentificationStatus,
  ProofmePreflightCheck,
  ProofmePreflightReport,
  ProofmeResult,
  ProofmeService,
  ProofmeSession,
  isTerminalState,
} from 'proofme-ng';
import { ProofmeIdentification } from 'proofme-ng/components';
import { isUuid } from 'proofme-ng/protocol';
import { DEMO_CONFIG } from './demo-config';
import { DemoBackend, VerifiedSummary } from './demo-backend';
import { DEMO_LANGUAGES, DEMO_TEXTS, DEMO_TEXTS_BY_LANGUAGE, DemoLanguage, LANGUAGE_STORAGE_KEY } from './demo-i18n';
import { PhonePanel } from './phone-panel/phone-panel';
import { SessionTimeline } from './timeline/session-timeline';

/** How far the page is with the backend's decrypted summary. */
type SummaryState = 'idle' | 'waiting' | 'ready' | 'unavailable';

/** A finished identification's outcome as Proofme records it. */
type FinishedStatus = Exclude<ProofmeIdentificationStatus, 'PENDING'>;

/** An identification that is over: shown with its outcome instead of a QR code. */
interface Finished {
  readonly status: FinishedStatus;
  /** True when another tab (or device) finished it while this one showed a QR code. */
  readonly elsewhere: boolean;
}

/** What one tab tells the others on the same origin when its identification has a result. */
interface FinishedMessage {
  readonly type: 'finished';
  readonly identificationId: string;
  readonly status: 'SUCCESS' | 'FAILED';
}

/** Polls for the summary every this many ms, at most this many times (the webhook normally lands within one). */
const SUMMARY_POLL_MS = 400;
const SUMMARY_POLLS = 50;
/** The query parameter that keeps the identification across reloads and in shared links. */
const ID_PARAM = 'id';
const CHANNEL_NAME = 'proofme-demo';

function isFinishedMessage(value: unknown): value is FinishedMessage {
  const message = value as Partial<FinishedMessage> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    message.type === 'finished' &&
    typeof message.identificationId === 'string' &&
    (message.status === 'SUCCESS' || message.status === 'FAILED')
  );
}

/** The demo page: start an identification, watch it live, see the result and the backend's decrypted summary. */
@Component({
  selector: 'app-root',
  imports: [ProofmeIdentification, SessionTimeline, PhonePanel],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly config = inject(DEMO_CONFIG);
  protected readonly text = inject(DEMO_TEXTS);
  private readonly backend = inject(DemoBackend);
  private readonly proofme = inject(ProofmeService);
  private readonly api = inject(ProofmeApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly document = inject(DOCUMENT);

  protected readonly labels = inject(PROOFME_LABELS);
  protected readonly languages = DEMO_LANGUAGES.map((code) => ({ code, name: DEMO_TEXTS_BY_LANGUAGE[code].languageName }));
  protected readonly session = signal<ProofmeSession | null>(null);
  /** From Start (or a resumed id) until Start over, the card keeps the room of its live state: see app.css. */
  protected readonly reserveLive = computed(
    () => this.starting() || this.checking() || this.resuming() || this.session() !== null || this.finished() !== null,
  );
  /** Which lead the live card shows: the component's status says the details. */
  protected readonly leadStage = computed(() => {
    const status = this.session()?.state().status;
    return status === 'scanned' ? 'scanned' : status === 'succeeded' || status === 'failed' ? 'done' : 'live';
  });
  /** The last preflight: every part checked before a QR code is shown. */
  protected readonly preflight = signal<ProofmePreflightReport | null>(null);
  protected readonly checking = signal(false);
  /** Looking up the status of an identification from the URL or typed in, before any QR code. */
  protected readonly resuming = signal(false);
  protected readonly finished = signal<Finished | null>(null);
  private preflightRun: Subscription | null = null;
  private statusCheck: Subscription | null = null;
  protected readonly identificationId = signal<string | null>(null);
  protected readonly result = signal<ProofmeResult | null>(null);
  protected readonly starting = signal(false);
  protected readonly problem = signal('');
  protected readonly typedId = signal('');
  protected readonly typedIdValid = computed(() => isUuid(this.typedId().trim()));
  protected readonly summary = signal<VerifiedSummary | null>(null);
  protected readonly summaryState = signal<SummaryState>('idle');
  private summaryPoll: Subscription | null = null;

  /** The failure to tell the user about: "already completed" wins over the signaling refusal it causes. */
  protected readonly failure = computed(() => {
    const report = this.preflight();
    const finished = report?.checks.find((check) => check.status === 'failed' && check.failure === 'IDENTIFICATION_ALREADY_FINISHED');
    return (finished as Extract<ProofmePreflightCheck, { status: 'failed' }> | undefined) ?? report?.failure ?? null;
  });

  /** The Result card's outcome, in words: from this tab's session, or from Proofme's record once finished. */
  protected readonly outcome = computed<{ readonly kind: 'SUCCESS' | 'FAILED' | 'REVOKED'; readonly title: string; readonly detail: string } | null>(() => {
    const result = this.result();
    const status: FinishedStatus | undefined = result ? (result.status === 'succeeded' ? 'SUCCESS' : 'FAILED') : this.finished()?.status;
    if (!status) return null;
    // The session's message is a protocol code (IDENTIFICATION_SUCCESS…): people get the sentence for the outcome instead.
    if (status === 'SUCCESS') return { kind: status, title: this.text.verified, detail: this.text.outcomeSucceeded };
    if (status === 'FAILED') return { kind: status, title: this.text.notVerified, detail: this.text.outcomeFailed };
    return { kind: status, title: this.text.revoked, detail: this.text.outcomeRevoked };
  });

  private readonly channel: BroadcastChannel | null = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;

  constructor() {
    // Tabs of this demo on the same identification: the one that gets the result tells the others at once.
    this.channel?.addEventListener('message', (event: MessageEvent) => {
      if (isFinishedMessage(event.data) && event.data.identificationId === this.identificationId()) {
        this.showFinished(event.data.identificationId, event.data.status, true);
      }
    });
    // BroadcastChannel only reaches this browser; a tab coming back into view also asks Proofme, which
    // covers another browser or device having finished it (one GET per return, no polling timer).
    const onVisible = () => {
      if (this.document.visibilityState === 'visible') this.checkStillPending();
    };
    this.document.addEventListener('visibilitychange', onVisible);
    this.destroyRef.onDestroy(() => {
      this.channel?.close();
      this.document.removeEventListener('visibilitychange', onVisible);
    });

    const fromUrl = new URL(this.document.location.href).searchParams.get(ID_PARAM);
    if (fromUrl && isUuid(fromUrl)) this.resume(fromUrl);
  }

  /** Asks the backend stand-in for a new identification and starts it. */
  protected start(): void {
    this.starting.set(true);
    this.problem.set('');
    this.backend.createIdentification().subscribe({
      next: (id) => {
        this.starting.set(false);
        this.begin(id);
      },
      error: () => {
        this.starting.set(false);
        this.problem.set(this.text.backendDown);
      },
    });
  }

  /** Starts (or shows the outcome of) the identification whose id was typed in. */
  protected startTyped(event: Event): void {
    event.preventDefault();
    if (this.typedIdValid()) this.resume(this.typedId().trim());
  }

  protected readTypedId(event: Event): void {
    this.typedId.set((event.target as HTMLInputElement).value);
  }

  /** Saves the choice and reloads: the library's labels are provided at bootstrap, and the URL resumes the flow. */
  protected switchLanguage(language: DemoLanguage): void {
    if (language === this.text.language) return;
    try {
      this.document.defaultView?.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // Storage blocked: nothing to keep, and reloading would only come back in the old language.
      return;
    }
    this.document.location.reload();
  }

  protected startOver(): void {
    this.reset();
    this.identificationId.set(null);
    this.writeUrlId(null);
  }

  /** The session's outcome arrived: show it, tell the other tabs, then ask the backend for what it decrypted. */
  protected onResult(outcome: ProofmeResult): void {
    this.result.set(outcome);
    const id = this.identificationId();
    if (!id) return;
    this.channel?.postMessage({ type: 'finished', identificationId: id, status: outcome.status === 'succeeded' ? 'SUCCESS' : 'FAILED' } satisfies FinishedMessage);
    this.pollSummary(id);
  }

  /** Checks every part again after a failed preflight. */
  protected checkAgain(): void {
    const id = this.identificationId();
    if (id) this.begin(id);
  }

  /**
   * An identification from the URL or typed in: asks Proofme (the public REST read the preflight uses
   * too) whether it is still pending. Finished: its outcome, no QR code. Pending, or unknown to
   * Proofme: the preflight, which explains any problem.
   */
  private resume(identificationId: string): void {
    this.reset();
    this.identificationId.set(identificationId);
    this.writeUrlId(identificationId);
    this.resuming.set(true);
    this.statusCheck = this.statusOf(identificationId).subscribe((status) => {
      this.resuming.set(false);
      if (status && status !== 'PENDING') this.showFinished(identificationId, status, false);
      else this.begin(identificationId);
    });
  }

  /** A visible tab with a live QR code: still pending? If not, it shows the outcome instead. */
  private checkStillPending(): void {
    const id = this.identificationId();
    const session = this.session();
    if (!id || !session || isTerminalState(session.state()) || this.statusCheck) return;
    this.statusCheck = this.statusOf(id).subscribe((status) => {
      this.statusCheck = null;
      if (status && status !== 'PENDING' && id === this.identificationId() && !this.result()) this.showFinished(id, status, true);
    });
  }

  /** Proofme's status for the identification; null when it cannot say (not found, unreachable). */
  private statusOf(identificationId: string): Observable<ProofmeIdentificationStatus | null> {
    return this.api.getIdentification(identificationId).pipe(
      map((identification) => identification.status),
      catchError(() => of(null)),
      takeUntilDestroyed(this.destroyRef),
    );
  }

  /** Replaces the QR code (or the preflight) with the outcome, and fetches the backend's summary. */
  private showFinished(identificationId: string, status: FinishedStatus, elsewhere: boolean): void {
    if (this.result() || this.finished()) return;
    this.reset();
    this.identificationId.set(identificationId);
    this.finished.set({ status, elsewhere });
    this.pollSummary(identificationId);
  }

  /** Runs the preflight, and only when every check passed opens the session (and so the QR code). */
  private begin(identificationId: string): void {
    this.reset();
    this.identificationId.set(identificationId);
    this.writeUrlId(identificationId);
    this.checking.set(true);
    this.preflightRun = this.proofme
      .preflight({ identificationId })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((report) => {
        this.checking.set(false);
        this.preflight.set(report);
        if (report.ok) {
          this.session.set(this.proofme.connect({ identificationId }, { destroyRef: this.destroyRef }));
        } else if (this.failure()?.failure === 'IDENTIFICATION_ALREADY_FINISHED') {
          // Finished between the lookup and the preflight (or found so by the preflight alone): show how it ended.
          this.statusCheck = this.statusOf(identificationId).subscribe((status) => {
            this.statusCheck = null;
            if (status && status !== 'PENDING') this.showFinished(identificationId, status, false);
          });
        }
      });
  }

  /** The webhook reaches the backend independently of the page's socket: poll until it has landed. */
  private pollSummary(id: string): void {
    this.resetSummary();
    this.summaryState.set('waiting');
    this.summaryPoll = timer(0, SUMMARY_POLL_MS)
      .pipe(
        take(SUMMARY_POLLS),
        concatMap(() => this.backend.verifiedSummary(id)),
        filter((summary): summary is VerifiedSummary => summary !== null),
        take(1),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (summary) => {
          this.summary.set(summary);
          this.summaryState.set('ready');
        },
        // 404: an id this backend did not create (typed in); it has nothing to show.
        error: () => this.summaryState.set('unavailable'),
        complete: () => {
          if (this.summaryState() === 'waiting') this.summaryState.set('unavailable');
        },
      });
  }

  /** Ends whatever this tab was doing for the current identification. */
  private reset(): void {
    this.preflightRun?.unsubscribe();
    this.preflightRun = null;
    this.statusCheck?.unsubscribe();
    this.statusCheck = null;
    this.checking.set(false);
    this.resuming.set(false);
    this.preflight.set(null);
    this.session()?.close();
    this.session.set(null);
    this.result.set(null);
    this.finished.set(null);
    this.resetSummary();
  }

  private resetSummary(): void {
    this.summaryPoll?.unsubscribe();
    this.summaryPoll = null;
    this.summary.set(null);
    this.summaryState.set('idle');
  }

  /** Keeps the identification in the address bar (replaceState: no history entry per step), other parameters as they were. */
  private writeUrlId(identificationId: string | null): void {
    const view = this.document.defaultView;
    if (!view) return;
    const url = new URL(view.location.href);
    if (identificationId) url.searchParams.set(ID_PARAM, identificationId);
    else url.searchParams.delete(ID_PARAM);
    if (url.href !== view.location.href) view.history.replaceState(view.history.state, '', url);
  }
}
