import { describe, expect, it } from 'vitest';
import { AWS_REGION_CATALOGUE, AWS_REGIONS, checkRegion, EU_MEMBER_STATE_REGIONS } from '../../lib/catalog/aws-regions';

describe('the AWS region catalogue', () => {
  it('lists the EU member-state regions only, not the United Kingdom or Switzerland', () => {
    expect([...EU_MEMBER_STATE_REGIONS].sort()).toEqual(['eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-3']);
    expect(AWS_REGION_CATALOGUE.get('eu-west-2')).toMatchObject({ country: 'GB', continent: 'EU', euMemberState: false });
    expect(AWS_REGION_CATALOGUE.get('eu-central-2')).toMatchObject({ country: 'CH', continent: 'EU', euMemberState: false });
  });

  it('places every region on a Route 53 continent, with a country code', () => {
    for (const r of AWS_REGION_CATALOGUE.values()) {
      expect(r.country, r.name).toMatch(/^[A-Z]{2}$/);
      expect(['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA'], r.name).toContain(r.continent);
      if (r.euMemberState) expect(r.continent, r.name).toBe('EU');
    }
    expect(AWS_REGION_CATALOGUE.get('ap-southeast-2')!.continent).toBe('OC');
    expect(AWS_REGION_CATALOGUE.get('sa-east-1')!.continent).toBe('SA');
    expect(AWS_REGIONS.size).toBe(AWS_REGION_CATALOGUE.size);
  });

  it('suggests near names for an unknown region', () => {
    expect(checkRegion('eu-west-9')).toBe('region "eu-west-9" is not an AWS commercial region; did you mean "eu-west-1", "eu-west-2", "eu-west-3"?');
    expect(checkRegion('us-east-1')).toBeUndefined();
  });
});
