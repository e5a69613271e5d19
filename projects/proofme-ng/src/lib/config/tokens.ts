import { InjectionToken, PLATFORM_ID, inject } from '@angular/core';
import { isPlatformBrowser } from '@angular/common';

/** The WebSocket constructor shape the library needs (the browser's, or `ws` in Node). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

/**
 * The WebSocket constructor sessions use. `null` where there is none (the server platform, or a
 * browser without WebSockets): sessions then open nothing. Tests and Node swap it for `ws`.
 */
export const PROOFME_WEBSOCKET = new InjectionToken<WebSocketConstructor | null>(ngDevMode ? 'PROOFME_WEBSOCKET' : '', {
  providedIn: 'root',
  factory: () =>
    isPlatformBrowser(inject(PLATFORM_ID)) && typeof WebSocket !== 'undefined' ? WebSocket : null,
});

/** Where the library reports problems a developer should see. */
export interface ProofmeLogger {
  warn(message: string, ...details: unknown[]): void;
}

/** The library's logger: `console.warn` in dev mode, silent in production builds. */
export const PROOFME_LOGGER = new InjectionToken<ProofmeLogger>(ngDevMode ? 'PROOFME_LOGGER' : '', {
  providedIn: 'root',
  factory: () => ({
    warn: (message, ...details) => {
      if (ngDevMode) console.warn(`[proofme-ng] ${message}`, ...details);
    },
  }),
});
