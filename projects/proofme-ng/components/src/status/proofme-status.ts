import { Platform } from '@angular/cdk/platform';
import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  NgZone,
  ElementRef,
  Signal,
  booleanAttribute,
  computed,
  contentChild,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { PROOFME_LABELS, ProofmeSession, isRecoverableState, type ProofmeState } from 'proofme-ng';
import type { ProofmeMobileButtonMode } from '../mobile-button/proofme-mobile-button';
import { withTime } from '../shared/countdown';
import { injectIsHandheld } from '../shared/handheld';
import { PROOFME_RESTARTER } from '../shared/restart';
import { ProofmeStatusAction, ProofmeStatusContext, ProofmeStatusTemplate } from './proofme-status-template';

/**
 * The state of a session in words, with an icon, a countdown and the one action that helps. Each
 * change is announced politely to screen readers, through a live region inside the component, so
 * it is heard inside a modal `<dialog>` too. Replace its look with an `ng-template proofmeStatus`.
 */
@Component({
  selector: 'proofme-status',
  imports: [NgTemplateOutlet],
  templateUrl: './proofme-status.html',
  styleUrls: ['../shared/primary-button.css', '../shared/spinner.css', './proofme-status.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'proofme-status',
    tabindex: '-1',
    '[attr.data-state]': 'state().status',
  },
})
export class ProofmeStatus {
  /** The session whose state this shows. */
  readonly session = input.required<ProofmeSession>();
  /** Announce each change through the component's own polite live region. Takes a boolean or an attribute (`announce="false"`). */
  readonly announce = input<boolean, unknown>(true, { transform: booleanAttribute });
  /** Phone wording (the app is on this device, there is nothing to scan): on phones and tablets (`auto`), `always`, or `never`. */
  readonly mobile = input<ProofmeMobileButtonMode>('auto');

  protected readonly labels = inject(PROOFME_LABELS);
  private readonly isBrowser = inject(Platform).isBrowser;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly view = inject(DOCUMENT).defaultView;
  private readonly handheld = injectIsHandheld();
  private readonly restarter = inject(PROOFME_RESTARTER, { optional: true });
  // The countdown's ticker runs outside Angular's zone: with zone.js a 1 s interval inside it keeps
  // the app unstable for as long as it is reconnecting. A signal set reaches the view without it.
  private readonly zone = inject(NgZone, { optional: true });
  /**
   * A look given from outside, where the `ng-template proofmeStatus` cannot be a child of this tag:
   * `<proofme-identification>` passes on the one placed inside it. One inside this tag wins.
   */
  readonly template = input<ProofmeStatusTemplate | undefined>(undefined);
  private readonly ownTemplate = contentChild(ProofmeStatusTemplate);
  protected readonly custom = computed(() => this.ownTemplate() ?? this.template());

  /** The state shown. */
  readonly state: Signal<ProofmeState> = computed(() => this.session().state());
  protected readonly phoneWording = computed(() => this.mobile() === 'always' || (this.mobile() === 'auto' && this.handheld()));

  /** The text shown and announced. */
  protected readonly text = computed(() => {
    const state = this.state();
    if (state.status === 'error') return this.labels.errors[state.code] ?? this.labels.status.error;
    return (this.phoneWording() ? this.labels.handheld[state.status] : undefined) ?? this.labels.status[state.status];
  });
  /**
   * The sentence as a one-item list for the template's keyed `@for`: a new sentence gets new nodes.
   * (Tracked by a field, not by identity, which Angular's dev mode warns about when it recreates.)
   */
  protected readonly lines = computed(() => [{ sentence: this.text() }]);
  /**
   * The server's own words for a failure, when it gave some. Codes (`IDENTIFICATION_FAILED`) are
   * for developers, not people: only a message with a space in it is shown. Bound as text only.
   */
  protected readonly reason = computed(() => {
    const state = this.state();
    return state.status === 'failed' && /\s/.test(state.message.trim()) ? state.message.trim() : null;
  });
  protected readonly recoverable = computed(() => isRecoverableState(this.state()));

  /** A monotonic clock (ms), ticking each second while reconnecting: immune to wall-clock jumps. */
  private readonly now = signal(monotonicNow());
  /**
   * When the pending attempt starts, on the monotonic clock: `retryAt` is wall-clock time, so it is
   * turned into a delay once, when the state arrives, and counted down from there. A clock set back
   * an hour meanwhile would otherwise show "Trying again in 61 min" for an attempt due in seconds.
   */
  private readonly retryDeadline = computed(() => {
    const state = this.state();
    return state.status === 'reconnecting' ? monotonicNow() + (state.retryAt - Date.now()) : null;
  });
  /** The countdown line: the code's validity while ready, the next attempt while reconnecting. */
  protected readonly countdown = computed(() => {
    const state = this.state();
    const deadline = this.retryDeadline();
    if (deadline !== null) return withTime(this.labels.retryIn, deadline - this.now());
    const expiresInMs = state.status === 'ready' ? this.session().expiresInMs() : null;
    return expiresInMs === null ? null : withTime(this.labels.validFor, expiresInMs);
  });
  /** The one action the state offers, if any. */
  // Written out: an inferred union's order differs between builds (see ProofmeQr.overlayIcon).
  protected readonly action: Signal<ProofmeStatusAction | null> = computed(() => {
    const state = this.state();
    if (state.status === 'reconnecting') return 'retry-now';
    if (state.status === 'failed') return this.restarter?.canRestart() ? 'restart' : null;
    return this.recoverable() ? 'refresh' : null;
  });
  protected readonly actionLabel = computed(() => {
    const action = this.action();
    if (action === 'retry-now') return this.labels.retryNow;
    // On a phone there is no QR code to renew: the user just tries again.
    return action === 'restart' || this.state().status === 'error' || this.phoneWording() ? this.labels.retry : this.labels.refresh;
  });
  /** What the live region holds: emptied, then set on the next frame, so a repeat is heard again. */
  protected readonly liveText = signal('');

  protected readonly context = computed<ProofmeStatusContext>(() => ({
    $implicit: this.state(),
    text: this.text(),
    reason: this.reason(),
    countdown: this.countdown(),
    action: this.action(),
    actionLabel: this.action() ? this.actionLabel() : null,
    recoverable: this.recoverable(),
    retry: () => this.retry(),
  }));

  constructor() {
    let frame = 0;
    let previous: ProofmeState | null = null;
    effect(() => {
      const state = this.state();
      const text = this.text();
      const before = previous;
      previous = state;
      if (!this.isBrowser || !this.announce() || !this.view) return;
      // A new channel (rotation) or the next reconnect attempt is not news; the same refusal twice is.
      if (before && before !== state && before.status === state.status && (state.status === 'ready' || state.status === 'reconnecting')) return;
      untracked(() => this.liveText.set(''));
      const view = this.view;
      view.cancelAnimationFrame(frame);
      // Outside the zone: with zone.js a pending frame is pending work, and a hidden tab runs no
      // frames, so the app would not be stable until it is shown. The signal set needs no zone.
      const request = () => view.requestAnimationFrame(() => this.liveText.set(text));
      frame = this.zone ? this.zone.runOutsideAngular(request) : request();
    });
    // The reconnect countdown ticks only while there is one to show.
    effect((onCleanup) => {
      if (!this.isBrowser || !this.view || this.state().status !== 'reconnecting') return;
      const view = this.view;
      this.now.set(monotonicNow());
      const tick = () => view.setInterval(() => this.now.set(monotonicNow()), 1000);
      const timer = this.zone ? this.zone.runOutsideAngular(tick) : tick();
      onCleanup(() => view.clearInterval(timer));
    });
    // Only a browser ever asked for a frame (the server's window has no cancelAnimationFrame).
    inject(DestroyRef).onDestroy(() => frame && this.view?.cancelAnimationFrame(frame));
  }

  /**
   * The action button: a new channel after the phone left, the code expired or the connection
   * failed; the pending attempt at once while reconnecting; a new session after a failure.
   */
  retry(): void {
    const action = untracked(this.action);
    if (action === 'retry-now') this.session().retryNow();
    else if (action === 'restart') this.restarter?.restart();
    // A click on a button the state has already left (or a custom template's retry while the phone
    // is scanning) must not drop the channel.
    else if (action === 'refresh') this.session().refresh();
    // The button is gone with the state it belonged to: keep keyboard focus here, not on <body>.
    this.host.nativeElement.focus();
  }
}

/** Milliseconds on a clock that only moves forward (`performance.now()`; it exists in Node too). */
function monotonicNow(): number {
  return performance.now();
}
