import { ProofmeFeature, ɵmakeProofmeFeature } from '../config/proofme-feature';
import { PROOFME_LABELS_EN } from './labels-en';
import { PROOFME_LABELS } from './labels-token';
import { ProofmeLabelOverrides, mergeLabels } from './proofme-labels';

/**
 * Sets the components' texts: a bundled language (`withLabels(PROOFME_LABELS_NL)`), some
 * overrides (`withLabels({ refresh: 'Reload' })`), or both (`withLabels(PROOFME_LABELS_NL, { … })`).
 */
export function withLabels(...layers: ProofmeLabelOverrides[]): ProofmeFeature<'labels'> {
  const labels = layers.reduce(mergeLabels, PROOFME_LABELS_EN);
  return ɵmakeProofmeFeature('labels', [{ provide: PROOFME_LABELS, useValue: labels }]);
}
