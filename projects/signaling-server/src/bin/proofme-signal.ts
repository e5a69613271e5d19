#!/usr/bin/env node
// `npm run signal` / `proofme-signal`: the self-hostable signaling server. SIGTERM/SIGINT: stop
// accepting, close every socket with 1001, exit 0. Bad configuration: a one-line message, exit 2.
import { SignalingConfigError } from '../server/options';
import { startSignalingServer } from '../server/signaling-server';
import { parseSignalCli, signalUsage } from './signal-cli-options';

async function main(): Promise<void> {
  const options = parseSignalCli(process.argv.slice(2), process.env);
  if (options === 'help') {
    console.log(signalUsage());
    return;
  }
  const server = await startSignalingServer(options);
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('proofme-signal: shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  if (error instanceof SignalingConfigError) {
    console.error(`proofme-signal: invalid configuration: ${error.message}`);
    process.exit(2);
  }
  console.error('proofme-signal: failed to start:', error);
  process.exit(1);
});
