// Public API of the signaling server and the phone simulator (programmatic use: tests, the demo's `npm start`).
export { startSignalingServer } from './server/signaling-server';
export type { RunningSignalingServer } from './server/signaling-server';
export { DEFAULT_SIGNALING_OPTIONS, SignalingConfigError } from './server/options';
export type { SignalingServerOptions } from './server/options';
export type { SignalingMetricsSnapshot, RejectedFrameReason, RefusedUpgradeReason } from './server/metrics';
export { CLOSE, REFUSE_STATUS } from './server/close-codes';
export type { ClientMessage, IceServer } from './server/outbound-messages';
export { MAX_RESULT_MESSAGE_LENGTH } from './server/inbound-frame';
export { clientTurnCredentials, turnCredential } from './turn-credentials';
export type { TurnCredentials } from './turn-credentials';
export { PhoneSimulator } from './phone/phone-simulator';
export type { PhoneSimulatorOptions } from './phone/phone-simulator';
export { simulatePhone } from './phone/simulate-phone';
export type { PhoneRun, PhoneScenario, SimulatePhoneOptions } from './phone/simulate-phone';
export { PhoneSimulatorError } from './phone/phone-errors';
export type { PhoneSimulatorErrorCode } from './phone/phone-errors';
export { connectTestHost } from './testing/test-host';
export type { TestHost } from './testing/test-host';
