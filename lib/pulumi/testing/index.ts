/**
 * Offline plans of the Pulumi binding: `import { recordPlan, diffPlans } from 'fleetform/pulumi/testing'`.
 * fleetform's runtime mocks (`mockCloud`), a recorder of every resource a
 * program registers (`recordPlan`), and a diff of two recorded plans that
 * classes each resource as the engine would: same, update, replace, create or
 * delete (`diffPlans`), summed per cluster and region (`summarizePlanDiff`).
 * Needs no Pulumi CLI and no cloud account.
 * @module fleetform/pulumi/testing
 */
export * from './plan';
export * from './mock-answers';
export * from './mock-cloud';
export * from './plan-fleet';
export * from './compact';
export * from './force-new';
export * from './diff';
export * from './summary';
