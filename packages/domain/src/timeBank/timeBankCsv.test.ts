import { describe, expect, it } from 'vitest';
import { timeBalances } from './balances.ts';
import { foldTimeLog } from './foldTimeLog.ts';
import { amend, ANCHOR_ROSTER, confirm, declare, dispute } from './testEvents.ts';
import {
  csvField,
  TIME_CSV_HEADER,
  TIME_ENTRIES_CSV_HEADER,
  timeBankCsv,
  timeEntriesCsv,
} from './timeBankCsv.ts';

describe('time bank CSV', () => {
  it('TIME-10 quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(90)).toBe('90');
  });

  it('TIME-10 has a header, a row per person then per circle, hours as decimals and minutes', () => {
    const { entries } = foldTimeLog(
      [
        { ...declare('e1000001', 'anaUser1', { minutes: 90 }), name: 'Ana, "the" =boss' },
        declare('e1000002', 'benUser1', { minutes: 25 }),
        confirm('c1000001', 'benUser1', 'e1000001'),
      ],
      ANCHOR_ROSTER,
    );
    const period = { from: '2026-03-01', to: null };
    const csv = timeBankCsv(
      timeBalances({ entries, participation: [], period }),
      period,
      (id) => `Circle ${id}`,
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(TIME_CSV_HEADER.join(','));
    expect(lines[1]).toBe(
      'person,anaUser1,"Ana, ""the"" =boss",2026-03-01,,0.00,0,0.00,0,1.50,90,0.00,0,0.00,0,1.50,90',
    );
    expect(lines[2]).toBe(
      'person,benUser1,BENUSER1,2026-03-01,,0.00,0,0.00,0,0.00,0,0.42,25,0.00,0,0.00,0',
    );
    expect(lines[3]).toBe(
      'circle,circle01,Circle circle01,2026-03-01,,0.00,0,0.00,0,1.50,90,0.42,25,0.00,0,1.50,90',
    );
    expect(lines[4]).toBe('');
    expect(lines).toHaveLength(5);
  });

  it('TIME-13 the entries as CSV: one row each with status, confirmer, last dispute and its reason', () => {
    const T = Date.UTC(2026, 2, 10, 9, 30);
    const { entries } = foldTimeLog(
      [
        declare('e1000001', 'anaUser1', { minutes: 90, subject: 'Site, v2' }, T),
        declare('e1000002', 'benUser1', { minutes: 25, kind: 'commons', note: '=cmd' }, T + 1000),
        declare('e1000003', 'anaUser1', { minutes: 600, workedOn: '2026-03-11' }, T + 2000),
        confirm('c1000001', 'benUser1', 'e1000001', T + 60_000),
        dispute('d1000001', 'anaUser1', 'e1000002', 'It was "one" hour\nat most', T + 61_000),
        dispute('d1000002', 'benUser1', 'e1000003', 'too long', T + 62_000),
        amend(
          'a1000001',
          'anaUser1',
          'e1000003',
          { minutes: 300, workedOn: '2026-03-11' },
          T + 63_000,
        ),
      ],
      ANCHOR_ROSTER,
    );
    const csv = timeEntriesCsv(entries, (id) => `Circle ${id}`);
    expect(csv.split('\r\n')).toEqual([
      TIME_ENTRIES_CSV_HEADER.join(','),
      'e1000001,2026-03-10,anaUser1,ANAUSER1,1.50,90,project,"Site, v2",circle01,Circle circle01,confirmed,benUser1,BENUSER1,2026-03-10T09:31:00Z,0,,,,,0,2026-03-10T09:30:00Z,',
      'e1000002,2026-03-10,benUser1,BENUSER1,0.42,25,commons,Website,circle01,Circle circle01,disputed,,,,1,anaUser1,ANAUSER1,2026-03-10T09:31:01Z,"It was ""one"" hour at most",0,2026-03-10T09:30:01Z,\'=cmd',
      'e1000003,2026-03-11,anaUser1,ANAUSER1,5.00,300,project,Website,circle01,Circle circle01,pending,,,,1,benUser1,BENUSER1,2026-03-10T09:31:02Z,too long,1,2026-03-10T09:30:02Z,',
      '',
    ]);
  });
});
