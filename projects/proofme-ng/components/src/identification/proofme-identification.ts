import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  afterRenderEffect,
  forwardRef,
  OutputRef,
  Signal,
  booleanAttribute,
  computed,
  contentChild,
  effect,
  inject,
  input,
  numberAttribute,
  signal,
  untracked,
} from '@angular/core';
import { outputFromObservable } from '@angular/core/rxjs-interop';
import { Subject } from 'rxjs';
import {
  PROOFME_LABELS,
  ProofmePreflightReport,
  ProofmeService,
  ProofmeSession,
  type ProofmeFailedResult,
  type ProofmeResult,
  type ProofmeState,
  ɵPROOFME_PREFLIGHT as PROOFME_PREFLIGHT,
  ɵpreflightNotProvided as preflightNotProvided,
} from 'proofme-ng';
import { ProofmeMobileButton, ProofmeMobileButtonMode } from '../mobile-button/proofme-mobile-button';
import { ProofmeQr } from '../qr/proofme-qr';
import { injectIsHandheld } from '../shared/handheld';
import { NO_SESSION_STATE, sessionStreams } from '../shared/session-outputs';
import { sessionFromInputs } from '../shared/session-from-inputs';
import { PROOFME_RESTARTER } from '../shared/restart';
import { ProofmeStatus } from '../status/proofme-status';
import { ProofmeStatusTemplate } from '../status/proofme-status-template';

/**
 * The whole identification in one tag: the QR code and its status on a desktop; the "open in app"
 * button, a smaller QR code and the status on a phone. Emits `result` once. With `preflight` on, it
 * first checks every part and, when one is missing, says what to do instead of showing a dead code.
 */
@Component({
  selector: 'proofme-identification',
  imports: [ProofmeQr, ProofmeMobileButton, ProofmeStatus],
  templateUrl: './proofme-identification.html',
  styleUrls: ['../shared/primary-button.css', '../shared/spinner.css', './proofme-identification.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Its restart() is what PROOFME_RESTARTER promises: the status inside offers "Try again" through it.
  providers: [{ provide: PROOFME_RESTARTER, useExisting: forwardRef(() => ProofmeIdentification) }],
  host: {
    class: 'proofme-identification',
    '[class.proofme-identification--handheld]': 'handheldLayout()',
    '[attr.data-state]': 'state().status',
  },
})
export class ProofmeIdentification {
  /** An identification created by your backend: the component opens and closes its session. */
  readonly identificationId = input<string | undefined>();
  /** A public Proofme template: the component opens and closes its session. */
  readonly proofmeId = input<string | undefined>();
  /** A session opened elsewhere: the component only renders it (and runs no preflight). */
  readonly session = input<ProofmeSession | undefined>();
  /** The QR code's side on a desktop, in CSS pixels. Takes a number or a numeric attribute. */
  readonly qrSize = input<number, unknown>(256, { transform: numberAttribute });
  /** The QR code's side on a phone, where the button comes first, in CSS pixels. Takes a number or a numeric attribute. */
  readonly compactQrSize = input<number, unknown>(160, { transform: numberAttribute });
  /** The phone layout: on phones and tablets (`auto`), `always`, or `never`. */
  readonly mobile = input<ProofmeMobileButtonMode>('auto');
  /**
   * Run `ProofmeService.preflight()` before connecting. Unset (`undefined`): on exactly when `withPreflight()`
   * is provided. A bare `preflight` attribute means true, `preflight="false"` false.
   * With `true` but without `withPreflight()`, throws (through Angular's ErrorHandler) a ProofmeError
   * PROOFME_PREFLIGHT_NOT_PROVIDED.
   */
  readonly preflight = input<boolean | undefined, unknown>(undefined, { transform: optionalBooleanAttribute });

  /** An `<ng-template proofmeStatus>` placed inside this tag: the look of its status (see `ProofmeStatusTemplate`). */
  protected readonly statusTemplate = contentChild(ProofmeStatusTemplate);

  protected readonly labels = inject(PROOFME_LABELS);
  private readonly preflightProvided = inject(PROOFME_PREFLIGHT, { optional: true }) !== null;
  private readonly service = inject(ProofmeService);
  private readonly handheld = injectIsHandheld();

  // A given session is already connecting: there is nothing left to check before it.
  protected readonly preflightOn = computed(() => (this.preflight() ?? this.preflightProvided) && !this.session());
  private readonly preflightAttempt = signal(0);
  // The report with the target it was made for: a report never clears another id than its own.
  private readonly preflightResult = signal<{ readonly target: string; readonly report: ProofmePreflightReport } | null>(null);
  private readonly targetKey = computed(() => `${this.identificationId() ?? ''}|${this.proofmeId() ?? ''}`);
  /** The preflight report for the current id; null while it runs (or when none runs). */
  readonly preflightReport: Signal<ProofmePreflightReport | null> = computed(() => {
    const result = this.preflightResult();
    return result && result.target === this.targetKey() ? result.report : null;
  });
  protected readonly preflightFailure = computed(() => (this.preflightOn() ? this.preflightReport()?.failure : undefined));
  private readonly cleared = computed(() => !this.preflightOn() || this.preflightReport()?.ok === true);

  private readonly restarts = signal<object | null>(null);
  /** The session shown: the one given, the one this component opened (or reopened by `restart()`), or null before either (or while the preflight runs). */
  readonly activeSession: Signal<ProofmeSession | null> = sessionFromInputs(this, 'proofme-identification', this.cleared, this.restarts);
  /** The state shown (`connecting` before there is a session). */
  readonly state: Signal<ProofmeState> = computed(() => this.activeSession()?.state() ?? NO_SESSION_STATE);
  protected readonly handheldLayout = computed(
    () => this.mobile() === 'always' || (this.mobile() === 'auto' && this.handheld()),
  );

  private readonly streams = sessionStreams(this.activeSession);
  /** Emits the session's states from when the component starts following it: the current one first, then each change. */
  readonly stateChange: OutputRef<ProofmeState> = outputFromObservable(this.streams.states);
  /** Emits the outcome once: succeeded or failed. */
  readonly result: OutputRef<ProofmeResult> = outputFromObservable(this.streams.results);

  private readonly tryAgainRequests = new Subject<ProofmeFailedResult>();
  private failureAskedAgain: ProofmeState | null = null;
  /**
   * Emits the failure when the user chooses "Try again" after an identification given by
   * `identificationId` (or a given session for one) failed. Proofme finishes an identification for
   * good when it fails (a new channel for it is refused: `IDENTIFICATION_ALREADY_FINISHED`,
   * PROTOCOL.md §6), so only your backend can make the next one: create it and pass its id. Without
   * a listener, such a failure offers no "Try again". A `proofmeId` needs none: the component opens
   * a new session itself, and each is a new identification.
   */
  readonly tryAgain: OutputRef<ProofmeFailedResult> = outputFromObservable(this.tryAgainRequests);

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly document = inject(DOCUMENT);

  /**
   * Focus asked for and not yet given to the status: after Start (the component shown in reply to a
   * click), "Try again" and "Check again". The element it was on is gone, or soon will be (the
   * preflight's placeholder, the failed session's status), so it is kept until a status shows.
   * `after`: the session whose status does not count (the failed one "Try again" replaces).
   */
  private focusWanted: { readonly after: ProofmeSession | null } | null = null;

  constructor() {
    afterNextRender(() => {
      // Shown in reply to a click (a "Start" button that is gone now), focus would fall to <body>:
      // bring it here instead. Only with a transient activation (the click just now): not on a page
      // that just loaded, nor because of a click long ago (`hasBeenActive` stays true for good),
      // where taking focus would only surprise.
      const activation = (this.document.defaultView?.navigator as { userActivation?: { isActive: boolean } } | undefined)?.userActivation;
      if (this.focusLost() && activation?.isActive) this.wantFocus(null);
    });
    // The branches come and go (placeholder, session, failure) and take focus with them: each time
    // one changes, give the wanted focus to what is there now.
    afterRenderEffect(() => {
      this.activeSession();
      this.preflightFailure();
      untracked(() => this.applyFocus());
    });
    effect((onCleanup) => {
      const identificationId = this.identificationId();
      const proofmeId = this.proofmeId();
      this.preflightAttempt();
      if (!this.preflightOn() || (!identificationId && !proofmeId)) return;
      if (!this.preflightProvided) throw preflightNotProvided();
      this.preflightResult.set(null);
      const target = identificationId ? { identificationId } : { proofmeId: proofmeId! };
      const key = untracked(this.targetKey);
      const run = untracked(() => this.service.preflight(target)).subscribe((report) => this.preflightResult.set({ target: key, report }));
      onCleanup(() => run.unsubscribe());
    });
  }

  /**
   * What "Try again" does after a failure, which ends a session for good. For a `proofmeId`, opens a
   * new session (a new identification) replacing the shown one; a given `session` is left to its
   * owner, and the new one belongs to this component and closes with it. For an identification id,
   * emits `tryAgain` (see there). Either way focus moves to the status, and to the new session's
   * status once it shows (after its preflight, if one runs), unless the user moved focus elsewhere.
   */
  restart(): void {
    const state = untracked(this.state);
    const failed = untracked(this.activeSession);
    if (this.targetsTemplate()) {
      this.focusWanted = { after: failed };
      this.restarts.set({});
    }
    // Once per failure: a double click must not make the app create two identifications.
    else if (state.status === 'failed' && state !== this.failureAskedAgain) {
      this.failureAskedAgain = state;
      this.focusWanted = { after: failed };
      this.tryAgainRequests.next(state);
    }
    this.applyFocus();
  }

  /** Whether "Try again" after a failure leads anywhere: see `tryAgain`. */
  canRestart(): boolean {
    return this.targetsTemplate() || this.tryAgainRequests.observed;
  }

  /** A public template, where every session is a new identification. */
  private targetsTemplate(): boolean {
    const given = untracked(this.session);
    return given ? 'proofmeId' in given.target : untracked(this.proofmeId) !== undefined;
  }

  private wantFocus(after: ProofmeSession | null): void {
    this.focusWanted = { after };
    this.applyFocus();
  }

  private focusLost(): boolean {
    const active = this.document.activeElement;
    return !active || active === this.document.body;
  }

  /**
   * Gives the wanted focus to the status (tabindex=-1: it says what happens next); until one shows,
   * to the preflight's failure panel or its reserved status block, so focus is never left on
   * <body>. Focus the user moved out of the component meanwhile is theirs: the wish is dropped.
   */
  private applyFocus(): void {
    const wanted = this.focusWanted;
    if (!wanted) return;
    const host = this.host.nativeElement;
    if (!this.focusLost() && !host.contains(this.document.activeElement)) {
      this.focusWanted = null;
      return;
    }
    const session = untracked(this.activeSession);
    const status = host.querySelector<HTMLElement>('proofme-status');
    if (status && session && session !== wanted.after) {
      this.focusWanted = null;
      focusInPlace(status);
      return;
    }
    // The failure panel is this run's last word: "Check again" asks for focus anew.
    const failure = host.querySelector<HTMLElement>('.proofme-identification__preflight');
    if (failure) this.focusWanted = null;
    // Focus already inside (the old status until the new one shows): it stays where it is.
    if (!this.focusLost()) return;
    const interim = failure ?? status ?? host.querySelector<HTMLElement>('.proofme-identification__pending');
    if (interim) focusInPlace(interim);
  }

  /**
   * Runs the preflight again (after the user fixed what it reported): what "Check again" does.
   * Focus goes to the reserved status block while it runs, then to the status (or the new failure
   * panel), unless the user moved focus out of the component meanwhile.
   */
  retryPreflight(): void {
    this.preflightAttempt.update((attempt) => attempt + 1);
    // Its button goes with the failure panel: focus follows the check to the status. Applied after
    // the next render, not now: the panel still shown would count as this run's last word.
    this.focusWanted = { after: null };
  }
}

/**
 * Focuses without scrolling an element that is in view already: a plain focus() may scroll the page
 * to put it elsewhere in the viewport. One out of view is scrolled to, so the user sees where focus went.
 */
function focusInPlace(element: HTMLElement): void {
  const view = element.ownerDocument.defaultView;
  const box = element.getBoundingClientRect();
  const inView = !!view && box.top >= 0 && box.left >= 0 && box.bottom <= view.innerHeight && box.right <= view.innerWidth;
  element.focus({ preventScroll: inView });
}

/** `booleanAttribute`, except that unset stays unset: `preflight`'s default depends on `withPreflight()`. */
function optionalBooleanAttribute(value: unknown): boolean | undefined {
  return value === undefined ? undefined : booleanAttribute(value);
}
