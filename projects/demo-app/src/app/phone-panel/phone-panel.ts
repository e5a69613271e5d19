import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { ProofmeSession } from 'proofme-ng';
import { DemoBackend, PhoneAction } from '../demo-backend';

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

  protected readonly deeplink = computed(() => {
    const state = this.session()?.state();
    return state && (state.status === 'ready' || state.status === 'scanned') ? state.deeplink : null;
  });
  protected readonly scanned = computed(() => this.session()?.state().status === 'scanned');
  protected readonly busy = signal(false);
  protected readonly note = signal('');

  protected act(action: PhoneAction): void {
    const deeplink = this.deeplink();
    if (!deeplink) return;
    this.busy.set(true);
    this.note.set('');
    this.backend.phone(deeplink, action).subscribe({
      next: () => {
        this.busy.set(false);
        this.note.set(`Phone: ${action} sent.`);
      },
      error: (error: { error?: { error?: string } }) => {
        this.busy.set(false);
        this.note.set(`Phone: ${action} failed: ${error.error?.error ?? 'no answer'}`);
      },
    });
  }
}
