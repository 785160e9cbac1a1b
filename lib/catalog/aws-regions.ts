/**
 * AWS commercial regions (the `aws` partition) in which EKS is offered.
 * China (`aws-cn`) and GovCloud (`aws-us-gov`) are other partitions with their
 * own accounts and are not part of this list.
 */
export const AWS_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1', 'ap-east-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2',
  'eu-north-1',
  'eu-south-1', 'eu-south-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1',
  'me-central-1', 'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1', 'us-east-2',
  'us-west-1', 'us-west-2',
]);

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
