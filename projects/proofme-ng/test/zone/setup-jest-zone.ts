import 'jest-canvas-mock';
import { setupZoneTestEnv } from 'jest-preset-angular/setup-env/zone';

// jsdom has no object URLs; angularx-qrcode asks for one when it renders to an image.
URL.createObjectURL ??= () => 'blob:proofme-test';
URL.revokeObjectURL ??= () => undefined;

setupZoneTestEnv();
