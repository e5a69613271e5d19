// The blank app plus a headless ProofmeService session (no components): the protocol+config+session share.
import { ChangeDetectionStrategy, Component, inject, provideBrowserGlobalErrorListeners } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { ProofmeService, provideProofme } from 'proofme-ng';

@Component({
  selector: 'app-root',
  template: '<h1>Checkout</h1><p>{{ session.state().status }}</p>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class App {
  protected readonly session = inject(ProofmeService).connect({ identificationId: '505c0af1-4807-41ed-83ba-d0f0c2571815' });
}

bootstrapApplication(App, {
  providers: [provideBrowserGlobalErrorListeners(), provideProofme({ signalingUrl: 'wss://api.proofme.id' })],
}).catch((error) => console.error(error));
