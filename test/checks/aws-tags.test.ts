import { describe, expect, it } from 'vitest';
import { checkAwsTags, MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS_PER_RESOURCE } from '../../lib/checks/aws-tags';

const OWN = ['fleetform:fleet', 'fleetform:cluster'];

describe('checkAwsTags', () => {
  it('exports the limits AWS documents', () => {
    expect([MAX_TAGS_PER_RESOURCE, MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH]).toEqual([50, 128, 256]);
  });

  it('accepts letters and digits of any script, spaces, the allowed symbols and empty values', () => {
    const tags = { team: 'payments', 'cost-center': '4711', 'owner@example': 'a.b_c:d/e=f+g-h@i', Größe: 'groß', 名前: '値 1', empty: '', 'x y': 'z\u00a0w' };
    expect(checkAwsTags(tags, 'tags', { reservedKeys: OWN })).toEqual([]);
  });

  it('accepts keys and values at the length limits, counting Unicode characters', () => {
    const tags = { ['k'.repeat(128)]: 'v'.repeat(256), ['\u{20000}'.repeat(128)]: '\u{20000}'.repeat(256) };
    expect(checkAwsTags(tags, 'tags')).toEqual([]);
    expect(checkAwsTags({ ['\u{20000}'.repeat(129)]: '' }, 'tags')).toEqual([`tags key "${'\u{20000}'.repeat(129)}" is 129 characters long; AWS allows at most 128, so shorten it`]);
  });

  it.each<[unknown, string]>([
    [null, 'tags must be an object of tag keys to string values, such as { team: "payments" }, not null'],
    [['team'], 'tags must be an object of tag keys to string values, such as { team: "payments" }, not an array'],
    [new Map([['team', 'x']]), 'tags must be an object of tag keys to string values, such as { team: "payments" }, not a Map'],
  ])('refuses %j, which is not a plain object', (tags, message) => {
    expect(checkAwsTags(tags, 'tags')).toEqual([message]);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ '': 'x' }, 'tags has a tag with an empty key; give it a key of 1 to 128 characters'],
    [{ ['k'.repeat(129)]: 'x' }, `tags key "${'k'.repeat(129)}" is 129 characters long; AWS allows at most 128, so shorten it`],
    [{ team: 'v'.repeat(257) }, 'tags "team" has a value of 257 characters; AWS allows at most 256, so shorten it'],
    [{ 'team#1': 'x' }, 'tags key "team#1" has "#", which AWS does not allow in tags; use only letters, digits, spaces and _ . : / = + - @'],
    [{ 'happy😀': 'x' }, 'tags key "happy😀" has "😀", which AWS does not allow in tags; use only letters, digits, spaces and _ . : / = + - @'],
    [{ 'a*b?c*': 'x' }, 'tags key "a*b?c*" has "*", "?", which AWS does not allow in tags; use only letters, digits, spaces and _ . : / = + - @'],
    [{ team: 'pay,ments' }, 'tags "team" has the value "pay,ments", with ",", which AWS does not allow in tags; use only letters, digits, spaces and _ . : / = + - @'],
    [{ team: 'line\nbreak' }, 'tags "team" has the value "line\\nbreak", with "\\n", which AWS does not allow in tags; use only letters, digits, spaces and _ . : / = + - @'],
    [{ 'aws:team': 'x' }, 'tags key "aws:team" starts with "aws:", which AWS reserves for its own tags; drop the prefix, such as "team"'],
    [{ 'AwS:team': 'x' }, 'tags key "AwS:team" starts with "AwS:", which AWS reserves for its own tags; drop the prefix, such as "team"'],
    [{ 'fleetform:cluster': 'mine' }, 'tags key "fleetform:cluster" is a tag fleetform sets itself on every resource; use another key'],
    [{ retries: 3 }, 'tags "retries" has the number 3 as its value; tag values are strings; write it as a string: "3"'],
    [{ enabled: true }, 'tags "enabled" has the boolean true as its value; tag values are strings; write it as a string: "true"'],
    [{ owner: null }, 'tags "owner" has null as its value; tag values are strings; give a string, or "" for an empty value'],
  ])('refuses %j', (tags, message) => {
    expect(checkAwsTags(tags, 'tags', { reservedKeys: OWN })).toEqual([message]);
  });

  it('reports every problem of a tag', () => {
    expect(checkAwsTags({ 'aws:#': 'x' }, 'tags')).toEqual([
      'tags key "aws:#" has "#", which AWS does not allow in tags; use only letters, digits, spaces and _ . : / = + - @',
      'tags key "aws:#" starts with "aws:", which AWS reserves for its own tags; drop the prefix, such as "#"',
    ]);
  });

  it('counts the tags fleetform adds towards the 50 a resource can hold', () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`tag${i}`, 'x']));
    expect(checkAwsTags(tags(50), 'tags')).toEqual([]);
    expect(checkAwsTags(tags(48), 'tags', { reservedKeys: OWN })).toEqual([]);
    expect(checkAwsTags(tags(49), 'tags', { reservedKeys: OWN })).toEqual([
      'tags puts 51 tags on each resource with the 2 fleetform adds ("fleetform:fleet", "fleetform:cluster"); AWS allows at most 50, so remove 1',
    ]);
    expect(checkAwsTags(tags(53), 'tags')).toEqual(['tags puts 53 tags on each resource; AWS allows at most 50, so remove 3']);
  });
});
