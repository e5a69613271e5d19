import type { ProofmeThrownErrorCode } from 'proofme-ng/protocol';
import { ProofmeError } from 'proofme-ng/protocol';

/** The error `fn` throws; fails the test when it throws nothing. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('Expected a throw, but nothing was thrown.');
}

/** Asserts `error` is a ProofmeError with `code`, and that its message leads with that code. */
export function expectProofmeError(error: unknown, code: ProofmeThrownErrorCode): void {
  expect(error).toBeInstanceOf(ProofmeError);
  expect(error).toBeInstanceOf(Error);
  expect((error as ProofmeError).code).toBe(code);
  expect((error as ProofmeError).message).toMatch(new RegExp(`^\\[proofme-ng\\] ${code}: `));
}
