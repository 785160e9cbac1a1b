import { describe, expect, it } from 'vitest';
import { GeoLocation, locationHolds } from '../lib';
import { continentOfCountry, ROUTE53_COUNTRIES, ROUTE53_COUNTRIES_BY_CONTINENT, ROUTE53_SUBDIVISIONS } from '../lib/catalog/route53-locations';

describe('GeoLocation', () => {
  it('accepts Route 53\'s continents, countries and US states', () => {
    for (const code of ['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA'] as const) expect(GeoLocation.continent(code).problems).toEqual([]);
    for (const code of ['DE', 'GB', 'UA', 'XK', 'AF', 'US']) expect(GeoLocation.country(code).problems).toEqual([]);
    expect(GeoLocation.subdivision('US', 'CA').problems).toEqual([]);
    expect(GeoLocation.subdivision('US', 'DC').describe()).toBe('subdivision US-DC');
    expect(GeoLocation.default().problems).toEqual([]);
  });

  const refused: [string, () => GeoLocation, string][] = [
    ['UK for the United Kingdom', () => GeoLocation.country('UK'), 'GeoLocation.country("UK"): "UK" is not the ISO 3166-1 code Route 53 takes; did you mean "GB"?'],
    ['EL for Greece', () => GeoLocation.country('EL'), 'GeoLocation.country("EL"): "EL" is not the ISO 3166-1 code Route 53 takes; did you mean "GR"?'],
    ['a three-letter code', () => GeoLocation.country('DEU'), 'GeoLocation.country("DEU"): Route 53 takes two-letter ISO 3166-1 alpha-2 codes, not three-letter ones; use the two-letter code, such as "DE" for Germany'],
    ['a continent code as a country', () => GeoLocation.country('EU'), 'GeoLocation.country("EU"): "EU" is a continent code, not a country; use GeoLocation.continent("EU")'],
    ['an empty code', () => GeoLocation.country(''), 'GeoLocation.country(""): the country code is empty; give a two-letter ISO 3166-1 code such as "DE"'],
    ['"*" as a country', () => GeoLocation.country('*'), 'GeoLocation.country("*"): "*" is Route 53\'s default location; use GeoLocation.default()'],
    ['a lower-case code', () => GeoLocation.country('de'), 'GeoLocation.country("de"): country codes are upper case; did you mean "DE"?'],
    ['a country Route 53 has no data for', () => GeoLocation.country('EH'), 'GeoLocation.country("EH"): Route 53 has no address data for EH and refuses geolocation records for it; route its users with the continent or the default rule'],
    ['a country\'s name', () => GeoLocation.country('Germany'), 'GeoLocation.country("Germany") is not a country code Route 53 accepts (ISO 3166-1 alpha-2, upper case); did you mean "DE"?'],
    ['an unknown continent', () => GeoLocation.continent('EUR' as 'EU'), 'GeoLocation.continent("EUR") is not one of Route 53\'s continent codes (AF, AN, AS, EU, NA, OC, SA); did you mean "EU"?'],
    ['a continent\'s name', () => GeoLocation.continent('Europe' as 'EU'), 'GeoLocation.continent("Europe") is not one of Route 53\'s continent codes (AF, AN, AS, EU, NA, OC, SA); did you mean "EU"?'],
    ['a country code as a continent', () => GeoLocation.continent('DE' as 'EU'), 'GeoLocation.continent("DE"): "DE" is a country code; use GeoLocation.country("DE"), or one of Route 53\'s continent codes: AF, AN, AS, EU, NA, OC, SA'],
    ['a subdivision of a country Route 53 does not divide', () => GeoLocation.subdivision('DE', 'BY'), 'GeoLocation.subdivision("DE", "BY"): Route 53 supports subdivisions only for US (the states of the United States); use GeoLocation.country("DE") for the whole country'],
    ['an unknown state', () => GeoLocation.subdivision('US', 'XX'), 'GeoLocation.subdivision("US", "XX"): "XX" is not a subdivision of US that Route 53 supports (two-letter state codes such as "CA", "NY" or "DC")'],
    ['a lower-case state', () => GeoLocation.subdivision('US', 'ca'), 'GeoLocation.subdivision("US", "ca"): "ca" is not a subdivision of US that Route 53 supports; did you mean "CA"?'],
  ];
  for (const [what, make, message] of refused) {
    it(`refuses ${what}`, () => {
      expect(make().problems).toEqual([message]);
    });
  }

  it('knows which locations hold which, by Route 53\'s own continents', () => {
    expect(locationHolds(GeoLocation.continent('EU'), GeoLocation.country('CY'))).toBe(true); // Cyprus is in Europe for Route 53
    expect(locationHolds(GeoLocation.continent('EU'), GeoLocation.country('TR'))).toBe(false); // Turkey is in Asia
    expect(locationHolds(GeoLocation.country('US'), GeoLocation.subdivision('US', 'CA'))).toBe(true);
    expect(locationHolds(GeoLocation.continent('NA'), GeoLocation.subdivision('US', 'CA'))).toBe(true);
    expect(locationHolds(GeoLocation.default(), GeoLocation.country('DE'))).toBe(false);
    expect(locationHolds(GeoLocation.country('DE'), GeoLocation.continent('EU'))).toBe(false);
  });
});

describe('the Route 53 location catalogue', () => {
  it('places every country on exactly one continent, and every EU member state in Europe', () => {
    const all = Object.values(ROUTE53_COUNTRIES_BY_CONTINENT).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(ROUTE53_COUNTRIES).toHaveLength(all.length);
    const euMembers = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
    for (const cc of euMembers) expect(continentOfCountry(cc), cc).toBe('EU');
    expect(ROUTE53_SUBDIVISIONS.US).toHaveLength(51); // the 50 states and DC
  });
});
