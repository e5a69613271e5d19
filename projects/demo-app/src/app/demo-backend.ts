import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

/** What the integrator's backend lets the page see once it has decrypted the data (never the data itself). */
export type VerifiedSummary =
  | { readonly status: 'SUCCESS'; readonly firstName: string; readonly lastNameInitial: string; readonly over18: boolean }
  | { readonly status: 'FAILED' | 'REVOKED' };

/** What the simulated phone can do. */
export type PhoneAction = 'scan' | 'succeed' | 'fail' | 'leave';

/** The demo integrator's backend as the page sees it (no API key, no keys: same-origin `api/…`), plus the development phone panel. */
@Injectable({ providedIn: 'root' })
export class DemoBackend {
  private readonly http = inject(HttpClient);

  /** A new identification id; the backend creates it with its API key. */
  createIdentification(): Observable<string> {
    return this.http.post<{ identificationId: string }>('api/identifications', {}).pipe(map((body) => body.identificationId));
  }

  /** The decrypted summary, or `null` while the backend still waits for Proofme's webhook (HTTP 202). */
  verifiedSummary(identificationId: string): Observable<VerifiedSummary | null> {
    return this.http
      .get<VerifiedSummary>(`api/identifications/${encodeURIComponent(identificationId)}/result`, { observe: 'response' })
      .pipe(map((response) => (response.status === 202 ? null : response.body)));
  }

  /** Plays the phone against the channel in `deeplink`. */
  phone(deeplink: string, action: PhoneAction): Observable<unknown> {
    return this.http.post('api/phone', { deeplink, action });
  }

  /** Development: stops the signaling server for a few seconds and starts it again; completes once it is back. */
  restartSignaling(): Observable<unknown> {
    return this.http.post('api/signaling/restart', {});
  }
}
