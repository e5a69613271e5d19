import { LiveAnnouncer } from '@angular/cdk/a11y';
import { Platform } from '@angular/cdk/platform';
import { _CdkPrivateStyleLoader, _VisuallyHiddenLoader } from '@angular/cdk/private';
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, contentChild, effect, inject, input, untracked } from '@angular/core';
import { PROOFME_LABELS, ProofmeSession, isRecoverableState } from 'proofme-ng';
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
  /** Announce each change through the CDK LiveAnnouncer. */
  readonly announce = input(true);

  protected readonly labels = inject(PROOFME_LABELS);
  // Resolved on first use, so the server (which never announces) creates no live region.
  private readonly injector = inject(Injector);
  private readonly isBrowser = inject(Platform).isBrowser;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly custom = contentChild(ProofmeStatusTemplate);

  readonly state = computed(() => this.session().state());
  /** The text shown and announced. */
  readonly text = computed(() => {
    const state = this.state();
    return (state.status === 'error' ? this.labels.errors[state.code] : undefined) ?? this.labels.status[state.status];
  });
  readonly recoverable = computed(() => isRecoverableState(this.state()));
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
    // LiveAnnouncer's region is hidden by the CDK's `cdk-visually-hidden` rule, which LiveAnnouncer
    // does not load itself (CdkAriaLive and FocusTrap do): load it, or the region shows on the page.
    this.injector.get(_CdkPrivateStyleLoader).load(_VisuallyHiddenLoader);
    this.injector.get(LiveAnnouncer).announce(text, 'polite');
  }

  /** A new channel after the phone left, the code expired or the connection failed. */
  retry(): void {
    this.session().refresh();
    // The retry button is gone with the state it belonged to: keep keyboard focus here.
    this.host.nativeElement.focus();
  }
}
