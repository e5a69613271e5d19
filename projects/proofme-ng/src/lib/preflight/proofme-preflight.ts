import { Injectable, NgZone, PLATFORM_ID, inject } from '@angular/core';
import { isPlatformServer } from '@angular/common';
import { Observable, catchError, defaultIfEmpty, filter, forkJoin, map, of, switchMap, take, timeout } from 'rxjs';
import { webSocket } from 'rxjs/webSocket';
import { ProofmeApiError, ProofmeMyPageConfig } from '../api/api-models';
import { ProofmeApi } from '../api/proofme-api';
import { PROOFME_CONFIG } from '../config/proofme-config';
import { outsideAngular } from '../session/outside-angular';
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

  run(target: ProofmeTarget): Observable<ProofmePreflightReport> {
    if (this.isServer) {
      const names: ProofmePreflightCheckName[] = ['websocket', 'signaling', 'my-page', 'identification'];
      return of(preflightReport(names.map((name) => skipped(name, 'Not checked on the server.'))));
    }
    const websocket = this.webSocketCtor
      ? passed('websocket', 'WebSocket is available.')
      : failed('websocket', 'PROOFME_UNSUPPORTED', 'This browser has no WebSocket.');
    // The probe's socket and its timeout stay out of the Angular zone, as the session's do.
    const signaling$ = this.webSocketCtor
      ? outsideAngular(this.probeSignaling(target), this.zone)
      : of(skipped('signaling', 'No WebSocket to probe with.'));
    // The API checks run beside the signaling probe; the identification check needs the My Page's organisation.
    const api$ = this.api.getMyPageConfig().pipe(
      map((config) => ({ check: passed('my-page', `My Page "${config.title ?? config.domain}" found.`), config })),
      catchError((error: ProofmeApiError) => of({ check: this.apiFailure('my-page', error, 'PROOFME_MY_PAGE_NOT_FOUND'), config: null })),
      switchMap((myPage) => this.checkIdentification(target, myPage.config).pipe(map((identification) => [myPage.check, identification]))),
    );
    return forkJoin([signaling$, api$]).pipe(map(([signaling, [myPage, identification]]) => preflightReport([websocket, signaling, myPage, identification])));
  }

  /** Opens the host connection, waits for a valid `host` frame, and closes it again. */
  private probeSignaling(target: ProofmeTarget): Observable<ProofmePreflightCheck> {
    const { config } = this;
    let url: string;
    try {
      url = buildHostConnectUrl(config.signalingUrl, target, { keepalive: config.keepalive });
    } catch (error) {
      return of(failed('signaling', 'PROOFME_INVALID_TARGET', (error as Error).message));
    }
    let opened = false;
    const socket = webSocket<unknown>({
      url,
      WebSocketCtor: this.webSocketCtor!,
      deserializer: (event) => event.data,
      openObserver: { next: () => (opened = true) },
    });
    return socket.pipe(
      map((raw) => parseSignalMessage(raw, { maxLength: config.maxFrameLength })),
      map((parsed) => (parsed.ok && parsed.message.type === 'host' ? parsed.message : null)),
      filter((message): message is HostMessage => message !== null),
      take(1),
      map((message): ProofmePreflightCheck => {
        const host = channelFromHost(message, config);
        return host.ok
          ? passed('signaling', `The signaling server opened a channel; phones connect to ${host.channel.signalServer}.`)
          : failed('signaling', host.code, host.message);
      }),
      timeout({
        first: config.connectTimeoutMs || 10_000,
        with: () => of(failed('signaling', 'PROOFME_CONNECT_TIMEOUT', 'The signaling server did not open a channel in time.')),
      }),
      defaultIfEmpty(null),
      catchError(() => of(null)),
      map(
        (check) =>
          check ??
          (opened
            ? failed('signaling', 'PROOFME_HOST_REFUSED', 'The signaling server closed the connection without a channel.')
            : failed('signaling', 'PROOFME_HANDSHAKE_REFUSED', 'The signaling server is unreachable or refused this page.')),
      ),
    );
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
