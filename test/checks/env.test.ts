import { describe, expect, it } from 'vitest';
import { checkEnvValues } from '../../lib/checks/env';
import { toYaml } from '../../lib/synth/yaml';

describe('checkEnvValues', () => {
  it('accepts valid names and any string value', () => {
    const env = { LOG_LEVEL: 'info', 'my.env-name': '0o17', _x: '', MyEnvName1: 'yes', '-dash': 'line\u2028two', '.hidden': '\ufeff\x7f' };
    expect(checkEnvValues(env, 'env')).toEqual([]);
  });

  it.each<[unknown, string]>([
    [undefined, 'env must be an object of variable names to string values, such as { LOG_LEVEL: "info" }, not undefined'],
    [[['A', 'b']], 'env must be an object of variable names to string values, such as { LOG_LEVEL: "info" }, not an array'],
  ])('refuses %j, which is not a plain object', (env, message) => {
    expect(checkEnvValues(env, 'env')).toEqual([message]);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ '1X': 'a' }, 'env name "1X" is not a valid environment variable name (letters, digits, \'-\', \'.\' and \'_\', not starting with a digit, not "." or ".."-prefixed); rename it, such as "X"'],
    [{ 'MY VAR': 'a' }, 'env name "MY VAR" is not a valid environment variable name (letters, digits, \'-\', \'.\' and \'_\', not starting with a digit, not "." or ".."-prefixed); rename it, such as "MY_VAR"'],
    [{ '': 'a' }, 'env name "" is not a valid environment variable name (letters, digits, \'-\', \'.\' and \'_\', not starting with a digit, not "." or ".."-prefixed); rename it'],
    [{ '.': 'a' }, 'env name "." is not a valid environment variable name (letters, digits, \'-\', \'.\' and \'_\', not starting with a digit, not "." or ".."-prefixed); rename it'],
    [{ '..X': 'a' }, 'env name "..X" is not a valid environment variable name (letters, digits, \'-\', \'.\' and \'_\', not starting with a digit, not "." or ".."-prefixed); rename it, such as "X"'],
    [{ RETRIES: 42 }, 'env "RETRIES" is the number 42, which would be written as `value: 42` and refused by Kubernetes, whose env values are strings; quote it: "42"'],
    [{ DEBUG: false }, 'env "DEBUG" is the boolean false, which would be written as `value: false` and refused by Kubernetes, whose env values are strings; quote it: "false"'],
    [{ RATIO: 0.5 }, 'env "RATIO" is the number 0.5, which would be written as `value: 0.5` and refused by Kubernetes, whose env values are strings; quote it: "0.5"'],
    [{ TOKEN: null }, 'env "TOKEN" is null; env values are strings: give one, or "" for an empty value'],
    [{ CONFIG: { a: 1 } }, 'env "CONFIG" is an object; env values are strings: give one, or "" for an empty value'],
    [{ NAME: 'ab\ud800c' }, 'env "NAME" holds a lone UTF-16 surrogate (\\ud800) at index 2, which no YAML or JSON file can carry; fix the text\'s encoding'],
    [{ NAME: 'a\0b' }, 'env "NAME" holds a NUL character at index 1, which no process environment can carry (its strings end at NUL); remove it'],
  ])('refuses %j', (env, message) => {
    expect(checkEnvValues(env, 'env')).toEqual([message]);
  });

  it('refuses every value the YAML writer cannot write, and accepts every value it can', () => {
    for (const value of ['ok', 'a\ud800', '\udfff', 'x\ud83d\ude00', '\u2028', '\0']) {
      const writes = (() => {
        try {
          toYaml([{ env: [{ name: 'X', value }] }]);
          return true;
        } catch {
          return false;
        }
      })();
      const refused = checkEnvValues({ X: value }, 'env').some((p) => p.includes('surrogate'));
      expect(refused).toBe(!writes);
    }
  });
});
