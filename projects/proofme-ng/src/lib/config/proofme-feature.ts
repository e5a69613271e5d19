import { Provider } from '@angular/core';

/** The kinds of optional feature `provideProofme()` takes. */
export type ProofmeFeatureKind = 'websocket' | 'labels' | 'preflight';

/** An optional feature for `provideProofme()`, made by a `with…()` function. */
export interface ProofmeFeature<K extends ProofmeFeatureKind = ProofmeFeatureKind> {
  readonly ɵkind: K;
  readonly ɵproviders: readonly Provider[];
}

/**
 * Makes a {@link ProofmeFeature}; for the library's own `with…()` functions. It lives in `config/`
 * (not beside `provideProofme()`) so features in `i18n/` and `preflight/` need not import the session.
 */
export function ɵmakeProofmeFeature<K extends ProofmeFeatureKind>(kind: K, providers: readonly Provider[]): ProofmeFeature<K> {
  return { ɵkind: kind, ɵproviders: providers };
}
