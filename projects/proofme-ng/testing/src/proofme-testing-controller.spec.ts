import { TestBed } from '@angular/core/testing';
import * as testingApi from 'proofme-ng/testing';
import { ProofmeService, provideProofme } from 'proofme-ng';
import { expectProofmeError, thrownBy } from '../../test/proofme-error-matchers';
import { ProofmeTestingController } from './proofme-testing-controller';
import { provideProofmeTesting } from './provide-proofme-testing';

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';
const OTHER = 'b7264dd0-b9f4-479f-adc3-db7c3d0cdcf3';

describe('ProofmeTestingController', () => {
  let controller: ProofmeTestingController;
  let service: ProofmeService;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideProofme(), provideProofmeTesting()] });
    controller = TestBed.inject(ProofmeTestingController);
    service = TestBed.inject(ProofmeService);
  });

  it('hands out the one connection for a target, and says what it found otherwise', () => {
    expect(() => controller.expectConnection()).toThrow(/found 0\. Open connections: none/);
    service.connect({ identificationId: ID });
    service.connect({ proofmeId: OTHER });
    expect(() => controller.expectConnection()).toThrow(/found 2/);
    expect(controller.expectConnection({ proofmeId: OTHER }).data).toBe(`proofme:${OTHER}`);
    expect(() => controller.expectConnection({ proofmeId: OTHER })).toThrow(/found 0/);
    expect(controller.expectConnection({ identificationId: ID }).url).toContain(`data=id:${ID}`);
  });

  it('verify() names connections nobody expected, even ones the page closed again', () => {
    const session = service.connect({ identificationId: ID });
    session.close();
    expect(() => controller.verify()).toThrow(/Unexpected Proofme connections: .*data=id:505c0af1/);
  });

  it('verify() passes when every connection was expected', () => {
    service.connect({ identificationId: ID });
    controller.expectHost().phoneConnected();
    expect(() => controller.verify()).not.toThrow();
  });

  it('scripts the server: frames as JSON or raw, pings seen, drops and close codes', () => {
    const session = service.connect({ identificationId: ID });
    const errors: string[] = [];
    session.protocolErrors$.subscribe((error) => errors.push(error.kind));
    const connection = controller.expectHost();
    connection.send('{not json');
    expect(errors).toEqual(['not-json']);
    connection.close(4408);
    expect(connection.isOpen).toBe(false);
    expect(session.state()).toEqual({ status: 'expired' });
    expect(controller.openConnectionCount).toBe(0);
  });

  it('refuses to script what a real server could not do', () => {
    service.connect({ identificationId: ID });
    const connection = controller.expectConnection();
    expect(() => connection.send({ type: 'pong' })).toThrow(/cannot send a frame on a socket in readyState 0/);
    expectProofmeError(thrownBy(() => connection.send({ type: 'pong' })), 'PROOFME_TESTING_INVALID_SOCKET_STATE');
    connection.close();
    expectProofmeError(thrownBy(() => connection.open()), 'PROOFME_TESTING_INVALID_SOCKET_STATE');
  });

  it('fails its expectations with ProofmeError PROOFME_TESTING_EXPECTATION_FAILED', () => {
    expectProofmeError(thrownBy(() => controller.expectConnection()), 'PROOFME_TESTING_EXPECTATION_FAILED');
    expectProofmeError(thrownBy(() => controller.current), 'PROOFME_TESTING_EXPECTATION_FAILED');
    service.connect({ identificationId: ID });
    expectProofmeError(thrownBy(() => controller.verify()), 'PROOFME_TESTING_EXPECTATION_FAILED');
    expectProofmeError(thrownBy(() => controller.expectNone()), 'PROOFME_TESTING_EXPECTATION_FAILED');
  });

  describe('expectNone()', () => {
    it('passes while the page opened nothing (for the target), and names what it did open otherwise', () => {
      expect(() => controller.expectNone()).not.toThrow();
      service.connect({ proofmeId: OTHER });
      expect(() => controller.expectNone({ identificationId: ID })).not.toThrow();
      expect(() => controller.expectNone({ proofmeId: OTHER })).toThrow(
        new RegExp(`Expected no open Proofme connection for data=proofme:${OTHER}, found 1: .*data=proofme:${OTHER}`),
      );
      expect(() => controller.expectNone()).toThrow(/found 1/);
    });

    it('ignores connections already taken, and ones the page closed', () => {
      const session = service.connect({ identificationId: ID });
      controller.expectHost();
      expect(() => controller.expectNone()).not.toThrow();
      session.close();
      service.connect({ proofmeId: OTHER }).close();
      expect(() => controller.expectNone()).not.toThrow();
      // expectNone() takes nothing: the closed, never-expected one is still verify()'s to report.
      expect(() => controller.verify()).toThrow(/Unexpected Proofme connections: .*proofme:/);
    });
  });

  describe('match()', () => {
    it('returns every new connection for the target, oldest first, and takes them', () => {
      service.connect({ identificationId: ID });
      service.connect({ proofmeId: OTHER });
      service.connect({ identificationId: ID });
      const matched = controller.match({ identificationId: ID });
      expect(matched.map((connection) => connection.data)).toEqual([`id:${ID}`, `id:${ID}`]);
      expect(controller.match({ identificationId: ID })).toEqual([]);
      expect(controller.match().map((connection) => connection.data)).toEqual([`proofme:${OTHER}`]);
      expect(() => controller.verify()).not.toThrow();
    });

    it('returns scriptable connections, and makes the last one current', () => {
      const first = service.connect({ identificationId: ID });
      const second = service.connect({ identificationId: ID });
      const [a, b] = controller.match();
      a.host();
      expect(first.state().status).toBe('ready');
      controller.host();
      expect(second.state().status).toBe('ready');
      expect(b.isOpen).toBe(true);
    });

    it('returns an empty list, never throws, when there is nothing', () => {
      expect(controller.match()).toEqual([]);
      expect(() => controller.current).toThrow(/No Proofme connection was expected yet/);
    });
  });

  it('keeps FakeWebSocket internal: the entry point exports the controller, not the fake socket', () => {
    expect(Object.keys(testingApi)).toEqual(expect.arrayContaining(['ProofmeTestingController', 'provideProofmeTesting']));
    expect(Object.keys(testingApi)).not.toContain('FakeWebSocket');
  });
});
