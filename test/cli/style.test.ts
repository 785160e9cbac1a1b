import { describe, expect, it } from 'vitest';
import { configOf } from '../../lib/cli/commands/plan';
import { colourEnabled, progressOn, styleFor } from '../../lib/cli/style';

const tty = { isTTY: true, write: () => true };
const pipe = { isTTY: false, write: () => true };

describe('colours', () => {
  it('are on for a terminal only, off with NO_COLOR, and forced on with FORCE_COLOR', () => {
    expect(colourEnabled(tty, {})).toBe(true);
    expect(colourEnabled(pipe, {})).toBe(false);
    expect(colourEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled(tty, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(colourEnabled(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colourEnabled(tty, { TERM: 'dumb' })).toBe(false);
    expect(styleFor(tty, {}).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(styleFor(pipe, {}).red('x')).toBe('x');
  });

  it('a progress line is drawn and erased on a terminal, and never written elsewhere', () => {
    const written: string[] = [];
    const progress = progressOn({ isTTY: true, write: (t: string) => written.push(t) });
    progress.update('synthesizing…');
    progress.done();
    expect(written).toEqual(['\r\u001b[2Ksynthesizing…', '\r\u001b[2K']);
    const piped: string[] = [];
    const quiet = progressOn({ isTTY: false, write: (t: string) => piped.push(t) });
    quiet.update('synthesizing…');
    quiet.done();
    expect(piped).toEqual([]);
  });
});

describe('plan --config', () => {
  it('parses JSON values, keeps other text, and gives a key without a namespace the project\'s', () => {
    expect(configOf(['fleetform:publicAccessCidrs=["203.0.113.0/24"]', 'fleetform:applyManifests=false', 'region=eu-west-1', 'note=a=b'], 'shop')).toEqual({
      'fleetform:publicAccessCidrs': ['203.0.113.0/24'], 'fleetform:applyManifests': false, 'shop:region': 'eu-west-1', 'shop:note': 'a=b',
    });
    expect(() => configOf(['=x'], 'shop')).toThrow('--config takes key=value');
  });
});
