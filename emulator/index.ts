/**
 * The emulator's public API: the runtime and the services, the spreadsheet half
 * (emulator/spreadsheet) and createHarness, which wires the two together.
 */
export {
  Emulator,
  UnknownFunctionError,
  UserSession,
  type ConcurrentOptions,
  type ConcurrentRun,
  type EmulatorOptions,
  type ExecutionReport,
} from './runtime';
export {
  APPS_SCRIPT_LIMITS,
  type ExecutionKind,
  type Limits,
  type SpreadsheetBackend,
  type WorkbookLike,
} from './world';
export { Clock, type ClockOptions } from './clock';
export type { CallEvent, Pause, Point } from './rpc/schedule';
export { CallCounter, instrument, serviceNameOf, type ExecutionContext } from './context';
export { loadBundle, CODE_JS, type LoadedBundle } from './bundle';
export { Button, ButtonSet, AuthMode } from './services/enums';
export type { DialogRecord, RecordedMenu, RecordedMenuEntry, ShownHtml } from './services/ui';
export * as messages from './services/messages';
export * from './spreadsheet';
export { createHarness, spreadsheetBackend, type Harness, type HarnessOptions } from './harness';
export {
  createLinearOptimizationService,
  loadLinearOptimizationService,
} from './services/linear-optimization';
