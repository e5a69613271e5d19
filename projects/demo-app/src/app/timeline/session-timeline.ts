import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, input, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { EMPTY, map, merge, switchMap } from 'rxjs';
import { ProofmeSession, ProofmeState } from 'proofme-ng';
import { DEMO_TEXTS } from '../demo-i18n';

interface TimelineEntry {
  readonly id: number;
  readonly at: string;
  readonly kind: 'state' | 'message' | 'rejected';
  readonly text: string;
}

const MAX_ENTRIES = 40;
/** A reader this close to the end of the list is following it; further up, they are reading back. */
const FOLLOW_SLACK_PX = 24;

/**
 * A live log of one session: its states, the messages it received and the frames it rejected. A
 * developer's view, so its entries keep the protocol's own names and codes (untranslated on purpose).
 *
 * Oldest first, new entries appended: inserting at the top pushed every entry on screen down (a
 * layout shift). The list keeps the newest in view by scrolling instead, unless the reader has
 * scrolled up to an older entry.
 */
@Component({
  selector: 'demo-session-timeline',
  templateUrl: './session-timeline.html',
  styleUrl: './session-timeline.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionTimeline {
  readonly session = input<ProofmeSession | null>(null);
  protected readonly text = inject(DEMO_TEXTS);
  protected readonly entries = signal<readonly TimelineEntry[]>([]);
  private readonly list = viewChild<ElementRef<HTMLOListElement>>('list');
  private readonly injector = inject(Injector);
  private nextId = 0;
  private scrollPending = false;

  constructor() {
    toObservable(this.session)
      .pipe(
        switchMap((session) => {
          this.entries.set([]);
          if (!session) return EMPTY;
          const started = performance.now();
          const stamp = () => `+${((performance.now() - started) / 1000).toFixed(2)} s`;
          return merge(
            session.state$.pipe(map((state) => ({ kind: 'state' as const, text: describeState(state), at: stamp() }))),
            session.messages$.pipe(map((message) => ({ kind: 'message' as const, text: `← ${message.type}`, at: stamp() }))),
            session.protocolErrors$.pipe(map((error) => ({ kind: 'rejected' as const, text: `rejected frame: ${error.kind}`, at: stamp() }))),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((entry) => {
        const following = this.followingEnd();
        this.entries.update((list) => [...list, { id: this.nextId++, ...entry }].slice(-MAX_ENTRIES));
        if (following) this.scrollToEndAfterRender();
      });
  }

  private followingEnd(): boolean {
    const list = this.list()?.nativeElement;
    return !list || list.scrollHeight - list.scrollTop - list.clientHeight <= FOLLOW_SLACK_PX;
  }

  /** Several entries in one turn (a state and its message) scroll once, after they are rendered. */
  private scrollToEndAfterRender(): void {
    if (this.scrollPending) return;
    this.scrollPending = true;
    afterNextRender(
      {
        write: () => {
          this.scrollPending = false;
          const list = this.list()?.nativeElement;
          if (list) list.scrollTop = list.scrollHeight;
        },
      },
      { injector: this.injector },
    );
  }
}

function describeState(state: ProofmeState): string {
  switch (state.status) {
    case 'ready':
      return `ready · channel ${state.channelId.slice(0, 8)}…`;
    case 'reconnecting':
      return `reconnecting · attempt ${state.attempt} in ${state.delayMs} ms`;
    case 'succeeded':
    case 'failed':
      return `${state.status} · ${state.message}`;
    case 'error':
      return `error · ${state.code}`;
    default:
      return state.status;
  }
}
