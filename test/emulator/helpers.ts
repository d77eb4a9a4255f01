/** Shared set-up for the services tests: a world and one execution's services, typed. */
import { Clock } from '../../emulator/clock';
import type { AuthModeName } from '../../emulator/context';
import { APPS_SCRIPT_LIMITS, World, type ExecutionRecord } from '../../emulator/world';

export interface Globals {
  readonly SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  readonly PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  readonly CacheService: GoogleAppsScript.Cache.CacheService;
  readonly LockService: GoogleAppsScript.Lock.LockService;
  readonly Session: GoogleAppsScript.Base.Session;
  readonly Utilities: GoogleAppsScript.Utilities.Utilities;
  readonly Logger: GoogleAppsScript.Base.Logger;
  readonly ScriptApp: GoogleAppsScript.Script.ScriptApp;
}

export const OWNER = 'owner@example.com';

export function makeWorld(clock = new Clock()): World {
  return new World({
    clock,
    owner: OWNER,
    addonName: 'Portfolio Pilot',
    scriptTimeZone: 'America/New_York',
    scriptId: 'script-1',
    limits: APPS_SCRIPT_LIMITS,
  });
}

export interface Opened {
  readonly exec: ExecutionRecord;
  readonly g: Globals;
}

/** One execution of `account` in `authMode`, with its service globals. */
export function open(
  world: World,
  account = 'ana@example.com',
  authMode: AuthModeName = 'FULL',
  canBlock = false,
): Opened {
  const exec = world.begin({
    account,
    locale: 'en',
    authMode,
    kind: authMode === 'CUSTOM_FUNCTION' ? 'customFunction' : 'run',
    fn: 'test',
    canBlock,
  });
  return { exec, g: world.services(exec) as unknown as Globals };
}
