import { describe, expect, it } from 'vitest';
import { declare, dispute } from './testEvents.ts';
import { isDay, parseTimeEvent, timeEventSigningPayload } from './timeEvents.ts';

describe('time events', () => {
  it('TIME-1 parses a well-formed declaration, normalising its text', () => {
    const raw = { ...declare('ev000001', 'anaUser1'), subject: '  Web   site ', name: ' Ana ' };
    expect(parseTimeEvent({ ...raw, kid: 'x', sig: 'y', extra: 1 })).toEqual({
      ...declare('ev000001', 'anaUser1'),
      subject: 'Web site',
      name: 'Ana',
    });
  });

  it('TIME-1 keeps the id of the role or proposal worked on, and only when given', () => {
    const withRole = {
      ...declare('ev000001', 'anaUser1', { kind: 'role' }),
      subjectId: 'role0001',
    };
    expect(parseTimeEvent(withRole)).toEqual(withRole);
    expect(parseTimeEvent(declare('ev000001', 'anaUser1'))).not.toHaveProperty('subjectId');
  });

  it('TIME-1 refuses malformed events', () => {
    const good = declare('ev000001', 'anaUser1');
    const bad: unknown[] = [
      null,
      [],
      { ...good, type: 'time.steal' },
      { ...good, id: '../x' },
      { ...good, by: '' },
      { ...good, at: -1 },
      { ...good, at: Number.NaN },
      { ...good, minutes: 0 },
      { ...good, minutes: 1441 },
      { ...good, minutes: 1.5 },
      { ...good, minutes: '60' },
      { ...good, workedOn: '2026-02-30' },
      { ...good, workedOn: '1999-12-31' },
      { ...good, workedOn: '2026-3-1' },
      { ...good, kind: 'holiday' },
      { ...good, circleId: 'no spaces' },
      { ...good, subject: '   ' },
      { ...good, subject: 'x'.repeat(5000) },
      { ...good, note: 3 },
      { ...good, subjectId: 'not an id' },
      { ...good, subjectId: 7 },
      { ...good, name: 4 },
      { ...dispute('ev000002', 'benUser1', 'ev000001'), reason: '  ' },
      { ...dispute('ev000002', 'benUser1', 'ev000001'), entryId: undefined },
      { id: 'ev000003', type: 'time.confirm', by: 'benUser1', at: 1, name: 'B' },
    ];
    for (const raw of bad) expect(parseTimeEvent(raw), JSON.stringify(raw)).toBeNull();
  });

  it('TIME-1 knows real calendar days only', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
  });

  it('TIME-2 signs the canonical JSON of the event, its key id and the space room', () => {
    const event = declare('ev000001', 'anaUser1');
    const text = new TextDecoder().decode(
      timeEventSigningPayload('sp000001/space/sp000001', 'kid', {
        ...event,
        kid: 'k',
        sig: 's',
      } as never),
    );
    expect(text.startsWith('{"event":{"at":1000,"by":"anaUser1","circleId":"circle01"')).toBe(true);
    expect(text.endsWith('},"kid":"kid","room":"sp000001/space/sp000001"}')).toBe(true);
    expect(text).not.toContain('"sig"');
    const other = timeEventSigningPayload('sp000002/space/sp000002', 'kid', event);
    expect(new TextDecoder().decode(other)).not.toBe(text);
    const changed = timeEventSigningPayload('sp000001/space/sp000001', 'kid', {
      ...event,
      minutes: 91,
    } as never);
    expect(new TextDecoder().decode(changed)).not.toBe(text);
  });
});
