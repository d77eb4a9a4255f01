import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { undoAction } from '../../src/menu/actions/basic';
import type { ActionContext } from '../../src/sheets/action';

type Row = (string | number)[];

/**
 * A workbook with only the undo journal (rows as saveRecord writes them) and the sheets its
 * records created; just what undoLast calls.
 */
function workbook(journal: Row[], sheets: string[]) {
  const deleted: string[] = [];
  const sheet = (name: string) => ({ getName: () => name });
  const undo = {
    getDataRange: () => ({
      getValues: () => [['Record', 'Time', 'User', 'Action', 'Part', 'Parts', 'Data'], ...journal],
    }),
    deleteRows: () => undefined,
  };
  const ss = {
    getSheetByName: (name: string) =>
      name === '_Undo' ? undo : sheets.includes(name) ? sheet(name) : null,
    deleteSheet: (s: { getName(): string }) => deleted.push(s.getName()),
  };
  return { ss, deleted };
}

/** The document properties, where saveRecord seals each record (SHA-256 of its id and JSON). */
const seals = new Map<string, string>();

function record(id: string, user: string, action: string, created: string): Row {
  const json = JSON.stringify({
    action,
    user,
    time: '2027-01-05T10:00:00.000Z',
    changes: [],
    created: [created],
  });
  seals.set(`pp.undo.${id}`, createHash('sha256').update(`${id}\n${json}`).digest('hex'));
  return [id, '2027-01-05T10:00:00.000Z', user, action, 1, 1, `~${json}`];
}

/** Just the services the journal's seal uses. */
const services = {
  session: { getActiveUser: () => ({ getEmail: () => '' }) },
  propertiesService: {
    getDocumentProperties: () => ({
      getProperty: (k: string) => seals.get(k) ?? null,
      deleteProperty: (k: string) => seals.delete(k),
    }),
  },
  utilities: {
    DigestAlgorithm: { SHA_256: 'SHA_256' },
    Charset: { UTF_8: 'UTF_8' },
    computeDigest: (_: string, text: string) => [...createHash('sha256').update(text).digest()],
  },
};

describe('Undo last action when Google hides the email', () => {
  it("undoes this user's own action (recorded under their anonymous key), not someone else's later one", () => {
    // Both users' records carry currentUser(): the anonymous key when the email is hidden.
    const { ss, deleted } = workbook(
      [
        record('a', 'user aaaa1111', 'Check capacity', 'Utilization'),
        record('b', 'user bbbb2222', 'Find overlaps', 'Overlaps'),
      ],
      ['Utilization', 'Overlaps'],
    );
    const ctx = {
      ss,
      user: 'user aaaa1111',
      services,
    } as unknown as ActionContext;
    const result = undoAction(ctx);
    expect(result.toast).toMatch(/^Undid "Check capacity"/);
    expect(deleted).toEqual(['Utilization']);
  });
});
