import { DestroyRef, EnvironmentInjector, Injectable, Injector, NgZone, PLATFORM_ID, inject, untracked } from '@angular/core';
import { isPlatformServer } from '@angular/common';
import { PROOFME_CONFIG } from '../config/proofme-config';
import { PROOFME_LOGGER, PROOFME_WEBSOCKET } from '../config/tokens';
import { PROOFME_ONLINE } from '../config/network-online';
import { PROOFME_PAGE_VISIBLE } from '../config/page-visible';
import { Observable, throwError } from 'rxjs';
import type { ProofmePreflightReport } from './preflight-report';
import { PROOFME_PREFLIGHT, preflightNotProvided } from './preflight-runner';
import { ProofmeError, ProofmeTarget } from 'proofme-ng/protocol';
import { ProofmeSession } from './proofme-session';
import { SocketSession } from './socket-session';

/**
 * Options of {@link ProofmeService.connect}: what the session's lifetime is bound to, when
 * `connect()` is called outside an injection context (a click handler, a subscription) or should
 * outlive the caller. At most one is used: `destroyRef`, else `injector`, else the caller's context.
 */
export interface ProofmeConnectOptions {
  /** Closes the session when this is destroyed (e.g. a component's `inject(DestroyRef)`). */
  readonly destroyRef?: DestroyRef;
  /** Closes the session when this injector is destroyed (a component's `inject(Injector)`, or an environment injector). */
  readonly injector?: Injector;
}

/**
 * Opens Proofme identification sessions. Stateless itself: each `connect()` returns a session that
 * owns its socket. Sessions close when what they are bound to (the caller's `DestroyRef`, or the
 * `destroyRef`/`injector` option) or the injector of this service is destroyed.
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
  private warnedUnbound = false;
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
   * Needs `withPreflight()` in `provideProofme()`.
   * @throws {ProofmeError} (as the Observable's error) PROOFME_PREFLIGHT_NOT_PROVIDED without `withPreflight()`.
   */
  preflight(target: ProofmeTarget): Observable<ProofmePreflightReport> {
    return this.preflightRunner ? this.preflightRunner.run(target) : throwError(preflightNotProvided);
  }

  /**
   * Starts an identification for `target`: `{ identificationId }` or `{ proofmeId }`.
   *
   * The session closes when, first of: `close()` is called; what it is bound to is destroyed; this
   * service's injector is destroyed. It is bound to `options.destroyRef`, else to `options.injector`,
   * else, when called in an injection context (a field initialiser, `runInInjectionContext`), to the
   * caller's `DestroyRef`, as NgRx's `rxMethod` does. Called outside all three, it is bound to nothing
   * else, and dev mode warns once per service that such sessions live until `close()`.
   * Safe to call in an `effect()`: it adds no dependency to it (close the previous session in `onCleanup`).
   *
   * @throws {ProofmeError} PROOFME_DESTROYED when the `destroyRef` or `injector` it would be bound to is
   *   already destroyed: a session opened then would never close with it.
   */
  connect(target: ProofmeTarget, options: ProofmeConnectOptions = {}): ProofmeSession {
    const destroyRef = this.lifetimeOf(options);
    if (destroyRef?.destroyed) {
      throw new ProofmeError('PROOFME_DESTROYED', 'connect() was given a DestroyRef (or injector) that is already destroyed.');
    }
    if (ngDevMode && !destroyRef && !this.warnedUnbound) {
      this.warnedUnbound = true;
      this.logger.warn(
        'connect() was called outside an injection context without { destroyRef } or { injector }: the session lives ' +
          "until close() or until ProofmeService's injector is destroyed. Pass { destroyRef: inject(DestroyRef) } to tie it to a component.",
      );
    }
    let unregister = (): void => undefined;
    // Untracked: a new session sets and reads its own signals while it starts. Called in an effect()
    // (an id that arrives later), those reads would become the effect's dependencies, and every
    // state change would close the session and open another: hundreds of sockets a second.
    const session = untracked(() => new SocketSession(
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
    ));
    this.sessions.add(session);
    const stopListening = destroyRef?.onDestroy(() => session.close());
    unregister = () => {
      this.sessions.delete(session);
      stopListening?.();
    };
    return session;
  }

  /** What a new session's lifetime is bound to; null when nothing but this service's injector. */
  private lifetimeOf(options: ProofmeConnectOptions): DestroyRef | null {
    if (options.destroyRef) return options.destroyRef;
    const { injector } = options;
    if (injector) {
      // A destroyed environment injector throws on every get(); report it as the same mistake as a destroyed DestroyRef.
      if (injector instanceof EnvironmentInjector && injector.destroyed) {
        throw new ProofmeError('PROOFME_DESTROYED', 'connect() was given an injector that is already destroyed.');
      }
      return injector.get(DestroyRef);
    }
    return callerDestroyRef();
  }
}

/**
 * The caller's `DestroyRef` when `connect()` runs in an injection context, else null. Angular has
 * no public "am I in an injection context?": `inject()` throws (NG0203) outside one, so try it.
 */
function callerDestroyRef(): DestroyRef | null {
  try {
    return inject(DestroyRef, { optional: true });
  } catch {
    return null;
  }
}
