import { SignalServerPolicy } from '../protocol';
import { ProofmeConfig } from './proofme-config';

/** The policy every signal server must pass before it goes into a QR code. */
export function signalServerPolicy(config: ProofmeConfig): SignalServerPolicy {
  return {
    allowInsecureLoopback: config.allowInsecureLoopback,
    // Unset: only the server the page itself connects to may be named (the hosted service names
    // itself, e.g. wss://api.proofme.id:443 for wss://api.proofme.id).
    allowed: config.allowedSignalServers ?? [config.signalingUrl],
  };
}
