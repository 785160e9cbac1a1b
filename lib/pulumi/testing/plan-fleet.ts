/**
 * The plan of a fleet's deployment in one call: fleetform's mocks, a
 * FleetDeployment of the fleet (or the user's whole Pulumi program), and what
 * it registers. The common case of `recordPlan`.
 */
import { FleetValidationError } from '../../errors';
import type { Fleet } from '../../fleet';
import { isKind } from '../../markers';
import type { FleetDeploymentArgs } from '../fleet-deployment';
import { DEFAULT_MOCK_ACCOUNT, MockCloudOptions, recordPlan } from './mock-cloud';
import type { RecordedPlan } from './plan';

/** Options of {@link planFleet}: the mocks, and the deployment of a fleet. */
export interface PlanFleetOptions extends MockCloudOptions {
  /**
   * The FleetDeployment's name, for a fleet.
   * @default - the fleet's name
   */
  readonly name?: string;
  /**
   * The FleetDeployment's args besides `fleet`, for a fleet.
   * @default - { deployer: the mocks' deployer role } (what `await deployerFromCallerIdentity()` answers under them)
   */
  readonly deployment?: Omit<FleetDeploymentArgs, 'fleet'>;
  /**
   * Free text naming what was recorded (a commit, a version).
   * @default - none
   */
  readonly source?: string;
}

/**
 * Installs fleetform's mocks and returns the plan of everything registered by a
 * `FleetDeployment` of `fleet` (or by `program`, a function that runs your Pulumi
 * program, as `recordPlan` does); no Pulumi CLI, engine or cloud account is involved.
 * The deployment is fleetform's own, so the mocks go on the `@pulumi/pulumi` it loads
 * unless `pulumi` names another.
 *
 * ```ts
 * const plan = await planFleet(buildFleet());
 * plan.resources.filter((r) => r.type === 'aws:eks/cluster:Cluster').map((r) => r.inputs.name);
 * ```
 * @throws FleetValidationError when the fleet or the deployment's args are refused
 */
export async function planFleet(fleetOrProgram: Fleet | (() => unknown), options: PlanFleetOptions = {}): Promise<RecordedPlan> {
  if (typeof fleetOrProgram === 'function') return recordPlan({ ...options, program: fleetOrProgram });
  const fleet = fleetOrProgram;
  if (!isKind(fleet, 'fleet')) {
    throw new FleetValidationError([{ path: '?', message: 'planFleet was given something that is neither a Fleet nor a function; give it the Fleet your program deploys, or a function that runs your Pulumi program' }]);
  }
  // Loaded here, so that importing fleetform/pulumi/testing loads no provider SDK before the mocks are installed.
  const { FleetDeployment } = await import('../fleet-deployment');
  const deployer = options.deployerRoleArn ?? `arn:aws:iam::${options.accountId ?? DEFAULT_MOCK_ACCOUNT}:role/pulumi-deployer`;
  return recordPlan({
    ...options,
    program: () => new FleetDeployment(options.name ?? fleet.fleetName, { deployer, ...options.deployment, fleet }),
  });
}
