/**
 * No secret value in what fleetform writes: the acme example (whose ledger
 * reads its database password from Secrets Manager) synthesized to a folder,
 * every file searched. fleetform writes no Secret with a value (Argo CD's
 * cluster registrations hold none), every env variable whose
 * name looks like a secret reads a Secret by reference, and the value a
 * Secrets Manager read answers under the mocks appears nowhere.
 */
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { AddressLock } from '../../lib';
import { looksLikeSecret } from '../../lib/checks/secret-env';
import { MOCK_SECRET_VALUE } from '../../lib/pulumi/testing/mock-answers';
import { ACME_LOCK_FILE, buildAcmeFleet } from '../../examples/acme/fleet';
import { readTree, tempDir } from '../helpers/fleets';
import { TEST_SUPPORT_DATE } from '../helpers/support-date';
import { readFileSync } from 'node:fs';

interface Container { readonly env?: readonly { name: string; value?: string; valueFrom?: unknown }[] }

describe('the synthesized output of a fleet that reads secrets', () => {
  it('holds no Secret, no secret-looking plaintext and no secret value', () => {
    const locked = JSON.parse(readFileSync(ACME_LOCK_FILE, 'utf8')) as { clusters: Parameters<typeof AddressLock.of>[0] };
    const outdir = tempDir();
    buildAcmeFleet({ addressLock: AddressLock.of(locked.clusters), supportDate: TEST_SUPPORT_DATE }).synth({ outdir });
    const tree = readTree(outdir);
    const all = Object.values(tree).join('\n');
    expect(all).not.toContain(MOCK_SECRET_VALUE);
    // The reference is there; the value is not.
    expect(all).toContain('key: acme/ledger/db');

    const objects = Object.entries(tree).filter(([path]) => path.endsWith('.yaml'))
      .flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJSON() as { kind?: string; spec?: { template?: { spec?: { containers?: Container[] } } } } | null))
      .filter((o): o is NonNullable<typeof o> => o !== null);
    // The only Secrets are Argo CD's cluster registrations, which carry a name, the cluster's ARN and a project: no credential.
    const secrets = objects.filter((o) => o.kind === 'Secret') as { metadata: { labels: Record<string, string> }; data?: unknown; stringData?: Record<string, string> }[];
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(secret.metadata.labels['argocd.argoproj.io/secret-type']).toBe('cluster');
      expect(secret.data).toBeUndefined();
      expect(Object.keys(secret.stringData ?? {}).sort()).toEqual(['name', 'project', 'server']);
    }
    expect(objects.filter((o) => o.kind === 'ExternalSecret')).toHaveLength(1);
    const env = objects.flatMap((o) => o.spec?.template?.spec?.containers ?? []).flatMap((c) => c.env ?? []);
    const secretLooking = env.filter((e) => looksLikeSecret(e.name));
    expect(secretLooking.length).toBeGreaterThan(0);
    expect(secretLooking.filter((e) => e.value !== undefined)).toEqual([]);
    expect(secretLooking.every((e) => e.valueFrom !== undefined)).toBe(true);
  });
});
