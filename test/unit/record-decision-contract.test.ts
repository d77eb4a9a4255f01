/**
 * The Record decision page's side of its contract: what it sends, what it refuses to send, and
 * that an answer outside the contract is caught (a fake runner stands in for google.script.run).
 */
import { describe, expect, it } from 'vitest';
import { BridgeError, connect, type Runner } from '../../src/ui/kit/client/bridge';
import { decisionContract, REASON_MAX } from '../../src/ui/record-decision/contract';

function fake(answer: unknown): { runner: Runner; calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    runner: (fn, args) => {
      calls.push([fn, ...args]);
      return Promise.resolve(answer);
    },
  };
}

const view = {
  id: 'P03',
  name: 'Outbound SDR sprint',
  owner: 'Priya Nair',
  status: 'Proposed',
  options: [{ decision: 'approve', label: 'Approve', to: 'Approved', allowed: true, why: '' }],
  nextSteps: 'From Proposed the stage flow allows: In review.',
  recent: [],
  canDecide: true,
  who: 'Settings names no board members, so any editor may decide.',
};

describe('Record decision page ↔ add-on', () => {
  it('loads the selected project (null) or a project by ID', async () => {
    const { runner, calls } = fake({ ok: true, value: view });
    const api = connect('record-decision', decisionContract, runner);
    expect(await api.load(null)).toEqual(view);
    await api.load({ id: 'P03' });
    expect(calls).toEqual([
      ['uiCall', 'record-decision.load', null],
      ['uiCall', 'record-decision.load', { id: 'P03' }],
    ]);
  });

  it('refuses to send a decision without a pick or a reason, naming the field', async () => {
    const { runner, calls } = fake({ ok: true, value: { message: 'ok' } });
    const api = connect('record-decision', decisionContract, runner);
    const refused = async (input: unknown): Promise<BridgeError> => {
      try {
        await api.decide(input as Parameters<typeof api.decide>[0]);
      } catch (e) {
        if (e instanceof BridgeError) return e;
        throw e;
      }
      throw new Error('sent');
    };
    const none = await refused({ id: 'P03', status: 'Proposed', decision: null, reason: 'x' });
    expect(none.issues).toEqual([{ path: ['decision'], message: 'Pick a decision.' }]);
    const blank = await refused({
      id: 'P03',
      status: 'Proposed',
      decision: 'approve',
      reason: ' ',
    });
    expect(blank.issues[0]?.path).toEqual(['reason']);
    const long = await refused({
      id: 'P03',
      status: 'Proposed',
      decision: 'approve',
      reason: 'x'.repeat(REASON_MAX + 1),
    });
    expect(long.issues[0]?.message).toBe('Keep the reason to 1000 characters or fewer.');
    expect(calls).toEqual([]);
    expect(
      await api.decide({ id: 'P03', status: 'Proposed', decision: 'approve', reason: 'Go' }),
    ).toEqual({ message: 'ok' });
    expect(calls).toHaveLength(1);
  });

  it('catches an answer that breaks the contract', async () => {
    const api = connect(
      'record-decision',
      decisionContract,
      fake({ ok: true, value: { id: 3 } }).runner,
    );
    await expect(api.load(null)).rejects.toMatchObject({ kind: 'contract' });
  });
});
