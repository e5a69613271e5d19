import { InjectionToken } from '@angular/core';
import { PROOFME_LABELS_EN } from './labels-en';
import type { ProofmeLabels } from './proofme-labels';

// The token has a file of its own: its default (English) imports the label types, so beside them
// it would make proofme-labels.ts and labels-en.ts import each other.

/** The texts of the components; English unless `withLabels()` says otherwise. */
export const PROOFME_LABELS = new InjectionToken<ProofmeLabels>(ngDevMode ? 'PROOFME_LABELS' : '', {
  providedIn: 'root',
  factory: () => PROOFME_LABELS_EN,
});
