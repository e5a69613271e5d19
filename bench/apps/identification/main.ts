// The blank app plus one <proofme-identification>: the delta is what proofme-ng adds to an app.
import { ChangeDetectionStrategy, Component, provideBrowserGlobalErrorListeners } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideProofme } from 'proofme-ng';
import { ProofmeIdentification } from 'proofme-ng/components';

@Component({
  selector: 'app-root',
  imports: [ProofmeIdentification],
  template: '<h1>Checkout</h1><proofme-identification identificationId="505c0af1-4807-41ed-83ba-d0f0c2571815" />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class App {}

bootstrapApplication(App, {
  providers: [provideBrowserGlobalErrorListeners(), provideProofme({ signalingUrl: 'wss://api.proofme.id' })],
}).catch((error) => console.error(error));
