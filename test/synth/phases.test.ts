import { describe, expect, it } from 'vitest';
import { applyDependencies, fileNumber, Phase } from '../../lib/synth/phases';

const chart = (phase: Phase, name: string) => ({ phase, chart: name });

describe('apply phases', () => {
  it('number files by phase, raw manifests in the order added, so adding a chart renames none', () => {
    expect(fileNumber({ phase: 'baseline' })).toBe(0);
    expect(fileNumber({ phase: 'access' })).toBe(1000);
    expect(fileNumber({ phase: 'platform' })).toBe(2000);
    expect(fileNumber({ phase: 'apps' })).toBe(3000);
    expect(fileNumber({ phase: 'edge' })).toBe(4000);
    expect(fileNumber({ phase: 'raw', sequence: 2 })).toBe(5002);
  });

  it('make each phase wait for the last phase before it that has charts, and raw manifests for each other', () => {
    const after = applyDependencies([
      chart('baseline', 'baseline'),
      chart('platform', 'platform-ingress'),
      chart('apps', 'app-api'),
      chart('apps', 'app-web'),
      chart('raw', 'manifest-crds'),
      chart('raw', 'manifest-config'),
    ]);
    expect(Object.fromEntries(after)).toEqual({
      baseline: [],
      'platform-ingress': ['baseline'],
      'app-api': ['platform-ingress'],
      'app-web': ['platform-ingress'],
      'manifest-crds': ['app-api', 'app-web'],
      'manifest-config': ['manifest-crds'],
    });
  });
});
