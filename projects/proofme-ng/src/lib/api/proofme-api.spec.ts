import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { provideProofme } from '../session/provide-proofme';
import { ProofmeError } from 'proofme-ng/protocol';
import { ProofmeApiError } from './api-models';
import { ProofmeApi, myPageOrigin } from './proofme-api';

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';
const ORG = 'd0c5e3a4-2f1b-4c7e-9a8d-6b5e4f3a2c1d';

describe('ProofmeApi', () => {
  let api: ProofmeApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideProofme({ apiUrl: 'http://127.0.0.1:8787/v1/' }), provideHttpClient(), provideHttpClientTesting()],
    });
    api = TestBed.inject(ProofmeApi);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('reads the My Page config for this page origin, encoded, with no credentials', async () => {
    const result = firstValueFrom(api.getMyPageConfig());
    const request = http.expectOne('http://127.0.0.1:8787/v1/customMyPage/url/http%3A%2F%2Flocalhost');
    expect(request.request.method).toBe('GET');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({
      myPage: { organisationId: ORG, title: 'Shop', color: '#123456', proofme: { id: 'b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3', name: 'KYC' }, extra: 1 },
      domain: 'http://localhost',
    });
    expect(await result).toEqual({
      organisationId: ORG,
      title: 'Shop',
      url: undefined,
      color: '#123456',
      proofme: { id: 'b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3', name: 'KYC', organisationId: undefined },
      domain: 'http://localhost',
    });
  });

  it('builds the origin as Proofme registers it: the port only for http', () => {
    expect(myPageOrigin({ protocol: 'http:', hostname: 'localhost.com', port: '4300' })).toBe('http://localhost.com:4300');
    expect(myPageOrigin({ protocol: 'https:', hostname: 'shop.example', port: '8443' })).toBe('https://shop.example');
  });

  it('reads the public view of an identification', async () => {
    const result = firstValueFrom(api.getIdentification(ID));
    http.expectOne(`http://127.0.0.1:8787/v1/identification/${ID}`).flush({
      identification: { id: ID, organisationId: ORG, proofmeId: 'p', status: 'PENDING', secret: 'dropped' },
    });
    expect(await result).toEqual({ id: ID, organisationId: ORG, proofmeId: 'p', status: 'PENDING' });
  });

  it('never sends an id that is not a UUID', async () => {
    await expect(firstValueFrom(api.getIdentification('../admin'))).rejects.toMatchObject({ code: 'PROOFME_API_INVALID_ID' });
  });

  it.each([
    [404, { message: 'IDENTIFICATION_NOT_FOUND' }, 'PROOFME_API_NOT_FOUND', 'IDENTIFICATION_NOT_FOUND'],
    [500, { message: 'INTERNAL' }, 'PROOFME_API_ERROR', 'INTERNAL'],
  ])('turns HTTP %s into a typed error', async (status, body, code, serverCode) => {
    const result = firstValueFrom(api.getIdentification(ID));
    http.expectOne(`http://127.0.0.1:8787/v1/identification/${ID}`).flush(body, { status, statusText: 'x' });
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProofmeApiError);
    // One `instanceof ProofmeError` catches everything the library throws; the message stays unprefixed.
    expect(error).toBeInstanceOf(ProofmeError);
    expect(error).toMatchObject({ code, status, serverCode, name: 'ProofmeApiError' });
    expect((error as Error).message).not.toMatch(/^\[proofme-ng\]/);
  });

  it('reports an unreachable API', async () => {
    const result = firstValueFrom(api.getMyPageConfig('https://shop.example'));
    http.expectOne(() => true).error(new ProgressEvent('error'));
    await expect(result).rejects.toMatchObject({ code: 'PROOFME_API_UNREACHABLE' });
  });

  it.each([
    [{ identification: { id: ID, organisationId: ORG, status: 'DONE' } }],
    [{ identification: { id: 'other', organisationId: ORG, status: 'PENDING' } }],
    [{ identification: null }],
    ['<html>'],
  ])('refuses a response that is not in the documented shape: %p', async (body) => {
    const result = firstValueFrom(api.getIdentification(ID));
    http.expectOne(() => true).flush(body);
    await expect(result).rejects.toMatchObject({ code: 'PROOFME_API_INVALID_RESPONSE' });
  });
});
