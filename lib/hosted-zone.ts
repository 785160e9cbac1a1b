/** The Route 53 hosted zone a global load balancer's names live in. */
import { isKind, markKind } from './markers';

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/;

/** Whether `name` is a lowercase DNS name of at least two labels, each at most 63 characters. */
export function isDnsName(name: string): boolean {
  return DNS_NAME.test(name);
}

/** Whether `name` is `zone` or lies under it. */
export function isUnder(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** A public Route 53 hosted zone: one that exists, or one the deployment creates. Use the factories. */
export class HostedZone {
  /** A zone that already exists, such as the one of the company's domain. */
  static existing(zoneId: string, name: string): HostedZone {
    return new HostedZone(name, zoneId);
  }

  /** A zone the deployment creates; delegate the domain to its name servers (a stack output). */
  static create(name: string): HostedZone {
    return new HostedZone(name, undefined);
  }

  /** Whether `x` is a HostedZone (also one made by another copy of fleetform). */
  static isHostedZone(x: unknown): x is HostedZone {
    return isKind(x, 'hostedZone');
  }

  /** Mistakes in the zone's own values, reported by the load balancer that uses it. */
  readonly problems: readonly string[];

  private constructor(
    /** The zone's domain, such as `acme.example`. */
    readonly name: string,
    /** The id of an existing zone; undefined when the deployment creates it. */
    readonly zoneId: string | undefined,
  ) {
    markKind(this, 'hostedZone');
    const problems: string[] = [];
    if (typeof name !== 'string' || !isDnsName(name)) problems.push(`hosted zone name ${JSON.stringify(name)} is not a DNS name such as "acme.example"`);
    if (zoneId !== undefined && (typeof zoneId !== 'string' || !/^Z[0-9A-Z]{1,31}$/.test(zoneId))) {
      problems.push(`hosted zone id ${JSON.stringify(zoneId)} is not a Route 53 zone id such as "Z0123456789ABCDEFGHIJ"; find it with aws route53 list-hosted-zones`);
    }
    this.problems = problems;
  }
}
