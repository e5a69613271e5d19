import { Injectable, NgZone, PLATFORM_ID, inject } from '@angular/core';
import { isPlatformServer } from '@angular/common';
import { Observable, catchError, forkJoin, map, of, switchMap } from 'rxjs';
import { ProofmeApiError, ProofmeMyPageConfig } from '../api/api-models';
import { ProofmeApi } from '../api/proofme-api';
import { PROOFME_CONFIG } from '../config/proofme-config';
import { outsideAngular } from '../session/outside-angular';
import { HandedSignalingConnection, SignalingSocket, openSignalingSocket } from '../session/signaling-socket';
import { PROOFME_WEBSOCKET } from '../config/tokens';
import { HostMessage, ProofmeTarget, buildHostConnectUrl, channelFromHost, parseSignalMessage } from 'proofme-ng/protocol';
import type { ProofmePreflightRunner } from '../session/preflight-runner';
import {
  ProofmePreflightCheck,
  ProofmePreflightCheckName,
  ProofmePreflightFailure,
  ProofmePreflightReport,
  preflightReport,
} from '../session/preflight-report';

/**
 * How long a passed probe waits for `connect()` to adopt it before it closes. The component
 * connects within a frame of the report; this leaves room for a hidden tab's throttled timers,
 * while a page that only wanted the report holds the server's channel for no longer than this.
 */
export const PROBE_HANDOVER_MS = 5000;

/** The signaling check, and the probe's open connection when it passed (`null` once handed on or closed). */
interface ProbeOutcome {
  readonly check: ProofmePreflightCheck;
  readonly kept: HandedSignalingConnection | null;
}

const passed = (name: ProofmePreflightCheckName, detail: string): ProofmePreflightCheck => ({ name, status: 'passed', detail });
const skipped = (name: ProofmePreflightCheckName, detail: string): ProofmePreflightCheck => ({ name, status: 'skipped', detail });
const failed = (name: ProofmePreflightCheckName, failure: ProofmePreflightFailure, detail: string): ProofmePreflightCheck => ({
  name,
  status: 'failed',
  failure,
  detail,
});

/**
 * Not exported from the entry point: provided by `withPreflight()`; use `ProofmeService.preflight()`.
 * Checks every part an identification needs before the user starts, so a page can say exactly
 * what is missing instead of showing a QR code that can never work. Provided by `withPreflight()`,
 * run through `ProofmeService.preflight()`.
 */
@Injectable({ providedIn: 'root' })
export class ProofmePreflight implements ProofmePreflightRunner {
  private readonly config = inject(PROOFME_CONFIG);
  private readonly webSocketCtor = inject(PROOFME_WEBSOCKET);
  private readonly api = inject(ProofmeApi);
  private readonly isServer = isPlatformServer(inject(PLATFORM_ID));
  private readonly zone = inject(NgZone, { optional: true });
  /** Passed probes waiting for a session, by connect URL. */
  private readonly parked = new Map<string, { readonly connection: HandedSignalingConnection; readonly timer: ReturnType<typeof setTimeout> }>();

  run(target: ProofmeTarget): Observable<ProofmePreflightReport> {
    if (this.isServer) {
      const names: ProofmePreflightCheckName[] = ['websocket', 'signaling', 'my-page', 'identification'];
      return of(preflightReport(names.map((name) => skipped(name, 'Not checked on the server.'))));
    }
    const websocket = this.webSocketCtor
      ? passed('websocket', 'WebSocket is available.')
      : failed('websocket', 'PROOFME_UNSUPPORTED', 'This browser has no WebSocket.');
    let url: string | null = null;
    let signaling$: Observable<ProbeOutcome>;
    try {
      url = buildHostConnectUrl(this.config.signalingUrl, target, { keepalive: this.config.keepalive });
      // The probe's socket and its timeout stay out of the Angular zone, as the session's do.
      signaling$ = this.webSocketCtor
        ? outsideAngular(this.probeSignaling(url), this.zone)
        : of({ check: skipped('signaling', 'No WebSocket to probe with.'), kept: null });
    } catch (error) {
      signaling$ = of({ check: failed('signaling', 'PROOFME_INVALID_TARGET', (error as Error).message), kept: null });
    }
    // The API checks run beside the signaling probe (both start at subscription, the socket first);
    // the identification check needs the My Page's organisation.
    const api$ = this.api.getMyPageConfig().pipe(
      map((config) => ({ check: passed('my-page', `My Page "${config.title ?? config.domain}" found.`), config })),
      catchError((error: ProofmeApiError) => of({ check: this.apiFailure('my-page', error, 'PROOFME_MY_PAGE_NOT_FOUND'), config: null })),
      switchMap((myPage) => this.checkIdentification(target, myPage.config).pipe(map((identification) => [myPage.check, identification]))),
    );
    return new Observable<ProofmePreflightReport>((subscriber) => {
      // A probe that passed while the API checks still run: this run owns it until the report.
      let kept: HandedSignalingConnection | null = null;
      const subscription = forkJoin([signaling$.pipe(map((outcome) => ((kept = outcome.kept), outcome.check))), api$]).subscribe({
        next: ([signaling, [myPage, identification]]) => {
          const report = preflightReport([websocket, signaling, myPage, identification]);
          // Only a report that passed leads to a session; after any other, nobody would adopt the probe.
          if (report.ok && kept && url) this.park(url, kept);
          else kept?.socket.close();
          kept = null;
          subscriber.next(report);
        },
        complete: () => subscriber.complete(),
      });
      // Unsubscribed before the report (the component went away, or its id changed): the probe goes too.
      return () => {
        subscription.unsubscribe();
        kept?.socket.close();
      };
    });
  }

  /** @internal The parked probe for `url`, once; see `ProofmePreflightRunner.claim`. */
  claim(url: string): HandedSignalingConnection | null {
    const parked = this.parked.get(url);
    if (!parked) return null;
    this.parked.delete(url);
    clearTimeout(parked.timer);
    return parked.connection;
  }

  /** Keeps a passed probe for the session that follows; closes it if none comes, or if a newer probe replaces it. */
  private park(url: string, connection: HandedSignalingConnection): void {
    this.claim(url)?.socket.close();
    const drop = (): void => {
      if (this.parked.get(url)?.connection !== connection) return;
      this.parked.delete(url);
      clearTimeout(timer);
      connection.socket.close();
    };
    // Outside the Angular zone: with zone.js a pending timer keeps the app from becoming stable.
    const timer = this.zone ? this.zone.runOutsideAngular(() => setTimeout(drop, PROBE_HANDOVER_MS)) : setTimeout(drop, PROBE_HANDOVER_MS);
    this.parked.set(url, { connection, timer });
    // A parked socket that dies is of no use to a session: forget it (the session then opens its own).
    connection.socket.listen({ opened: () => undefined, frame: () => undefined, closed: drop });
  }

  /**
   * Opens the host connection and waits for a valid `host` frame. A pass keeps the connection open
   * for the session (`kept`); every other outcome closes it.
   */
  private probeSignaling(url: string): Observable<ProbeOutcome> {
    const { config } = this;
    return new Observable<ProbeOutcome>((subscriber) => {
      let opened = false;
      let settled = false;
      // Assigned below; a socket whose constructor threw reports that before it exists.
      let socket: SignalingSocket | undefined;
      const settle = (check: ProofmePreflightCheck, kept: HandedSignalingConnection | null = null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!kept) socket?.close();
        subscriber.next({ check, kept });
        subscriber.complete();
      };
      const timer = setTimeout(
        () => settle(failed('signaling', 'PROOFME_CONNECT_TIMEOUT', 'The signaling server did not open a channel in time.')),
        config.connectTimeoutMs || 10_000,
      );
      socket = openSignalingSocket(url, this.webSocketCtor!, {
        opened: () => (opened = true),
        frame: (raw) => {
          const parsed = parseSignalMessage(raw, { maxLength: config.maxFrameLength });
          if (!parsed.ok || parsed.message.type !== 'host') return;
          const host = channelFromHost(parsed.message, config);
          if (!host.ok) return settle(failed('signaling', host.code, host.message));
          settle(passed('signaling', `The signaling server opened a channel; phones connect to ${host.channel.signalServer}.`), {
            socket: socket!,
            host: parsed.message,
          });
        },
        closed: () =>
          settle(
            opened
              ? failed('signaling', 'PROOFME_HOST_REFUSED', 'The signaling server closed the connection without a channel.')
              : failed('signaling', 'PROOFME_HANDSHAKE_REFUSED', 'The signaling server is unreachable or refused this page.'),
          ),
      });
      // Unsubscribed before it settled: the probe is of no use to anyone.
      return () => {
        clearTimeout(timer);
        if (!settled) socket?.close();
      };
    });
  }

  private checkIdentification(target: ProofmeTarget, myPage: ProofmeMyPageConfig | null): Observable<ProofmePreflightCheck> {
    if (!('identificationId' in target)) return of(skipped('identification', 'A public Proofme template has no identification to check.'));
    return this.api.getIdentification(target.identificationId).pipe(
      map((identification) => {
        if (myPage && identification.organisationId !== myPage.organisationId) {
          return failed('identification', 'IDENTIFICATION_WRONG_ORGANISATION', 'The identification belongs to another organisation than this page.');
        }
        if (identification.status !== 'PENDING') {
          return failed('identification', 'IDENTIFICATION_ALREADY_FINISHED', `The identification is ${identification.status}.`);
        }
        return passed('identification', 'The identification exists and is pending.');
      }),
      catchError((error: ProofmeApiError) => of(this.apiFailure('identification', error, 'IDENTIFICATION_NOT_FOUND'))),
    );
  }

  private apiFailure(name: ProofmePreflightCheckName, error: ProofmeApiError, notFound: ProofmePreflightFailure): ProofmePreflightCheck {
    switch (error.code) {
      case 'PROOFME_API_NOT_FOUND':
        return failed(name, notFound, error.message);
      case 'PROOFME_API_INVALID_ID':
        return failed(name, 'PROOFME_INVALID_TARGET', error.message);
      default:
        return failed(name, 'PROOFME_API_UNREACHABLE', error.message);
    }
  }
}
