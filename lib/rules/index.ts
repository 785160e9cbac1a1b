/** The rule registry: every rule across constructs, in the order they run. */
import { ACCESS_RULES } from './access-rules';
import { APP_RULES } from './app-rules';
import { CALL_RULES } from './call-rules';
import { CLUSTER_RULES } from './cluster-rules';
import { COMPUTE_RULES } from './compute-rules';
import { GITOPS_RULES } from './gitops-rules';
import { LOAD_BALANCER_RULES } from './load-balancer-rules';
import { LOCK_RULES } from './lock-rules';
import { NODE_POOL_RULES } from './node-pool-rules';
import { OBJECT_POLICY_RULES } from './object-policy-rules';
import { ORIGIN_PROTECTION_RULES } from './origin-protection-rules';
import { OVERRIDE_RULES } from './override-rules';
import { PLATFORM_RULES } from './platform-rules';
import { QUOTA_RULES } from './quota-rules';
import { ROLLOUT_RULES } from './rollout-rules';
import { ZONE_RULES } from './zone-rules';
import type { FleetRule } from './rule';

export * from './rule';

/** The rules every synth runs, in order. */
export const FLEET_RULES: readonly FleetRule[] = [...CLUSTER_RULES, ...COMPUTE_RULES, ...APP_RULES, ...CALL_RULES, ...NODE_POOL_RULES, ...OVERRIDE_RULES, ...ZONE_RULES, ...LOAD_BALANCER_RULES, ...ORIGIN_PROTECTION_RULES, ...PLATFORM_RULES, ...QUOTA_RULES, ...LOCK_RULES, ...ROLLOUT_RULES, ...GITOPS_RULES, ...ACCESS_RULES, ...OBJECT_POLICY_RULES];
