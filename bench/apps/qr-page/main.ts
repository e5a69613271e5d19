// The like-for-like page of the time-to-QR bench: what the docs' plain-JS page does, in Angular. The
// identification id comes from the URL (`?id=`), as the docs page's does, and one
// <proofme-identification> connects at once: no backend round trip, no preflight, no click.
// The signaling server comes from `?signal=`.
import { ChangeDetectionStrategy, Component, provideBrowserGlobalErrorListeners } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { ProofmeIdentification, provideProofme } from 'proofme-ng';

const params = new URLSearchParams(location.search);
const signalingUrl = params.get('signal') ?? 'ws://127.0.0.1:8787';

@Component({
  selector: 'app-root',
  imports: [ProofmeIdentification],
  template: '<proofme-identification [identificationId]="id" mobile="never" />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class App {
  protected readonly id = params.get('id') ?? undefined;
}

bootstrapApplication(App, {
  providers: [provideBrowserGlobalErrorListeners(), provideProofme({ signalingUrl })],
}).catch((error) => console.error(error));
