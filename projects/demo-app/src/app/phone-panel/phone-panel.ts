import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { ProofmeSession } from 'proofme-ng';
import { DemoBackend, PhoneAction } from '../demo-backend';
import { DEMO_TEXTS } from '../demo-i18n';

/**
 * Development only: plays the phone for the current channel (scan, then succeed, fail or leave),
 * so every path can be tried without a phone.
 */
@Component({
  selector: 'demo-phone-panel',
  templateUrl: './phone-panel.html',
  styleUrl: './phone-panel.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PhonePanel {
  readonly session = input<ProofmeSession | null>(null);
  private readonly backend = inject(DemoBackend);
  protected readonly text = inject(DEMO_TEXTS);
  protected readonly actions: readonly PhoneAction[] = ['scan', 'succeed', 'fail', 'leave'];

  protected readonly deeplink = computed(() => {
    const state = this.session()?.state();
    return state && (state.status === 'ready' || state.status === 'scanned') ? state.deeplink : null;
  });
  protected readonly scanned = computed(() => this.session()?.state().status === 'scanned');
  protected readonly busy = signal(false);
  protected readonly note = signal('');
  protected readonly restarting = signal(false);
  protected readonly serverNote = signal('');

  protected disabled(action: PhoneAction): boolean {
    if (this.busy()) return true;
    if (action === 'scan') return !this.deeplink() || this.scanned();
    if (action === 'leave') return !this.scanned();
    return !this.deeplink();
  }

  /** Stops the signaling server for a few seconds and starts it again, so the page's reconnecting can be watched. */
  protected restartServer(): void {
    this.restarting.set(true);
    this.serverNote.set(this.text.restarting);
    this.backend.restartSignaling().subscribe({
      next: () => {
        this.restarting.set(false);
        this.serverNote.set(this.text.restarted);
      },
      error: () => {
        this.restarting.set(false);
        this.serverNote.set(this.text.restartFailed);
      },
    });
  }

  protected act(action: PhoneAction): void {
    const deeplink = this.deeplink();
    if (!deeplink) return;
    this.busy.set(true);
    this.note.set('');
    this.backend.phone(deeplink, action).subscribe({
      next: () => {
        this.busy.set(false);
        this.note.set(this.text.phoneSent(this.text.phoneActions[action]));
      },
      // The server's error text is English developer detail: the panel says which action failed, in the page's language.
      error: () => {
        this.busy.set(false);
        this.note.set(this.text.phoneFailed(this.text.phoneActions[action]));
      },
    });
  }
}
