import { DestroyRef, Injectable, NgZone, PLATFORM_ID, inject } from '@angular/core';
import { isPlatformServer } from '@angular/common';
import { PROOFME_CONFIG } from '../config/proofme-config';
import { PROOFME_LOGGER, PROOFME_WEBSOCKET } from '../config/tokens';
import { PROOFME_ONLINE } from '../config/network-online';
import { PROOFME_PAGE_VISIBLE } from '../config/page-visible';
import { Observable, throwError } from 'rxjs';
import type { ProofmePreflightReport } from '../preflight/preflight-report';
import { PROOFME_PREFLIGHT, preflightNotProvided } from '../preflight/preflight-runner';
import { ProofmeTarget } from '../protocol';
import { ProofmeSession } from './proofme-session';

/** Options of {@link ProofmeService.connect}. */
export interface ProofmeConnectOptions {
  /** Closes the session when this is destroyed (e.g. a component's `inject(DestroyRef)`). */
  readonly destroyRef?: DestroyRef;
}

/**
 * Opens Proofme identification sessions. Stateless itself: each `connect()` returns a session that
 * owns its socket. Sessions close when their `destroyRef`, or the injector of this service, is destroyed.
 */
@Injectable({ providedIn: 'root' })
export class ProofmeService {
  private readonly config = inject(PROOFME_CONFIG);
  private readonly webSocket = inject(PROOFME_WEBSOCKET);
  private readonly logger = inject(PROOFME_LOGGER);
  private readonly isServer = isPlatformServer(inject(PLATFORM_ID));
  private readonly sessions = new Set<ProofmeSession>();
  private readonly preflightRunner = inject(PROOFME_PREFLIGHT, { optional: true });
  // A probe that passed its preflight becomes the next session's connection for its target: one handshake, not two.
  private readonly adopt = this.preflightRunner?.claim && ((url: string) => this.preflightRunner!.claim!(url));
  // Optional: an injector outside an application (a plain environment injector in Node) has none.
  private readonly zone = inject(NgZone, { optional: true });
  // The browser's network and visibility, behind tokens so that the server platform and tests see none.
  // Optional: an injector outside an application (plain Node) resolves no root tokens.
  private readonly online$ = inject(PROOFME_ONLINE, { optional: true }) ?? undefined;
  private readonly visible$ = inject(PROOFME_PAGE_VISIBLE, { optional: true }) ?? undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => [...this.sessions].forEach((session) => session.close()));
  }

  /**
   * Checks, before the user starts, that this browser has WebSockets, that the signaling server
   * opens a channel, that a My Page exists for this origin, and that the identification exists,
   * belongs to that organisation and is still pending. Emits one report, then completes.
   * Needs `withPreflight()` in `provideProofme()`; errors with `PROOFME_PREFLIGHT_NOT_PROVIDED` without it.
   */
  preflight(target: ProofmeTarget): Observable<ProofmePreflightReport> {
    return this.preflightRunner ? this.preflightRunner.run(target) : throwError(preflightNotProvided);
  }

  /** Starts an identification for `target`: `{ identificationId }` or `{ proofmeId }`. */
  connect(target: ProofmeTarget, options: ProofmeConnectOptions = {}): ProofmeSession {
    if (options.destroyRef?.destroyed) {
      throw new Error('[proofme-ng] PROOFME_DESTROYED: connect() was given a DestroyRef that is already destroyed.');
    }
    let unregister = (): void => undefined;
    const session = new ProofmeSession(
      target,
      {
        config: this.config,
        webSocket: this.webSocket,
        isServer: this.isServer,
        logger: this.logger,
        zone: this.zone,
        adopt: this.adopt,
        online$: this.online$,
        visible$: this.visible$,
      },
      () => unregister(),
    );
    this.sessions.add(session);
    const stopListening = options.destroyRef?.onDestroy(() => session.close());
    unregister = () => {
      this.sessions.delete(session);
      stopListening?.();
    };
    return session;
  }
}
