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
  /**
   * Each new value (a fresh object) replaces the shown session by a new one for the same target,
   * owned by the component: "Try again" after a failure, which ended the old session for good.
   * Forgotten when the inputs change.
   */
  restarts: Signal<object | null> = signal(null),
): Signal<ProofmeSession | null> {
  const service = inject(ProofmeService);
  // Effects run outside an injection context, so connect() cannot find the component by itself.
  const destroyRef = inject(DestroyRef);
  const current = signal<ProofmeSession | null>(null);

  // The inputs a restart was asked under: a restart applies to them only, not to the next inputs.
  let inputsAtRestart: readonly unknown[] | null = null;
  let lastRestart: object | null = untracked(restarts);
  effect((onCleanup) => {
    const given = inputs.session();
    const identificationId = inputs.identificationId();
    const proofmeId = inputs.proofmeId();
    const restart = restarts();
    if (ngDevMode && [given, identificationId, proofmeId].filter(Boolean).length > 1) {
      throw new ProofmeError('PROOFME_INVALID_INPUTS', `<${componentName}> takes exactly one of identificationId, proofmeId or session.`);
    }
    const now = [given, identificationId, proofmeId];
    if (restart !== lastRestart) {
      lastRestart = restart;
      inputsAtRestart = now;
    }
    if (inputsAtRestart && !inputsAtRestart.every((value, i) => value === now[i])) inputsAtRestart = null;
    if (given && inputsAtRestart) {
      // The given session has ended; its owner keeps it. A new one for the same target is ours to close.
      const replacement = untracked(() => service.connect(given.target, { destroyRef }));
      current.set(replacement);
      onCleanup(() => replacement.close());
      return;
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
