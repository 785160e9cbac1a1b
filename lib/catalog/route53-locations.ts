/**
 * The locations Route 53 geolocation routing accepts, as Route 53 itself
 * groups them: seven continents, the countries Route 53 places on each, the
 * countries it has no data for, and the subdivisions it supports (states of
 * the United States only).
 *
 * Continent membership is Route 53's own, not a geography textbook's: it
 * decides which users a continent record answers (Cyprus and Russia are in
 * Europe, Turkey and Georgia in Asia), so residency checks read it from here.
 */
import type { Continent } from './aws-regions';

/** Where the tables below come from. */
export const ROUTE53_LOCATION_SOURCES = [
  {
    what: 'continent codes; countries by continent; countries Route 53 has no data for (BV, CX, EH, HM)',
    url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-geo.html#rrsets-values-geo-location',
    copy: 'awsdocs/amazon-route53-docs doc_source/resource-record-sets-values-geo.md @ 0ff8bb6ddece2c1eee9f55a83ae818ad8998ce2a ("Here are the countries that Amazon Route 53 associates with each continent")',
    readOn: '2026-12-04',
  },
  {
    what: 'country codes are ISO 3166-1 alpha-2 (plus UA); subdivision codes are states of the United States only, with country US',
    url: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_GeoLocation.html',
    copy: 'Route 53 API Reference, GeoLocation: "Route 53 doesn\'t support any other values for SubdivisionCode"; state codes from USPS Publication 28, Appendix B (the 50 states and DC; territories such as PR are countries in Route 53)',
    readOn: '2026-12-04',
  },
] as const;

/** Route 53's continent codes and their names. */
export const ROUTE53_CONTINENTS: Readonly<Record<Continent, string>> = {
  AF: 'Africa',
  AN: 'Antarctica',
  AS: 'Asia',
  EU: 'Europe',
  NA: 'North America',
  OC: 'Oceania',
  SA: 'South America',
};

/** The countries Route 53 associates with each continent (ISO 3166-1 alpha-2, and XK for Kosovo). */
export const ROUTE53_COUNTRIES_BY_CONTINENT: Readonly<Record<Continent, readonly string[]>> = {
  AF: ['AO', 'BF', 'BI', 'BJ', 'BW', 'CD', 'CF', 'CG', 'CI', 'CM', 'CV', 'DJ', 'DZ', 'EG', 'ER', 'ET', 'GA', 'GH', 'GM', 'GN', 'GQ', 'GW', 'KE', 'KM', 'LR', 'LS', 'LY', 'MA', 'MG', 'ML', 'MR', 'MU', 'MW', 'MZ', 'NA', 'NE', 'NG', 'RE', 'RW', 'SC', 'SD', 'SH', 'SL', 'SN', 'SO', 'SS', 'ST', 'SZ', 'TD', 'TG', 'TN', 'TZ', 'UG', 'YT', 'ZA', 'ZM', 'ZW'],
  AN: ['AQ', 'GS', 'TF'],
  AS: ['AE', 'AF', 'AM', 'AZ', 'BD', 'BH', 'BN', 'BT', 'CC', 'CN', 'GE', 'HK', 'ID', 'IL', 'IN', 'IO', 'IQ', 'IR', 'JO', 'JP', 'KG', 'KH', 'KP', 'KR', 'KW', 'KZ', 'LA', 'LB', 'LK', 'MM', 'MN', 'MO', 'MV', 'MY', 'NP', 'OM', 'PH', 'PK', 'PS', 'QA', 'SA', 'SG', 'SY', 'TH', 'TJ', 'TM', 'TR', 'TW', 'UZ', 'VN', 'YE'],
  EU: ['AD', 'AL', 'AT', 'AX', 'BA', 'BE', 'BG', 'BY', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FO', 'FR', 'GB', 'GG', 'GI', 'GR', 'HR', 'HU', 'IE', 'IM', 'IS', 'IT', 'JE', 'LI', 'LT', 'LU', 'LV', 'MC', 'MD', 'ME', 'MK', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'RS', 'RU', 'SE', 'SI', 'SJ', 'SK', 'SM', 'UA', 'VA', 'XK'],
  NA: ['AG', 'AI', 'AW', 'BB', 'BL', 'BM', 'BQ', 'BS', 'BZ', 'CA', 'CR', 'CU', 'CW', 'DM', 'DO', 'GD', 'GL', 'GP', 'GT', 'HN', 'HT', 'JM', 'KN', 'KY', 'LC', 'MF', 'MQ', 'MS', 'MX', 'NI', 'PA', 'PM', 'PR', 'SV', 'SX', 'TC', 'TT', 'US', 'VC', 'VG', 'VI'],
  OC: ['AS', 'AU', 'CK', 'FJ', 'FM', 'GU', 'KI', 'MH', 'MP', 'NC', 'NF', 'NR', 'NU', 'NZ', 'PF', 'PG', 'PN', 'PW', 'SB', 'TK', 'TL', 'TO', 'TV', 'UM', 'VU', 'WF', 'WS'],
  SA: ['AR', 'BO', 'BR', 'CL', 'CO', 'EC', 'FK', 'GF', 'GY', 'PE', 'PY', 'SR', 'UY', 'VE'],
};

/** ISO 3166-1 codes Route 53 refuses: it has no data about their addresses. */
export const ROUTE53_UNSUPPORTED_COUNTRIES: readonly string[] = ['BV', 'CX', 'EH', 'HM'];

/** The subdivisions Route 53 supports, by country: the states of the United States and DC. */
export const ROUTE53_SUBDIVISIONS: Readonly<Record<string, readonly string[]>> = {
  US: ['AK', 'AL', 'AR', 'AZ', 'CA', 'CO', 'CT', 'DC', 'DE', 'FL', 'GA', 'HI', 'IA', 'ID', 'IL', 'IN', 'KS', 'KY', 'LA', 'MA', 'MD', 'ME', 'MI', 'MN', 'MO', 'MS', 'MT', 'NC', 'ND', 'NE', 'NH', 'NJ', 'NM', 'NV', 'NY', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VA', 'VT', 'WA', 'WI', 'WV', 'WY'],
};

/** Codes people reach for that are not the ISO code Route 53 takes, with the one meant. */
export const COUNTRY_CODE_ALIASES: Readonly<Record<string, string>> = {
  UK: 'GB', // the United Kingdom's ISO code is GB; UK is only "exceptionally reserved"
  EL: 'GR', // the European Union's code for Greece
};

const CONTINENT_OF = new Map<string, Continent>(
  (Object.entries(ROUTE53_COUNTRIES_BY_CONTINENT) as [Continent, readonly string[]][]).flatMap(([c, list]) => list.map((cc) => [cc, c] as const)),
);

/** Every country code Route 53 accepts, sorted. */
export const ROUTE53_COUNTRIES: readonly string[] = [...CONTINENT_OF.keys()].sort();

/** Whether `code` is one of Route 53's continent codes. */
export function isRoute53Continent(code: string): code is Continent {
  return Object.prototype.hasOwnProperty.call(ROUTE53_CONTINENTS, code);
}

/** The continent Route 53 places a country on, or undefined for a code it does not accept. */
export function continentOfCountry(code: string): Continent | undefined {
  return CONTINENT_OF.get(code);
}
