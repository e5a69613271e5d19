import { DestroyRef, Signal, effect, inject, signal, untracked } from '@angular/core';
import { ProofmeService, ProofmeSession } from 'proofme-ng';
import { ProofmeError } from 'proofme-ng/protocol';

/** The inputs through which a component is given, or asked to open, a session. */
export interface SessionInputs {
  readonly identificationId: Signal<string | undefined>;
  readonly proofmeId: Signal<string | undefined>;
  readonly session: Signal<ProofmeSession | undefined>;
}

/**
 * The session a component shows. Given a `session`, it only follows it. Given an id, it owns a
 * session: opened when the id arrives, closed when the id changes or the component is destroyed.
 * Call in an injection context (a component's field initialiser).
 * @throws {ProofmeError} PROOFME_INVALID_INPUTS (dev mode, from the effect: Angular reports it to its
 *   ErrorHandler) when more than one of `identificationId`, `proofmeId` and `session` is set.
 */
export function sessionFromInputs(
  inputs: SessionInputs,
  componentName: string,
  /** Holds back opening a session (not following a given one) while false, e.g. until a preflight passes. */
  mayOpen: Signal<boolean> = signal(true),
): Signal<ProofmeSession | null> {
  const service = inject(ProofmeService);
  // Effects run outside an injection context, so connect() cannot find the component by itself.
  const destroyRef = inject(DestroyRef);
  const current = signal<ProofmeSession | null>(null);

  effect((onCleanup) => {
    const given = inputs.session();
    const identificationId = inputs.identificationId();
    const proofmeId = inputs.proofmeId();
    if (ngDevMode && [given, identificationId, proofmeId].filter(Boolean).length > 1) {
      throw new ProofmeError('PROOFME_INVALID_INPUTS', `<${componentName}> takes exactly one of identificationId, proofmeId or session.`);
    }
    if (given) {
      current.set(given);
      return;
    }
    if ((!identificationId && !proofmeId) || !mayOpen()) {
      current.set(null);
      return;
    }
    const target = identificationId ? { identificationId } : { proofmeId: proofmeId! };
    const owned = untracked(() => service.connect(target, { destroyRef }));
    current.set(owned);
    onCleanup(() => owned.close());
  });

  return current.asReadonly();
}
