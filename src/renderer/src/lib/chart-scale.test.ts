import { describe, expect, it } from 'vitest';
import { linear, niceCeiling, valueTicks } from './chart-scale.ts';
import { agoShort, formatSpan, formatUptime } from './environment-look.ts';

describe('chart scale', () => {
  it('rounds the top of an axis up to a nice number', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(12)).toBe(20);
    expect(niceCeiling(230)).toBe(250);
    expect(niceCeiling(260)).toBe(500);
    expect(valueTicks(230)).toEqual([0, 100, 200, 300]);
    expect(valueTicks(180)).toEqual([0, 50, 100, 150, 200]);
    expect(valueTicks(3.4)).toEqual([0, 1, 2, 3, 4]);
    expect(valueTicks(0)).toEqual([0, 0.5, 1]);
  });

  it('maps a domain onto a range, also upside down', () => {
    const y = linear(0, 100, 200, 0);
    expect(y(0)).toBe(200);
    expect(y(50)).toBe(100);
  });
});

describe('environment words', () => {
  it('says how long ago to the second while recent', () => {
    expect(agoShort(10_000, 10_400)).toBe('just now');
    expect(agoShort(0, 12_900)).toBe('12 s ago');
    expect(agoShort(0, 5 * 60_000)).toBe('5 min ago');
  });

  it('never rounds a partial outage up to 100 %', () => {
    expect(formatUptime(0.99999)).toBe('99.99 %');
    expect(formatUptime(1)).toBe('100 %');
    expect(formatUptime(null)).toBe('—');
  });

  it('says how long an incident lasted', () => {
    expect(formatSpan(45_000)).toBe('45 s');
    expect(formatSpan(3 * 3_600_000 + 20 * 60_000)).toBe('3 h 20 min');
    expect(formatSpan(50 * 3_600_000)).toBe('2 d 2 h');
  });
});
