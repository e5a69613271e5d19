#!/usr/bin/env node
// `npm run phone -- <deeplink> [--result success|failure|leave|none] [--delay ms] [--message text]`:
// plays a Proofme phone against any V2-compatible signaling server (the `result` frame is this
// simulator's extension, see the README).
import { parseArgs } from 'node:util';
import { PhoneSimulatorError } from '../phone/phone-errors';
import { PhoneScenario, simulatePhone } from '../phone/simulate-phone';

const SCENARIOS: readonly PhoneScenario[] = ['success', 'failure', 'leave', 'none'];
const USAGE = `Usage: proofme-phone <deeplink> [--result ${SCENARIOS.join('|')}] [--delay ms] [--message text] [--timeout ms]`;

function fail(message: string, code = 2): never {
  console.error(`proofme-phone: ${message}`);
  process.exit(code);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      result: { type: 'string', default: 'success' },
      delay: { type: 'string', default: '0' },
      message: { type: 'string' },
      timeout: { type: 'string', default: '10000' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const [deeplink] = positionals;
  if (!deeplink || positionals.length > 1) fail(`give exactly one deeplink.\n${USAGE}`);
  const result = values.result as PhoneScenario;
  if (!SCENARIOS.includes(result)) fail(`--result must be one of ${SCENARIOS.join(', ')}.`);
  const [delayMs, joinTimeoutMs] = [values.delay, values.timeout].map(Number);
  if (!Number.isInteger(delayMs) || delayMs < 0 || !Number.isInteger(joinTimeoutMs) || joinTimeoutMs <= 0) fail('--delay and --timeout take milliseconds.');

  const run = await simulatePhone(deeplink, { result, delayMs, joinTimeoutMs, message: values.message });
  console.log(`joined channel ${run.client.channelId} (${run.client.message}); played "${result}"`);
  if (run.closed) return void console.log(`closed ${run.closed.code}${run.closed.reason ? ` ${run.closed.reason}` : ''}`);
  console.log('staying joined; Ctrl-C to leave');
  const leave = (): void => void run.phone.close().then(() => process.exit(0));
  process.once('SIGINT', leave);
  process.once('SIGTERM', leave);
}

main().catch((error: unknown) => {
  if (error instanceof PhoneSimulatorError) fail(`${error.code}: ${error.message}`, 1);
  fail(error instanceof Error ? error.message : String(error), 1);
});
