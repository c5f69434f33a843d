// RFC 6901 pointers and JSON equality, including the escapes and the examples of the RFC.
import { describe, expect, it } from 'vitest';
import { jsonEqual, resolvePointer } from './json-pointer.ts';

const rfc = {
  foo: ['bar', 'baz'],
  '': 0,
  'a/b': 1,
  'c%d': 2,
  'e^f': 3,
  'g|h': 4,
  'i\\j': 5,
  'k"l': 6,
  ' ': 7,
  'm~n': 8,
};

describe('resolvePointer', () => {
  it.each([
    ['', rfc],
    ['/foo', ['bar', 'baz']],
    ['/foo/0', 'bar'],
    ['/', 0],
    ['/a~1b', 1],
    ['/c%d', 2],
    ['/e^f', 3],
    ['/g|h', 4],
    ['/i\\j', 5],
    ['/k"l', 6],
    ['/ ', 7],
    ['/m~0n', 8],
  ])('resolves the RFC example %j', (pointer, value) => {
    expect(resolvePointer(rfc, pointer)).toEqual({ found: true, value });
  });

  it('does not find what is not there', () => {
    for (const pointer of ['/nope', '/foo/2', '/foo/-', '/foo/01', '/foo/bar', '/foo/0/x', 'foo']) {
      expect(resolvePointer(rfc, pointer)).toEqual({ found: false });
    }
    expect(resolvePointer({ a: null }, '/a')).toEqual({ found: true, value: null });
    expect(resolvePointer({}, '/constructor')).toEqual({ found: false });
  });
});

describe('jsonEqual', () => {
  it('compares structurally', () => {
    expect(jsonEqual({ a: [1, { b: 'c' }], d: null }, { d: null, a: [1, { b: 'c' }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual('1', 1)).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});
