import { EnvironmentProviders, inject, makeEnvironmentProviders } from '@angular/core';
import { PROOFME_WEBSOCKET } from 'proofme-ng';
import { ProofmeTestingController } from './proofme-testing-controller';

/**
 * Replaces the signaling WebSocket with one that `ProofmeTestingController` scripts, so a page's
 * tests run without a server or a phone. Use beside `provideProofme()`.
 */
export function provideProofmeTesting(): EnvironmentProviders {
  return makeEnvironmentProviders([
    ProofmeTestingController,
    { provide: PROOFME_WEBSOCKET, useFactory: () => inject(ProofmeTestingController).webSocket },
  ]);
}
