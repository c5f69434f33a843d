import { describe, expect, it } from 'vitest';
import {
  bandScale,
  countTicks,
  durationTicks,
  labelStride,
  linear,
  niceCeiling,
  percentTicks,
  valueTicks,
} from './chart-scale.ts';
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

describe('insights chart scales', () => {
  it('lays bars out in equal slots, centred, with a gap and a maximum width', () => {
    const bars = bandScale(4, 0, 400, 0.5);
    expect(bars.slot).toBe(100);
    expect(bars.width).toBe(48);
    expect(bars.x(0)).toBe(26);
    expect(bars.center(1)).toBe(150);
    expect(bandScale(10, 0, 200, 0.2).width).toBe(16);
    expect(bandScale(0, 0, 200).slot).toBe(0);
  });

  it('ticks counts in whole numbers', () => {
    expect(countTicks(0).map((tick) => tick.value)).toEqual([0, 1]);
    expect(countTicks(3).map((tick) => tick.value)).toEqual([0, 1, 2, 3]);
    expect(countTicks(7).map((tick) => tick.value)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(230).map((tick) => tick.label)).toEqual(['0', '100', '200', '300']);
  });

  it('ticks durations in the unit the top value reaches', () => {
    expect(durationTicks(403).map((tick) => tick.label)).toEqual(['0', '200 ms', '400 ms', '600 ms']);
    expect(durationTicks(1_126).map((tick) => tick.label)).toEqual(['0', '0.5 s', '1 s', '1.5 s']);
    expect(durationTicks(3 * 86_400_000).map((tick) => tick.label)).toEqual(['0', '1 d', '2 d', '3 d']);
    expect(durationTicks(90 * 60_000).at(-1)).toEqual({ value: 1.5 * 3_600_000, label: '1.5 h' });
    // Nothing to draw still gets an axis.
    expect(durationTicks(0).map((tick) => tick.label)).toEqual(['0', '10 min', '20 min', '30 min', '40 min']);
  });

  it('ticks shares as percentages, from at least 10 % up to at most 100 %', () => {
    expect(percentTicks(0).map((tick) => tick.label)).toEqual(['0 %', '5 %', '10 %']);
    expect(percentTicks(0.33).map((tick) => tick.label)).toEqual(['0 %', '20 %', '40 %', '60 %']);
    expect(percentTicks(1).at(-1)).toEqual({ value: 1, label: '100 %' });
  });

  it('thins axis labels so they never overlap', () => {
    expect(labelStride(5, 500, 56)).toBe(1);
    expect(labelStride(13, 400, 56)).toBe(2);
    expect(labelStride(90, 400, 56)).toBe(13);
    expect(labelStride(1, 10, 56)).toBe(1);
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
