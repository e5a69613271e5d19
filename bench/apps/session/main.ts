// Bench-only page for the session-cost (leak) benchmark: one <proofme-identification> on one session,
// and a hook the benchmark drives (`window.proofmeBench`). The signaling server comes from `?signal=`.
import { ChangeDetectionStrategy, Component, inject, provideBrowserGlobalErrorListeners } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { ProofmeService, provideProofme } from 'proofme-ng';
import { ProofmeIdentification } from 'proofme-ng/components';

const signalingUrl = new URLSearchParams(location.search).get('signal') ?? 'ws://127.0.0.1:8787';

@Component({
  selector: 'app-root',
  imports: [ProofmeIdentification],
  template: '<proofme-identification [session]="session" />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class App {
  protected readonly session = inject(ProofmeService).connect({ identificationId: crypto.randomUUID() });

  constructor() {
    const session = this.session;
    (window as unknown as { proofmeBench: unknown }).proofmeBench = {
      /** A new channel: what the refresh button does. */
      refresh: () => session.refresh(),
      state: () => session.state(),
    };
  }
}

bootstrapApplication(App, {
  providers: [provideBrowserGlobalErrorListeners(), provideProofme({ signalingUrl, reconnect: { maxAttempts: 0 } })],
}).catch((error) => console.error(error));
