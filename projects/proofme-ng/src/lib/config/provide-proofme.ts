import { EnvironmentProviders, Provider, makeEnvironmentProviders } from '@angular/core';
import { ProofmeService } from '../session/proofme.service';
import { PROOFME_CONFIG, ProofmeOptions, resolveProofmeConfig } from './proofme-config';
import { PROOFME_WEBSOCKET, WebSocketConstructor } from './tokens';

/** The kinds of optional feature `provideProofme()` takes. */
export type ProofmeFeatureKind = 'websocket' | 'labels' | 'preflight';

/** An optional feature for `provideProofme()`, made by a `with…()` function. */
export interface ProofmeFeature<K extends ProofmeFeatureKind = ProofmeFeatureKind> {
  readonly ɵkind: K;
  readonly ɵproviders: readonly Provider[];
}

/** Makes a {@link ProofmeFeature}; for the library's own `with…()` functions. */
export function ɵmakeProofmeFeature<K extends ProofmeFeatureKind>(kind: K, providers: readonly Provider[]): ProofmeFeature<K> {
  return { ɵkind: kind, ɵproviders: providers };
}

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
