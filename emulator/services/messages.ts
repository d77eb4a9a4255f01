/**
 * The exact texts Apps Script shows, in one place. Where the text is documented the source is
 * given; "community" means seen in real runs / public code (../shared/APPS_SCRIPT_FACTS.md);
 * "emulator" means Google documents no text and the emulator chose one.
 */
import type { AuthModeName } from '../context';

/** JavaScript's ToString, as Apps Script applies it to an argument it takes as a string. */
export function toText(v: unknown): string {
  return String(v);
}

/** Community (gas-fakes, real runs): LockService waitLock timeout. */
export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

/** Documented for custom functions (the cell note of the #ERROR! cell). */
export const CUSTOM_FUNCTION_TIMEOUT = 'Exceeded maximum execution time (line 0).';

/** Community: the 6-minute (and 30 s simple-trigger) limit. */
export const EXECUTION_TIMEOUT = 'Exceeded maximum execution time';

/** Community: Properties store over 500 KB. */
export const PROPERTY_QUOTA =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

/** Community: a Properties value over 9 KB or a Cache value over 100 KB. */
export const ARGUMENT_TOO_LARGE = (what: string): string => `Argument too large: ${what}`;

/** Community: SpreadsheetApp.getUi() where there is no UI (custom functions). */
export const NO_UI_CONTEXT = 'Cannot call SpreadsheetApp.getUi() from this context.';

/** Community: clicking a menu item whose function does not exist. */
export const SCRIPT_FUNCTION_NOT_FOUND = (name: string): string =>
  `Script function not found: ${name}`;

/** Community: a missing HTML file (HtmlService.createHtmlOutputFromFile / createTemplateFromFile). */
export const NO_HTML_FILE = (name: string): string => `No HTML file named ${name} was found.`;

/**
 * Community: a service call the authorization mode does not allow, e.g.
 * `You do not have permission to call Ui.showSidebar. Required permissions:
 * https://www.googleapis.com/auth/script.container.ui`.
 */
export function permissionDenied(what: string, scope?: string): Error {
  return new Error(
    `You do not have permission to call ${what}.${scope ? ` Required permissions: ${scope}` : ''}`,
  );
}

export const UI_SCOPE = 'https://www.googleapis.com/auth/script.container.ui';

/** Community: the overload check Apps Script makes on every service method. */
export function signatureMismatch(method: string, args: readonly unknown[]): Error {
  const types = args.map(javaTypeName).join(',');
  return new Error(`The parameters (${types}) don't match the method signature for ${method}.`);
}

function javaTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) return 'number[]';
  if (Object.prototype.toString.call(v) === '[object Date]') return 'Date';
  return 'Object';
}

/** Throws a permission error unless the execution's mode is one of `allowed`. */
export function requireMode(
  mode: AuthModeName,
  allowed: readonly AuthModeName[],
  what: string,
  scope?: string,
): void {
  if (!allowed.includes(mode)) throw permissionDenied(what, scope);
}

/** Every mode but NONE (documented: in NONE only menus, Logger and Utilities work). */
export const NOT_NONE: readonly AuthModeName[] = ['LIMITED', 'FULL', 'CUSTOM_FUNCTION'];
