import { PROOFME_LABELS_EN } from './labels-en';
import { PROOFME_LABELS_NL } from './labels-nl';
import { mergeLabels } from './proofme-labels';

describe('mergeLabels', () => {
  it('lets a translated status line win over the bundled phone line of the same state', () => {
    const labels = mergeLabels(PROOFME_LABELS_EN, { status: { ready: 'Scannen Sie den Code.' } });
    expect(labels.status.ready).toBe('Scannen Sie den Code.');
    // No English phone sentence next to a German desktop one: phones fall back to the translation.
    expect(labels.handheld.ready).toBeUndefined();
    // States the layer did not translate keep their phone wording.
    expect(labels.handheld.scanned).toBe(PROOFME_LABELS_EN.handheld.scanned);
  });

  it('keeps a phone line the same layer gives', () => {
    const labels = mergeLabels(PROOFME_LABELS_EN, { status: { ready: 'Scannen Sie den Code.' }, handheld: { ready: 'Öffnen Sie die App.' } });
    expect(labels.handheld.ready).toBe('Öffnen Sie die App.');
  });

  it('takes a whole bundled language, phone lines included', () => {
    const labels = mergeLabels(PROOFME_LABELS_EN, PROOFME_LABELS_NL);
    expect(labels.handheld).toEqual(PROOFME_LABELS_NL.handheld);
    expect(labels.status).toEqual(PROOFME_LABELS_NL.status);
  });
});
