import { LiveAnnouncer } from '@angular/cdk/a11y';
import { Platform } from '@angular/cdk/platform';
import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  Signal,
  booleanAttribute,
  computed,
  contentChild,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { PROOFME_LABELS, ProofmeSession, isRecoverableState, type ProofmeState } from 'proofme-ng';
import { hideLiveAnnouncerRegions } from './live-region-style';
import { ProofmeStatusContext, ProofmeStatusTemplate } from './proofme-status-template';

/**
 * The state of a session in words, with an icon and a retry button where one helps. Each change
 * is announced politely to screen readers. Replace its look with an `ng-template proofmeStatus`.
 */
@Component({
  selector: 'proofme-status',
  imports: [NgTemplateOutlet],
  templateUrl: './proofme-status.html',
  styleUrl: './proofme-status.css',
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
  /** Announce each change through the CDK LiveAnnouncer. Takes a boolean or an attribute (`announce="false"`). */
  readonly announce = input<boolean, unknown>(true, { transform: booleanAttribute });

  protected readonly labels = inject(PROOFME_LABELS);
  // Resolved on first use, so the server (which never announces) creates no live region.
  private readonly injector = inject(Injector);
  private readonly isBrowser = inject(Platform).isBrowser;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly document = inject(DOCUMENT);
  protected readonly custom = contentChild(ProofmeStatusTemplate);

  /** The state shown. */
  readonly state: Signal<ProofmeState> = computed(() => this.session().state());
  /** The text shown and announced. */
  protected readonly text = computed(() => {
    const state = this.state();
    return (state.status === 'error' ? this.labels.errors[state.code] : undefined) ?? this.labels.status[state.status];
  });
  protected readonly recoverable = computed(() => isRecoverableState(this.state()));
  protected readonly context = computed<ProofmeStatusContext>(() => ({
    $implicit: this.state(),
    text: this.text(),
    recoverable: this.recoverable(),
    retry: () => this.retry(),
  }));

  constructor() {
    effect(() => {
      const text = this.text();
      if (this.isBrowser && this.announce()) untracked(() => this.announceText(text));
    });
  }

  private announceText(text: string): void {
    const announcer = this.injector.get(LiveAnnouncer);
    // The region exists once LiveAnnouncer does, and it may replace it (a modal, a test's reset):
    // hide it again each time, or it shows its text on the page (see live-region-style.ts).
    hideLiveAnnouncerRegions(this.document);
    announcer.announce(text, 'polite');
  }

  /** A new channel after the phone left, the code expired or the connection failed: what the retry button does. */
  retry(): void {
    this.session().refresh();
    // The retry button is gone with the state it belonged to: keep keyboard focus here.
    this.host.nativeElement.focus();
  }
}
