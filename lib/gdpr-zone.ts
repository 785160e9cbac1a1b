import { Construct } from 'constructs';
import { checkRegion, EU_MEMBER_STATE_REGIONS } from './catalog/aws-regions';
import { claimId, enterTree } from './construct-ids';
import { checkLater } from './errors';
import { Fields, readProps, shapes } from './input';
import { isKind } from './markers';
import { checkDnsLabel } from './naming';

/** How traffic of the zone's residency apps reaches the zone from users. */
export enum ZoneEdge {
  /**
   * Through CloudFront when a load balancer routes by path, never cached: TLS
   * ends at an edge location, which may be outside the zone; no data is stored there.
   */
  CLOUDFRONT_UNCACHED = 'cloudfront-uncached',
  /** By DNS only: users connect straight to the zone's load balancers; path routing is refused. */
  DNS_ONLY = 'dns-only',
}

/** Props of a {@link GdprZone}. */
export interface GdprZoneProps {
  /** AWS regions where the zone's data may be served and stored. */
  readonly regions: readonly string[];
  /**
   * Nodes of the zone's clusters on hardware dedicated to this account.
   * @default false
   */
  readonly requireDedicatedTenancy?: boolean;
  /**
   * How residency apps' traffic reaches the zone.
   * @default ZoneEdge.CLOUDFRONT_UNCACHED
   */
  readonly edge?: ZoneEdge;
}

/** Options of {@link GdprZone.europeanUnion}. */
export interface EuropeanUnionZoneOptions extends Omit<GdprZoneProps, 'regions'> {
  /**
   * Regions outside the EU to allow as well, such as eu-west-2 (United Kingdom)
   * or eu-central-2 (Switzerland): a decision for the user, never a default.
   * @default - none
   */
  readonly alsoAllow?: readonly string[];
}

const FIELDS: Fields = {
  regions: { shape: shapes.list(shapes.string), example: '["eu-west-1", "eu-central-1"]', required: true },
  requireDedicatedTenancy: { shape: shapes.boolean, example: 'true' },
  edge: { shape: shapes.oneOf(Object.values(ZoneEdge), 'ZoneEdge.CLOUDFRONT_UNCACHED or ZoneEdge.DNS_ONLY'), example: 'ZoneEdge.DNS_ONLY' },
};

/**
 * A compliance boundary: the regions a set of clusters, and the apps that
 * declare residency in it, are held to. A cluster joins with `zone` (an
 * environment's clusters with `zones`); an app with `residency` runs only on
 * the zone's clusters, and every route a load balancer gives it answers from
 * the zone, even when all of the zone's clusters are unhealthy.
 */
export class GdprZone extends Construct {
  /** The regions of the European Union's member states (not eu-west-2, London, nor eu-central-2, Zurich). */
  static readonly EU_MEMBER_STATE_REGIONS: readonly string[] = EU_MEMBER_STATE_REGIONS;

  /** A zone of the EU member-state regions, plus any region allowed explicitly. */
  static europeanUnion(scope: Construct, id: string, options: EuropeanUnionZoneOptions = {}): GdprZone {
    const { alsoAllow, ...rest } = typeof options === 'object' && options !== null ? options : {} as EuropeanUnionZoneOptions;
    return new GdprZone(scope, id, { ...rest, regions: [...EU_MEMBER_STATE_REGIONS, ...(Array.isArray(alsoAllow) ? alsoAllow : [])] });
  }

  /** Whether `x` is a GdprZone (also one made by another copy of fleetform). */
  static isGdprZone(x: unknown): x is GdprZone {
    return isKind(x, 'zone');
  }

  /** The zone's name: its construct id. */
  readonly zoneName: string;
  /** The regions the zone allows. */
  readonly regions: readonly string[];
  readonly requireDedicatedTenancy: boolean;
  readonly edge: ZoneEdge;

  constructor(scope: Construct, id: string, props: GdprZoneProps) {
    super(scope, claimId(scope, id, 'zone'));
    enterTree(this, id, 'zone');
    const read = readProps<GdprZoneProps>(props, FIELDS);
    const p = read.props;
    this.zoneName = this.node.id;
    this.regions = [...(p.regions ?? [])];
    this.requireDedicatedTenancy = p.requireDedicatedTenancy ?? false;
    this.edge = p.edge ?? ZoneEdge.CLOUDFRONT_UNCACHED;
    checkLater(this, () => [
      ...read.problems,
      checkDnsLabel('zone name', this.zoneName, 32),
      ...(p.regions?.length === 0 ? ['the zone has no regions; list the regions its data may be in, such as ["eu-central-1"]'] : []),
      ...this.regions.map(checkRegion),
      ...this.regions.filter((r, i) => this.regions.indexOf(r) !== i).map((r) => `region "${r}" is listed twice; list each region once`),
    ]);
  }

  /** Whether `region` is one of the zone's. */
  allows(region: string): boolean {
    return this.regions.includes(region);
  }
}
