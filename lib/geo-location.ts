/** Where users are, for geolocation routing: a continent, a country, a US state, or everyone else. */
import type { Continent } from './catalog/aws-regions';
import {
  continentOfCountry, COUNTRY_CODE_ALIASES, isRoute53Continent, ROUTE53_CONTINENTS, ROUTE53_COUNTRIES, ROUTE53_SUBDIVISIONS,
  ROUTE53_UNSUPPORTED_COUNTRIES,
} from './catalog/route53-locations';
import { describeValue, quote } from './checks/describe';
import { isKind, markKind } from './markers';

/** The kinds of location, from the largest to the most specific. */
export type GeoLocationKind = 'default' | 'continent' | 'country' | 'subdivision';

/**
 * A location Route 53 geolocation routing can match, checked against Route
 * 53's own lists (`lib/catalog/route53-locations.ts`): a wrong code is a
 * problem the load balancer that uses it reports, with a "did you mean".
 * Use the factories.
 */
export class GeoLocation {
  /** Users on a continent, by Route 53 code: AF, AN, AS, EU, NA, OC or SA. */
  static continent(code: Continent): GeoLocation {
    return new GeoLocation('continent', code, undefined, continentProblems(code));
  }

  /** Users in a country, by ISO 3166-1 alpha-2 code as Route 53 takes it, such as "DE" (GB for the United Kingdom). */
  static country(code: string): GeoLocation {
    return new GeoLocation('country', code, undefined, countryProblems(code));
  }

  /** Users in a subdivision of a country; Route 53 supports the states of the United States: `subdivision('US', 'CA')`. */
  static subdivision(country: string, subdivision: string): GeoLocation {
    return new GeoLocation('subdivision', country, subdivision, subdivisionProblems(country, subdivision));
  }

  /** Everyone no other rule matches (Route 53's `*`): required in every geolocation policy. */
  static default(): GeoLocation {
    return new GeoLocation('default', '*', undefined, []);
  }

  /** Whether `x` is a GeoLocation (also one made by another copy of fleetform). */
  static isGeoLocation(x: unknown): x is GeoLocation {
    return isKind(x, 'geoLocation');
  }

  private constructor(
    readonly kind: GeoLocationKind,
    /** Continent or country code; `*` for the default. */
    readonly code: string,
    /** The subdivision code, for a subdivision. */
    readonly subdivision: string | undefined,
    /** What is wrong with the codes, reported by the load balancer that uses the location. */
    readonly problems: readonly string[],
  ) {
    markKind(this, 'geoLocation');
  }

  /** A short form for messages, such as `continent EU` or `subdivision US-CA`. */
  describe(): string {
    if (this.kind === 'default') return 'default (*)';
    return this.kind === 'subdivision' ? `subdivision ${this.code}-${this.subdivision}` : `${this.kind} ${this.code}`;
  }
}

/** A location's codes, as a GeoLocation or a resolved rule holds them. */
export interface LocationCodes {
  readonly kind: GeoLocationKind;
  readonly code: string;
  readonly subdivision?: string;
}

/** Whether location `outer` holds every user of location `inner` (a continent its countries, a country its subdivisions). */
export function locationHolds(outer: LocationCodes, inner: LocationCodes): boolean {
  if (outer.kind === 'continent') return inner.kind !== 'default' && inner.kind !== 'continent' && continentOfCountry(inner.code) === outer.code;
  if (outer.kind === 'country') return inner.kind === 'subdivision' && inner.code === outer.code;
  return false;
}

function continentProblems(code: unknown): string[] {
  if (typeof code !== 'string') return [`GeoLocation.continent() was given ${describeValue(code)}; give a Route 53 continent code such as "EU"`];
  if (isRoute53Continent(code)) return [];
  const codes = Object.keys(ROUTE53_CONTINENTS).join(', ');
  const upper = code.toUpperCase();
  const byName = Object.entries(ROUTE53_CONTINENTS).find(([, name]) => name.toLowerCase() === code.trim().toLowerCase())?.[0];
  const hint = isRoute53Continent(upper) ? upper : byName ?? (isRoute53Continent(upper.slice(0, 2)) ? upper.slice(0, 2) : undefined);
  if (continentOfCountry(upper)) {
    return [`GeoLocation.continent(${quote(code)}): ${quote(upper)} is a country code; use GeoLocation.country(${quote(upper)}), or one of Route 53's continent codes: ${codes}`];
  }
  return [`GeoLocation.continent(${quote(code)}) is not one of Route 53's continent codes (${codes})${hint ? `; did you mean ${quote(hint)}?` : ''}`];
}

function countryProblems(code: unknown): string[] {
  const what = `GeoLocation.country(${typeof code === 'string' ? quote(code) : describeValue(code)})`;
  if (typeof code !== 'string') return [`${what}: give a two-letter ISO 3166-1 country code such as "DE"`];
  if (continentOfCountry(code)) return [];
  if (code === '') return [`${what}: the country code is empty; give a two-letter ISO 3166-1 code such as "DE"`];
  if (code === '*') return [`${what}: "*" is Route 53's default location; use GeoLocation.default()`];
  const upper = code.toUpperCase();
  if (COUNTRY_CODE_ALIASES[upper]) {
    return [`${what}: ${quote(upper)} is not the ISO 3166-1 code Route 53 takes; did you mean ${quote(COUNTRY_CODE_ALIASES[upper])}?`];
  }
  if (continentOfCountry(upper)) return [`${what}: country codes are upper case; did you mean ${quote(upper)}?`];
  if (ROUTE53_UNSUPPORTED_COUNTRIES.includes(upper)) {
    return [`${what}: Route 53 has no address data for ${upper} and refuses geolocation records for it; route its users with the continent or the default rule`];
  }
  if (isRoute53Continent(upper)) return [`${what}: ${quote(upper)} is a continent code, not a country; use GeoLocation.continent(${quote(upper)})`];
  if (/^[A-Za-z]{3}$/.test(code)) return [`${what}: Route 53 takes two-letter ISO 3166-1 alpha-2 codes, not three-letter ones; use the two-letter code, such as "DE" for Germany`];
  const byName = countryByName(code);
  return [`${what} is not a country code Route 53 accepts (ISO 3166-1 alpha-2, upper case)${byName ? `; did you mean ${quote(byName)}?` : ', such as "DE"'}`];
}

function subdivisionProblems(country: unknown, subdivision: unknown): string[] {
  const what = `GeoLocation.subdivision(${typeof country === 'string' ? quote(country) : describeValue(country)}, ${typeof subdivision === 'string' ? quote(subdivision) : describeValue(subdivision)})`;
  if (typeof country !== 'string' || typeof subdivision !== 'string') return [`${what}: give a country and a subdivision code, such as ("US", "CA")`];
  const supported = ROUTE53_SUBDIVISIONS[country];
  if (!supported) {
    const upper = country.toUpperCase();
    if (ROUTE53_SUBDIVISIONS[upper]) return [`${what}: country codes are upper case; did you mean ${quote(upper)}?`];
    return [`${what}: Route 53 supports subdivisions only for ${Object.keys(ROUTE53_SUBDIVISIONS).join(', ')} (the states of the United States); use GeoLocation.country(${quote(upper)}) for the whole country`];
  }
  if (supported.includes(subdivision)) return [];
  const upper = subdivision.toUpperCase();
  return [`${what}: ${quote(subdivision)} is not a subdivision of ${country} that Route 53 supports${supported.includes(upper) ? `; did you mean ${quote(upper)}?` : ` (two-letter state codes such as "CA", "NY" or "DC")`}`];
}

/** The code of the country named `name` in English (such as "Germany"), when the runtime knows region names. */
function countryByName(name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  if (wanted.length < 4 || typeof Intl.DisplayNames !== 'function') return undefined;
  try {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    return ROUTE53_COUNTRIES.find((cc) => names.of(cc)?.toLowerCase() === wanted);
  } catch {
    return undefined;
  }
}
