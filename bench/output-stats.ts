import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Objects (YAML documents with a top-level kind), bytes and files of every .yaml file under dir. */
export function outputStats(dir: string): { objects: number; bytes: number; files: number } {
  let objects = 0;
  let bytes = 0;
  let files = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yaml')) {
        const text = readFileSync(p);
        files++;
        bytes += text.length;
        objects += (text.toString('utf8').match(/^kind: /gm) ?? []).length;
      }
    }
  };
  walk(dir);
  return { objects, bytes, files };
}
