import { TestBed } from '@angular/core/testing';
import { ProofmeService, provideProofme } from 'proofme-ng';
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
  });
});
