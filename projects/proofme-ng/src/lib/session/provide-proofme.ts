import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { ProofmeFeature, ɵmakeProofmeFeature } from '../config/proofme-feature';
import { PROOFME_CONFIG, ProofmeOptions, resolveProofmeConfig } from '../config/proofme-config';
import { PROOFME_WEBSOCKET, WebSocketConstructor } from '../config/tokens';
import { ProofmeService } from './proofme.service';

// provideProofme() sits beside the service it provides: config/ stays below session/, with no cycle.

/** Uses another WebSocket implementation, such as the `ws` package under Node. */
export function withWebSocket(ctor: WebSocketConstructor): ProofmeFeature<'websocket'> {
  return ɵmakeProofmeFeature('websocket', [{ provide: PROOFME_WEBSOCKET, useValue: ctor }]);
}

/**
 * Configures proofme-ng for an application:
 * `provideProofme({ signalingUrl: 'wss://…' }, withLabels(PROOFME_LABELS_NL))`.
 * Without options it talks to Proofme's hosted service. Throws at start-up on a bad option.
 */
export function provideProofme(options: ProofmeOptions = {}, ...features: ProofmeFeature[]): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: PROOFME_CONFIG, useValue: resolveProofmeConfig(options) },
    // Its own service beside its own config: provideProofme() in a lazy route's providers then
    // configures the sessions opened there, not only the components' texts.
    ProofmeService,
    ...features.flatMap((feature) => feature.ɵproviders),
  ]);
}
