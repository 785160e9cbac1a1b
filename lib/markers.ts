/**
 * Marks on fleetform's constructs and value classes, so one kind recognizes
 * another without importing its class (no import circles) and across two
 * copies of the package (where `instanceof` fails). Registered with
 * `Symbol.for`, like the constructs library's own mark.
 */
const KINDS = {
  fleet: Symbol.for('fleetform.Fleet'),
  environment: Symbol.for('fleetform.EnvironmentFleet'),
  cluster: Symbol.for('fleetform.RegionalCluster'),
  app: Symbol.for('fleetform.FleetApp'),
  placement: Symbol.for('fleetform.Placement'),
  override: Symbol.for('fleetform.Override'),
  profile: Symbol.for('fleetform.EnvironmentProfile'),
  addressLock: Symbol.for('fleetform.AddressLock'),
  apiEndpoint: Symbol.for('fleetform.ApiEndpoint'),
  zone: Symbol.for('fleetform.GdprZone'),
  loadBalancer: Symbol.for('fleetform.GlobalLoadBalancer'),
  routingPolicy: Symbol.for('fleetform.RoutingPolicy'),
  geoLocation: Symbol.for('fleetform.GeoLocation'),
  hostedZone: Symbol.for('fleetform.HostedZone'),
  channel: Symbol.for('fleetform.VersionChannel'),
  rolloutPlan: Symbol.for('fleetform.RolloutPlan'),
  argoCd: Symbol.for('fleetform.ArgoCdDelivery'),
  accessRole: Symbol.for('fleetform.AccessRole'),
  accessPolicy: Symbol.for('fleetform.AccessPolicy'),
  team: Symbol.for('fleetform.Team'),
  secretReference: Symbol.for('fleetform.SecretReference'),
  probe: Symbol.for('fleetform.AppProbe'),
  fleetTrust: Symbol.for('fleetform.FleetTrust'),
} as const;

/** The kinds of construct and value class fleetform knows. */
export type ConstructKind = keyof typeof KINDS;

/** Marks `c` as being of `kind`. */
export function markKind(c: object, kind: ConstructKind): void {
  Object.defineProperty(c, KINDS[kind], { value: true });
}

/** Whether `x` was marked as being of `kind`. */
export function isKind(x: unknown, kind: ConstructKind): boolean {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[KINDS[kind]] === true;
}
