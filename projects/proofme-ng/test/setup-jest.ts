import 'jest-canvas-mock';
import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

// jsdom has no object URLs; angularx-qrcode asks for one when it renders to an image.
URL.createObjectURL ??= () => 'blob:proofme-test';
URL.revokeObjectURL ??= () => undefined;

setupZonelessTestEnv();
