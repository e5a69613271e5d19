import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientTurnCredentials, turnCredential } from './turn-credentials';

interface TurnVector {
  readonly secret: string;
  readonly username: string;
  readonly credential: string;
}

// The vector recorded from Proofme's own server (the workspace's copy of the shared fixtures).
const fixture = JSON.parse(readFileSync(join(__dirname, '../../proofme-ng/test/fixtures/proofme-messages.json'), 'utf8')) as {
  turn_rest_credentials: TurnVector;
};
const vector = fixture.turn_rest_credentials;

describe('TURN REST credentials', () => {
  it('match the Proofme test vector', () => {
    expect(vector).toMatchObject({ secret: 'testsecret', username: '1795402803:client' });
    expect(turnCredential(vector.secret, vector.username)).toBe('R/FdA9jjG+HiZO54FyC857g6Yko=');
  });

  it('name the phone as `<expiry>:client`', () => {
    expect(clientTurnCredentials('testsecret', 1795402803.7)).toEqual({
      username: '1795402803:client',
      credential: 'R/FdA9jjG+HiZO54FyC857g6Yko=',
    });
  });
});
