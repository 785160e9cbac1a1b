import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

describe('schema/fleet.schema.json', () => {
  it('is the schema of the FleetTopology type, as `npm run schema` generates it', () => {
    const generated = createGenerator({
      path: resolve(ROOT, 'lib/synth/fleet-topology.ts'),
      type: 'FleetTopology',
      tsconfig: resolve(ROOT, 'tsconfig.json'),
      topRef: false,
    }).createSchema('FleetTopology');
    const committed = JSON.parse(readFileSync(resolve(ROOT, 'schema/fleet.schema.json'), 'utf8'));
    expect(committed, 'the type changed: run `npm run schema` and commit schema/fleet.schema.json').toEqual(generated);
  });
});
