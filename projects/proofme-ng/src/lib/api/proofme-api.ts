import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';
import { Observable, catchError, map, throwError } from 'rxjs';
import { PROOFME_CONFIG } from '../config/proofme-config';
import { isUuid, ɵobjectFields as objectFields, ɵownField as ownField } from 'proofme-ng/protocol';
import { ProofmeApiError, ProofmeIdentificationSummary, ProofmeIdentificationStatus, ProofmeMyPageConfig } from './api-models';

const STATUSES: readonly ProofmeIdentificationStatus[] = ['PENDING', 'SUCCESS', 'FAILED', 'REVOKED'];

function ownString(fields: object | null, key: string): string | undefined {
  const value = fields ? ownField(fields, key) : undefined;
  return typeof value === 'string' ? value : undefined;
}

function invalid(what: string): ProofmeApiError {
  return new ProofmeApiError('PROOFME_API_INVALID_RESPONSE', `Proofme's ${what} response is not in the documented shape.`);
}

/** Not exported from the entry point: the origin as Proofme registers it: `protocol//hostname`, plus `:port` for http. */
export function myPageOrigin(location: Pick<Location, 'protocol' | 'hostname' | 'port'>): string {
  const port = location.protocol === 'http:' && location.port ? `:${location.port}` : '';
  return `${location.protocol}//${location.hostname}${port}`;
}

/**
 * The browser-safe part of Proofme's REST API: public reads only, never an API key (that stays on
 * the integrator's backend). Uses the application's HttpClient (its interceptors apply); the base URL
 * is `apiUrl` in `provideProofme()`.
 */
@Injectable({ providedIn: 'root' })
export class ProofmeApi {
  private readonly http = inject(HttpClient);
  private readonly config = inject(PROOFME_CONFIG);
  private readonly document = inject(DOCUMENT);

  /**
   * The My Page configuration registered for `origin` (default: this page's origin).
   * @throws {ProofmeApiError} (as the Observable's error) PROOFME_API_NOT_FOUND, PROOFME_API_INVALID_RESPONSE,
   *   PROOFME_API_UNREACHABLE or PROOFME_API_ERROR.
   */
  getMyPageConfig(origin?: string): Observable<ProofmeMyPageConfig> {
    const location = this.document.defaultView?.location;
    const target = origin ?? (location ? myPageOrigin(location) : '');
    return this.get(`customMyPage/url/${encodeURIComponent(target)}`).pipe(
      map((body) => {
        const fields = objectFields(body);
        const myPage = objectFields(fields && ownField(fields, 'myPage'));
        const organisationId = ownString(myPage, 'organisationId');
        if (!myPage || !organisationId) throw invalid('My Page');
        const proofme = objectFields(ownField(myPage, 'proofme'));
        const proofmeId = ownString(proofme, 'id');
        return {
          organisationId,
          title: ownString(myPage, 'title'),
          url: ownString(myPage, 'url'),
          color: ownString(myPage, 'color'),
          ...(proofmeId && { proofme: { id: proofmeId, name: ownString(proofme, 'name'), organisationId: ownString(proofme, 'organisationId') } }),
          domain: ownString(fields, 'domain') ?? target,
        };
      }),
    );
  }

  /**
   * The public view of an identification: its status and owner, no personal data.
   * @throws {ProofmeApiError} (as the Observable's error) PROOFME_API_INVALID_ID when `id` is not a UUID
   *   (nothing is sent); PROOFME_API_NOT_FOUND, PROOFME_API_INVALID_RESPONSE, PROOFME_API_UNREACHABLE or PROOFME_API_ERROR.
   */
  getIdentification(id: string): Observable<ProofmeIdentificationSummary> {
    if (!isUuid(id)) {
      return throwError(() => new ProofmeApiError('PROOFME_API_INVALID_ID', 'The identification id must be a UUID.'));
    }
    return this.get(`identification/${id}`).pipe(
      map((body) => {
        const envelope = objectFields(body);
        const identification = objectFields(envelope && ownField(envelope, 'identification'));
        const status = ownString(identification, 'status') as ProofmeIdentificationStatus | undefined;
        const organisationId = ownString(identification, 'organisationId');
        if (!identification || ownString(identification, 'id') !== id || !organisationId || !status || !STATUSES.includes(status)) {
          throw invalid('identification');
        }
        return { id, organisationId, proofmeId: ownString(identification, 'proofmeId') ?? '', status };
      }),
    );
  }

  private get(path: string): Observable<unknown> {
    return this.http.get<unknown>(`${this.config.apiUrl.replace(/\/$/, '')}/${path}`).pipe(catchError((error) => throwError(() => toApiError(error))));
  }
}

function toApiError(error: unknown): ProofmeApiError {
  if (error instanceof ProofmeApiError) return error;
  if (!(error instanceof HttpErrorResponse)) return new ProofmeApiError('PROOFME_API_ERROR', String(error));
  const serverCode = ownString(objectFields(error.error), 'message')?.slice(0, 64);
  if (error.status === 0) return new ProofmeApiError('PROOFME_API_UNREACHABLE', 'The Proofme API could not be reached.', 0);
  if (error.status === 404) {
    return new ProofmeApiError('PROOFME_API_NOT_FOUND', `Proofme has no such resource (${serverCode ?? '404'}).`, 404, serverCode);
  }
  return new ProofmeApiError('PROOFME_API_ERROR', `The Proofme API answered ${error.status}.`, error.status, serverCode);
}
