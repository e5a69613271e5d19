import { ProofmeReconnectPolicy } from '../config/proofme-config';

/**
 * The wait before reconnect attempt `attempt` (1-based): exponential, capped, with the policy's
 * share of it randomised downwards so that many pages dropped at once do not return at once.
 */
export function reconnectDelay(attempt: number, policy: ProofmeReconnectPolicy, random: () => number = Math.random): number {
  const exponential = policy.initialDelayMs * policy.multiplier ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped * (1 - policy.jitter * random()));
}
