import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

/** What the simulated phone can do. */
export type PhoneAction = 'scan' | 'succeed' | 'fail' | 'leave';

/** The demo's stand-in for an integrator's backend, plus the development phone panel. */
@Injectable({ providedIn: 'root' })
export class DemoBackend {
  private readonly http = inject(HttpClient);

  /** A new identification id; a real backend creates it with its API key. */
  createIdentification(): Observable<string> {
    return this.http.post<{ identificationId: string }>('api/identifications', {}).pipe(map((body) => body.identificationId));
  }

  /** Plays the phone against the channel in `deeplink`. */
  phone(deeplink: string, action: PhoneAction): Observable<unknown> {
    return this.http.post('api/phone', { deeplink, action });
  }
}
