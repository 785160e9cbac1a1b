/** Where an example's committed address lock lives, whether it runs from source or from build/. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `examples/<name>/fleetform.lock.json` of this repository. */
export function exampleLockFile(name: string): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'Pulumi.yaml')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'examples', name, 'fleetform.lock.json');
}
