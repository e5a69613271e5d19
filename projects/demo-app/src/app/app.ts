import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Subscription, concatMap, filter, take, timer } from 'rxjs';
import { PROOFME_LABELS, ProofmePreflightReport, ProofmeResult, ProofmeService, ProofmeSession } from 'proofme-ng';
import { ProofmeIdentification } from 'proofme-ng/components';
import { isUuid } from 'proofme-ng/protocol';
import { DEMO_CONFIG } from './demo-config';
import { DemoBackend, VerifiedSummary } from './demo-backend';
import { PhonePanel } from './phone-panel/phone-panel';
import { SessionTimeline } from './timeline/session-timeline';

/** How far the page is with the backend's decrypted summary. */
type SummaryState = 'idle' | 'waiting' | 'ready' | 'unavailable';

/** Polls for the summary every this many ms, at most this many times (the webhook normally lands within one). */
const SUMMARY_POLL_MS = 400;
const SUMMARY_POLLS = 50;

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
  private readonly backend = inject(DemoBackend);
  private readonly proofme = inject(ProofmeService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly labels = inject(PROOFME_LABELS);
  protected readonly session = signal<ProofmeSession | null>(null);
  /** The last preflight: every part checked before a QR code is shown. */
  protected readonly preflight = signal<ProofmePreflightReport | null>(null);
  protected readonly checking = signal(false);
  private preflightRun: Subscription | null = null;
  protected readonly identificationId = signal<string | null>(null);
  protected readonly result = signal<ProofmeResult | null>(null);
  protected readonly starting = signal(false);
  protected readonly problem = signal('');
  protected readonly typedId = signal('');
  protected readonly typedIdValid = computed(() => isUuid(this.typedId().trim()));
  protected readonly summary = signal<VerifiedSummary | null>(null);
  protected readonly summaryState = signal<SummaryState>('idle');
  /** Ids the backend created in this page: only those have a summary to wait for. */
  private readonly createdByBackend = new Set<string>();
  private summaryPoll: Subscription | null = null;

  /** Asks the backend stand-in for a new identification and starts it. */
  protected start(): void {
    this.starting.set(true);
    this.problem.set('');
    this.backend.createIdentification().subscribe({
      next: (id) => {
        this.starting.set(false);
        this.createdByBackend.add(id);
        this.begin(id);
      },
      error: () => {
        this.starting.set(false);
        this.problem.set('The backend could not create an identification. Is the demo server running?');
      },
    });
  }

  /** Starts the identification whose id was typed in. */
  protected startTyped(event: Event): void {
    event.preventDefault();
    if (this.typedIdValid()) this.begin(this.typedId().trim());
  }

  protected readTypedId(event: Event): void {
    this.typedId.set((event.target as HTMLInputElement).value);
  }

  protected startOver(): void {
    this.preflightRun?.unsubscribe();
    this.checking.set(false);
    this.preflight.set(null);
    this.session()?.close();
    this.session.set(null);
    this.identificationId.set(null);
    this.result.set(null);
    this.resetSummary();
  }

  /** The session's outcome arrived: show it, then ask the backend for what it decrypted. */
  protected onResult(outcome: ProofmeResult): void {
    this.result.set(outcome);
    const id = this.identificationId();
    if (!id || !this.createdByBackend.has(id)) return;
    this.resetSummary();
    this.summaryState.set('waiting');
    // The webhook reaches the backend independently of the page's socket: poll until it has landed.
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
        error: () => this.summaryState.set('unavailable'),
        complete: () => {
          if (this.summaryState() === 'waiting') this.summaryState.set('unavailable');
        },
      });
  }

  private resetSummary(): void {
    this.summaryPoll?.unsubscribe();
    this.summaryPoll = null;
    this.summary.set(null);
    this.summaryState.set('idle');
  }

  /** Checks every part again after a failed preflight. */
  protected checkAgain(): void {
    const id = this.identificationId();
    if (id) this.begin(id);
  }

  /** Runs the preflight, and only when every check passed opens the session (and so the QR code). */
  private begin(identificationId: string): void {
    this.session()?.close();
    this.session.set(null);
    this.result.set(null);
    this.resetSummary();
    this.identificationId.set(identificationId);
    this.preflight.set(null);
    this.checking.set(true);
    this.preflightRun?.unsubscribe();
    this.preflightRun = this.proofme
      .preflight({ identificationId })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((report) => {
        this.checking.set(false);
        this.preflight.set(report);
        if (report.ok) this.session.set(this.proofme.connect({ identificationId }, { destroyRef: this.destroyRef }));
      });
  }
}
