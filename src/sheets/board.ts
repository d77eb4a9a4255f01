/**
 * The governance board (Settings → Board members): who may change a project's Status or Selected,
 * or the scoring model, through the add-on. Checked on the server at write time (inside
 * runAction, after a fresh read of Settings), never trusted from a page: a sidebar only shows the
 * answer. When Settings names no board, any editor may.
 */
import { matchKey } from '../core/keys';
import type { ActionContext } from './action';
import { SheetError } from './problems';
import { SETTINGS } from './schema';
import type { Services } from './services';
import { readSettings } from './settings';
import type { ReadOptions } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface BoardCheck {
  readonly ok: boolean;
  /** Why, in a sentence the page can show. */
  readonly why: string;
}

/**
 * Whether the user running the script may `what` ("record decisions", "commit a scenario"):
 * yes when Settings names no board members, else only when their email is one of them
 * (compared ignoring case and spaces). Reads Settings afresh.
 */
export function boardCheck(
  ss: Spreadsheet,
  opts: ReadOptions,
  services: Services,
  what: string,
): BoardCheck {
  const { settings } = readSettings(ss.getSheetByName(SETTINGS.name), opts);
  const board = settings.boardMembers;
  if (board.length === 0)
    return { ok: true, why: `Settings names no board members, so any editor may ${what}.` };
  const email = services.session.getActiveUser().getEmail();
  if (email && board.some((b) => matchKey(b) === matchKey(email)))
    return { ok: true, why: 'You are a board member (Settings → Board members).' };
  return {
    ok: false,
    why: `Only the board members named in Settings (${board.join(', ')}) may ${what}${email ? '' : ', and Google does not share your email with the add-on'}.`,
  };
}

/** Throws (nothing written) unless the user may `what`: call it inside runAction, before any write. */
export function requireBoard(ctx: ActionContext, what: string): void {
  const check = boardCheck(ctx.ss, ctx, ctx.services, what);
  if (!check.ok) throw new SheetError(check.why);
}
