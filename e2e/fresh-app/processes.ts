// The fresh-app check's child processes: the shared helpers in tools/processes.ts (bench/ uses the
// same ones), under the names the stages import.
export { childEnv, runLogged as run, start, stop, stopAll, streamOutput } from '../../tools/processes';
