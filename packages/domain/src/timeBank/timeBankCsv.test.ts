import { describe, expect, it } from 'vitest';
import { timeBalances } from './balances.ts';
import { foldTimeLog } from './foldTimeLog.ts';
import { confirm, declare } from './testEvents.ts';
import { csvField, TIME_CSV_HEADER, timeBankCsv } from './timeBankCsv.ts';

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
    const { entries } = foldTimeLog([
      { ...declare('e1000001', 'anaUser1', { minutes: 90 }), name: 'Ana, "the" =boss' },
      declare('e1000002', 'benUser1', { minutes: 25 }),
      confirm('c1000001', 'benUser1', 'e1000001'),
    ]);
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
});
