/**
 * What a stack deploys, recorded in its outputs, and the check that nothing it
 * deployed before goes missing by accident. Pulumi deletes what a program no
 * longer registers only after the program finishes without error, so the
 * check fails the program — before the engine's delete phase, and before any
 * AWS or Kubernetes resource is registered, since every provider waits for it.
 */
import * as pulumi from '@pulumi/pulumi';
import { assertNoProblems, FleetProblem, FleetValidationError } from '../errors';
import type { ResolvedFleet } from '../model/resolved';
import { optionsPath } from './deployment-options';

/** The stack output that holds the records: deployment name → what it deploys. */
export const RECORD_OUTPUT = 'fleetform';

/** What one FleetDeployment deploys. */
export interface DeploymentRecord {
  /** Cluster ids, sorted. */
  readonly clusters: readonly string[];
  /** Load balancer names, sorted. */
  readonly loadBalancers: readonly string[];
}

/** The stack's own name, as a StackReference takes it: `<organization>/<project>/<stack>`. */
export function ownStackName(): string {
  return `${organization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
}

/**
 * The stack's organization. Pulumi always tells it to a deployment; under mocks set without one
 * (`setMocks(mocks, project, stack, preview)`, as Pulumi's unit-test guide does) it is
 * `organization`, the name self-managed backends give every stack's organization.
 */
function organization(): string {
  try {
    return pulumi.getOrganization();
  } catch (e) {
    const monitor = pulumi.runtime.getMonitor() as { mocks?: unknown } | undefined;
    if (monitor !== undefined && monitor.mocks !== undefined) return 'organization';
    throw e;
  }
}

/**
 * Reads what deployment `name` recorded in the stack's outputs last time,
 * through a StackReference to the stack itself, and resolves once nothing it
 * deployed then is missing from `now` without being acknowledged with
 * `fleet.decommissioned(...)` (to the stack reference: what waits for it
 * waits for the check); otherwise it rejects with every such problem.
 * On a stack's first deploy the reference finds no outputs, and on the first
 * deploy that records, no record: nothing to compare.
 */
export function checkAgainstPreviousDeploy(name: string, now: DeploymentRecord, fleet: ResolvedFleet, parent: pulumi.Resource): pulumi.Output<pulumi.Resource> {
  const self = new pulumi.StackReference(`${name}-previous-deploy`, { name: ownStackName() }, { parent });
  return self.outputs.apply((outputs) => {
    const recorded = (outputs?.[RECORD_OUTPUT] as Record<string, unknown> | undefined)?.[name];
    if (recorded === undefined) return self;
    if (!isRecord(recorded)) {
      assertNoProblems([{ path: optionsPath(name), message: `the stack output ${RECORD_OUTPUT}.${name} is not what fleetform records, so this deploy cannot tell what the stack deployed before; export the deployment's own record (${RECORD_OUTPUT}: deployment.record)` }]);
    }
    assertNoProblems(missingSince(recorded as DeploymentRecord, now, fleet));
    return self;
  });
}

/**
 * Refuses, once the program has returned its outputs, a stack that does not
 * export deployment `name`'s record: without it, the next deploy could not
 * tell a cluster dropped by accident from one removed on purpose. Read from
 * the stack's outputs as the program returned them, so `pulumi preview`
 * refuses it too. Does nothing outside a stack (under test mocks).
 */
export function requireRecordExported(name: string, record: Readonly<Record<string, DeploymentRecord>>): void {
  const stack = pulumi.runtime.getStackResource() as unknown as { getData(): Promise<Record<string, unknown> | undefined> } | undefined;
  if (!stack) return;
  // The data is what the program returned (plain values stay plain), not an Output: preview sees it too.
  // Unhandled on purpose when the record is missing: the Node language host then fails the program. A program
  // that failed by itself is reported by the host already.
  void stack.getData().then((outputs) => {
    const exported = (outputs?.[RECORD_OUTPUT] as Record<string, unknown> | undefined)?.[name];
    if (JSON.stringify(exported) === JSON.stringify(record[name])) return;
    throw new FleetValidationError([{
      path: optionsPath(name),
      message: `the stack does not export what this deployment deploys, so the next deploy could not tell a cluster or load balancer dropped by accident from one removed on purpose; `
        + `export it as ${RECORD_OUTPUT}: export const ${RECORD_OUTPUT} = deployment.record (or return { ${RECORD_OUTPUT}: deployment.record, ... } from the program's function)`,
    }]);
  }, () => undefined);
}

function isRecord(x: unknown): x is DeploymentRecord {
  const r = x as Partial<DeploymentRecord> | null;
  return typeof r === 'object' && r !== null && [r.clusters, r.loadBalancers].every((l) => Array.isArray(l) && l.every((id) => typeof id === 'string'));
}

/** What the previous deploy deployed and this one does not, without an acknowledgement. */
function missingSince(previous: DeploymentRecord, now: DeploymentRecord, fleet: ResolvedFleet): FleetProblem[] {
  const acknowledged = new Set(fleet.fleet.decommissioned);
  const problems: FleetProblem[] = [];
  for (const id of previous.clusters.filter((x) => !now.clusters.includes(x) && !acknowledged.has(x))) {
    const c = fleet.clusters.find((x) => x.id === id);
    problems.push(c
      ? {
        path: c.path,
        message: `cluster "${id}" was deployed by this stack and is not in its clusters now, so this deploy would delete it; put it back in clusters, `
          + `or remove it in two deploys: call decommission() on it and deploy it once more (its guards lift), then leave it out, call fleet.decommissioned('${id}') and deploy`,
      }
      : {
        path: fleet.fleet.path,
        message: `cluster "${id}" was deployed by this stack and the code no longer declares it, so this deploy would delete it; put it back, `
          + `or remove it in two deploys: call decommission() on it and deploy (its guards lift), then remove it from the code, call fleet.decommissioned('${id}') and deploy`,
      });
  }
  for (const lbName of previous.loadBalancers.filter((x) => !now.loadBalancers.includes(x) && !acknowledged.has(x))) {
    const lb = fleet.loadBalancers.find((x) => x.name === lbName);
    problems.push(lb
      ? {
        path: lb.path,
        message: `load balancer "${lbName}" was deployed by this stack and is not now (none of its targets is in this stack's clusters), so this deploy would delete it; put its targets back, `
          + `or remove it in two deploys: call decommission() on it and deploy it once more (its guards lift), then leave it out, call fleet.decommissioned('${lbName}') and deploy`,
      }
      : {
        path: fleet.fleet.path,
        message: `load balancer "${lbName}" was deployed by this stack and the code no longer declares it, so this deploy would delete it; put it back, `
          + `or remove it in two deploys: call decommission() on it and deploy (its guards lift), then remove it from the code, call fleet.decommissioned('${lbName}') and deploy`,
      });
  }
  return problems;
}
