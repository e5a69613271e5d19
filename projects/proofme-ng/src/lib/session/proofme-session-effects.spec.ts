import { TestBed } from '@angular/core/testing';
import { ProofmeTestingController, provideProofmeTesting } from 'proofme-ng/testing';
import { ProofmeOptions } from '../config/proofme-config';
import { provideProofme } from './provide-proofme';
import { ProofmeService } from './proofme.service';

// ProofmeSession running the machine's effects against the testing kit's sockets and Jest's timers:
// what the transition tables cannot show by themselves.

const ID = '505c0af1-4807-41ed-83ba-d0f0c2571815';
const OTHER_CHANNEL = 'b755d288-dc1d-4a5e-91f5-a81a092c7ea6';

function setUp(options: ProofmeOptions) {
  TestBed.configureTestingModule({ providers: [provideProofme(options), provideProofmeTesting()] });
  return { service: TestBed.inject(ProofmeService), server: TestBed.inject(ProofmeTestingController) };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  jest.clearAllTimers();
  jest.useRealTimers();
});

describe('ProofmeSession effects', () => {
  it('stops the connect timeout when the channel comes: no timer runs while ready without pings', () => {
    const { service, server } = setUp({ connectTimeoutMs: 5000, pingIntervalMs: 0 });
    const session = service.connect({ identificationId: ID });
    expect(jest.getTimerCount()).toBe(1);
    server.expectHost();
    expect(session.state().status).toBe('ready');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not let a socket that refresh() replaced reach the session', () => {
    const { service, server } = setUp({});
    const session = service.connect({ identificationId: ID });
    const first = server.expectHost();
    session.refresh();
    first.close(4408, 'channel expired');
    expect(session.state()).toEqual({ status: 'connecting' });
    server.expectHost(undefined, OTHER_CHANNEL);
    expect(session.state()).toEqual(expect.objectContaining({ status: 'ready', channelId: OTHER_CHANNEL }));
  });
});
