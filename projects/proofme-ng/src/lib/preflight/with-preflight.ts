import { ProofmeFeature, ɵmakeProofmeFeature } from '../config/proofme-feature';
import { PROOFME_PREFLIGHT } from '../session/preflight-runner';
import { ProofmeApi } from '../api/proofme-api';
import { ProofmePreflight } from './proofme-preflight';

/**
 * Turns the preflight on: `ProofmeService.preflight()` works, and `<proofme-identification>` checks
 * every part before it shows a QR code (opt a component out with `[preflight]="false"`). Brings
 * HttpClient for the REST checks.
 */
export function withPreflight(): ProofmeFeature<'preflight'> {
  return ɵmakeProofmeFeature('preflight', [ProofmePreflight, ProofmeApi, { provide: PROOFME_PREFLIGHT, useExisting: ProofmePreflight }]);
}
