import { EnvironmentInjector, Injector, PLATFORM_ID, createEnvironmentInjector } from '@angular/core';
import WebSocket from 'ws';
import { PROOFME_LOGGER, ProofmeOptions, WebSocketConstructor, provideProofme, withWebSocket } from 'proofme-ng';

/**
 * An injector with the library configured as an app would, on `ws` instead of the browser's
 * WebSocket, for tests in plain Node (TestBed wants a DOM). Destroy it to end its sessions.
 */
export function nodeInjector(options: ProofmeOptions): EnvironmentInjector {
  return createEnvironmentInjector(
    [
      { provide: PLATFORM_ID, useValue: 'browser' },
      { provide: PROOFME_LOGGER, useValue: { warn: () => undefined } },
      provideProofme(options, withWebSocket(WebSocket as unknown as WebSocketConstructor)),
    ],
    Injector.NULL as EnvironmentInjector,
  );
}
