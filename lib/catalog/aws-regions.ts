/**
 * AWS commercial regions (the `aws` partition) in which EKS is offered, with
 * where each one is: its country, the continent Route 53 geolocation places it
 * in, and whether it lies in a member state of the European Union.
 *
 * China (`aws-cn`), GovCloud (`aws-us-gov`) and the European Sovereign Cloud
 * are other partitions with their own accounts and are not listed.
 *
 * Source: AWS General Reference, "AWS Regions" (region codes and locations),
 * and the Route 53 Developer Guide, "Geolocation routing" (continent codes);
 * EU membership as of the date read. Read 2026-11-24.
 */

/** The source of every row of {@link AWS_REGION_CATALOGUE}, and the day it was read. */
export const AWS_REGIONS_SOURCE = {
  source: 'https://docs.aws.amazon.com/general/latest/gr/rande.html ("AWS Regions": codes and locations); https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-geo.html (continent codes); EU membership as of the day read',
  readOn: '2026-11-24',
} as const;

/** A Route 53 geolocation continent code. */
export type Continent = 'AF' | 'AN' | 'AS' | 'EU' | 'NA' | 'OC' | 'SA';

/** Where a region is. */
export interface AwsRegion {
  readonly name: string;
  /** The city or area AWS names it after. */
  readonly location: string;
  /** ISO 3166-1 alpha-2 country code. */
  readonly country: string;
  /** Route 53 geolocation continent. */
  readonly continent: Continent;
  /** Whether the region lies in a member state of the European Union (the United Kingdom and Switzerland do not). */
  readonly euMemberState: boolean;
}

const region = (name: string, location: string, country: string, continent: Continent, euMemberState = false): AwsRegion =>
  ({ name, location, country, continent, euMemberState });

/** Every region fleetform offers, by name. */
export const AWS_REGION_CATALOGUE: ReadonlyMap<string, AwsRegion> = new Map([
  region('af-south-1', 'Cape Town', 'ZA', 'AF'),
  region('ap-east-1', 'Hong Kong', 'HK', 'AS'),
  region('ap-east-2', 'Taipei', 'TW', 'AS'),
  region('ap-northeast-1', 'Tokyo', 'JP', 'AS'),
  region('ap-northeast-2', 'Seoul', 'KR', 'AS'),
  region('ap-northeast-3', 'Osaka', 'JP', 'AS'),
  region('ap-south-1', 'Mumbai', 'IN', 'AS'),
  region('ap-south-2', 'Hyderabad', 'IN', 'AS'),
  region('ap-southeast-1', 'Singapore', 'SG', 'AS'),
  region('ap-southeast-2', 'Sydney', 'AU', 'OC'),
  region('ap-southeast-3', 'Jakarta', 'ID', 'AS'),
  region('ap-southeast-4', 'Melbourne', 'AU', 'OC'),
  region('ap-southeast-5', 'Malaysia', 'MY', 'AS'),
  region('ap-southeast-7', 'Thailand', 'TH', 'AS'),
  region('ca-central-1', 'Canada (Central)', 'CA', 'NA'),
  region('ca-west-1', 'Calgary', 'CA', 'NA'),
  region('eu-central-1', 'Frankfurt', 'DE', 'EU', true),
  region('eu-central-2', 'Zurich', 'CH', 'EU'),
  region('eu-north-1', 'Stockholm', 'SE', 'EU', true),
  region('eu-south-1', 'Milan', 'IT', 'EU', true),
  region('eu-south-2', 'Spain', 'ES', 'EU', true),
  region('eu-west-1', 'Ireland', 'IE', 'EU', true),
  region('eu-west-2', 'London', 'GB', 'EU'),
  region('eu-west-3', 'Paris', 'FR', 'EU', true),
  region('il-central-1', 'Tel Aviv', 'IL', 'AS'),
  region('me-central-1', 'UAE', 'AE', 'AS'),
  region('me-south-1', 'Bahrain', 'BH', 'AS'),
  region('mx-central-1', 'Mexico (Central)', 'MX', 'NA'),
  region('sa-east-1', 'São Paulo', 'BR', 'SA'),
  region('us-east-1', 'N. Virginia', 'US', 'NA'),
  region('us-east-2', 'Ohio', 'US', 'NA'),
  region('us-west-1', 'N. California', 'US', 'NA'),
  region('us-west-2', 'Oregon', 'US', 'NA'),
].map((r) => [r.name, r]));

/** Names of the regions fleetform offers. */
export const AWS_REGIONS: ReadonlySet<string> = new Set(AWS_REGION_CATALOGUE.keys());

/** The regions in member states of the European Union. */
export const EU_MEMBER_STATE_REGIONS: readonly string[] = [...AWS_REGION_CATALOGUE.values()].filter((r) => r.euMemberState).map((r) => r.name);

/** The closest known region names by shared prefix, for a "did you mean" hint. */
export function suggestRegions(region: string): string[] {
  const prefix = region.split('-').slice(0, 2).join('-');
  const near = [...AWS_REGIONS].filter((r) => r.startsWith(prefix));
  return (near.length > 0 ? near : [...AWS_REGIONS].filter((r) => r.startsWith(region.slice(0, 2)))).slice(0, 6);
}

/** Checks a region name; returns a problem or undefined. */
export function checkRegion(region: string): string | undefined {
  if (AWS_REGIONS.has(region)) return undefined;
  const hint = suggestRegions(region);
  return `region "${region}" is not an AWS commercial region${hint.length ? `; did you mean ${hint.map((h) => `"${h}"`).join(', ')}?` : '; use a name such as "eu-west-1"'}`;
}
