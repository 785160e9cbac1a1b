/**
 * Upgrading fleetform never replaces or deletes a running resource. For each
 * earlier release, the plan of its example as deployed then (recorded with
 * that release's own library by scripts/record-plan.mjs, in
 * test/fixtures/releases/<commit>/acme.plan.json) is compared with the plan of
 * the very same user code run with this checkout's library (the release's
 * user files in test/fixtures/releases/<commit>/project, whose lib/ re-exports
 * this checkout's library). So a user's own later edits of the example (a
 * version bump in examples/acme/fleet.ts) are no part of the comparison, only
 * fleetform's. The plans are recorded under fleetform's mocks, whose answers
 * are part of the plan: when they change, record the fixtures again (the
 * commands are in scripts/record-plan.mjs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { diffPlans, formatPlanSummary, PlanDiff, readPlan, recordPlan, ResourceChange } from '../../lib/pulumi/testing';

/** A deletion an upgrade makes on purpose, with why it is safe. */
interface IntendedDelete {
  readonly type: string;
  readonly name: RegExp;
  readonly why: string;
}

interface Release {
  readonly commit: string;
  /** The day the release landed: EKS support is judged on it, as a user upgrading then would see it. */
  readonly day: string;
  readonly program: () => Promise<unknown>;
  readonly intendedDeletes: readonly IntendedDelete[];
}

const RELEASES: readonly Release[] = [
  {
    // The previous landed release, before the trust root, calls between apps, origin protection, the cluster keys'
    // aliases and policies, the encrypted log group and the explicit upgrade policy. Its program exports the function Pulumi runs.
    commit: 'f9b69a1',
    day: '2026-12-06',
    program: async () => {
      const loaded = await import('../fixtures/releases/f9b69a1/project/examples/acme/index');
      await (loaded.default as unknown as () => Promise<unknown>)();
    },
    intendedDeletes: [],
  },
  {
    // An earlier landed release, before workload kinds, node pool taints, access policies, secrets and app permissions.
    // Its program exports the function Pulumi runs.
    commit: '1887ebe',
    day: '2026-12-04',
    program: async () => {
      const loaded = await import('../fixtures/releases/1887ebe/project/examples/acme/index');
      await (loaded.default as unknown as () => Promise<unknown>)();
    },
    intendedDeletes: [],
  },
  {
    // An earlier landed release.
    commit: '764bb32',
    day: '2026-12-04',
    program: () => import('../fixtures/releases/764bb32/project/examples/acme/index'),
    intendedDeletes: [],
  },
  {
    // Before the per-cluster Kubernetes provider was renamed (7e3f812). Its user code needs the edits the API
    // asked for since (FleetDeployment's publicAccessCidrs became the fleet's apiEndpoint; its 1.31 clusters,
    // past standard support, opt into extended support), marked in it.
    commit: 'd80b17a',
    day: '2026-11-24',
    program: () => import('../fixtures/releases/d80b17a/project/examples/acme/index'),
    intendedDeletes: [
      {
        type: 'aws:iam/rolePolicyAttachment:RolePolicyAttachment',
        name: /-node-role-AmazonEKS_CNI_Policy$/,
        why: 'since 133da7c vpc-cni runs on its own Pod Identity role, and the node role keeps only what the kubelet needs; Pulumi deletes it after the add-on with its role exists',
      },
      {
        type: 'kubernetes:networking.k8s.io/v1:NetworkPolicy',
        name: /\/(default-deny-ingress|[a-z0-9-]+-allow-app-port)$/,
        why: 'since 5ee24b2 an app\'s policies are default-deny (ingress and egress), <app>-ingress and <app>-egress; a Kubernetes object is named by metadata.name, which no alias keeps, and Pulumi creates the new policies before it deletes these',
      },
    ],
  },
];

const describeChange = (c: ResourceChange) => `${c.kind} ${c.type} ${c.name}`;

for (const release of RELEASES) {
  describe(`upgrading the example deployed with ${release.commit} to this release`, () => {
    let diff: PlanDiff;

    beforeAll(async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(`${release.day}T12:00:00Z`));
      const before = readPlan(readFileSync(join(__dirname, '..', 'fixtures', 'releases', release.commit, 'acme.plan.json'), 'utf8'));
      const after = await recordPlan({ pulumi, project: before.project, stack: before.stack, config: before.config, program: release.program });
      diff = diffPlans(before, after);
    });

    afterAll(() => {
      vi.useRealTimers();
    });

    it('replaces nothing', () => {
      const replaced = diff.changes.filter((c) => c.custom && c.kind === 'replace');
      expect(replaced.map(describeChange), formatPlanSummary(diff)).toEqual([]);
    });

    it(release.intendedDeletes.length === 0 ? 'deletes nothing' : 'deletes only what it deletes on purpose', () => {
      const deleted = diff.changes.filter((c) => c.custom && c.kind === 'delete');
      const unintended = deleted.filter((c) => !release.intendedDeletes.some((d) => d.type === c.type && d.name.test(c.name)));
      expect(unintended.map(describeChange), formatPlanSummary(diff)).toEqual([]);
      for (const d of release.intendedDeletes) {
        expect(deleted.some((c) => c.type === d.type && d.name.test(c.name)), `an intended delete that no longer happens: ${d.type} ${d.name}; remove it from the list`).toBe(true);
      }
    });

    it('knows the replacing inputs of every type it registers', () => {
      expect(diff.unknownTypes).toEqual([]);
    });
  });
}
