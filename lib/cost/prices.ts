/**
 * Price overrides for the cost estimate: checked, then laid over fleetform's
 * table. Pure.
 */
import { AWS_PRICES, BASE_PRICE_REGION, GlobalPrices, HealthCheckPrices, PriceTable, RegionPrices } from '../catalog/aws-prices';
import { checkRegion } from '../catalog/aws-regions';
import { checkInstanceType } from '../catalog/instance-types';
import type { FleetProblem } from '../errors';

/** Prices of one region to use instead of the table's (or of us-east-1's, for a region the table lacks). */
export type RegionPriceOverrides = Partial<Omit<RegionPrices, 'ec2OnDemandPerHour'>> & {
  /** Per instance type; types not given keep the table's price. */
  readonly ec2OnDemandPerHour?: Readonly<Record<string, number>>;
};

/** Global prices to use instead of the table's. */
export type GlobalPriceOverrides = Partial<Omit<GlobalPrices, 'healthCheckAwsEndpoint' | 'healthCheckNonAwsEndpoint'>> & {
  readonly healthCheckAwsEndpoint?: Partial<HealthCheckPrices>;
  readonly healthCheckNonAwsEndpoint?: Partial<HealthCheckPrices>;
};

/** Prices to use instead of fleetform's table, such as your own region's or your negotiated ones. */
export interface PriceOverrides {
  /** By region name, such as `eu-west-1`. */
  readonly regions?: Readonly<Record<string, RegionPriceOverrides>>;
  readonly global?: GlobalPriceOverrides;
}

/** Where problems with the options are reported. */
export const COST_OPTIONS_PATH = 'estimateCost options';

const REGION_FIELDS: readonly (keyof RegionPrices)[] = Object.keys(AWS_PRICES.regions[BASE_PRICE_REGION]!) as (keyof RegionPrices)[];
const GLOBAL_FIELDS: readonly (keyof GlobalPrices)[] = Object.keys(AWS_PRICES.global) as (keyof GlobalPrices)[];
const HEALTH_CHECK_FIELDS: readonly (keyof HealthCheckPrices)[] = ['perMonth', 'perOptionMonth'];
const FRACTIONS: readonly string[] = ['spotDiscount', 'dedicatedPremium'];

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function checkPrice(at: string, value: unknown, fraction = false): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${at} is ${JSON.stringify(value)}; give a price in US dollars as a finite number, such as 0.1`;
  if (value < 0) return `${at} is ${value}; a price cannot be negative`;
  if (fraction && value >= 1) return `${at} is ${value}; give a fraction below 1, such as 0.6 for 60%`;
  return undefined;
}

function unknownKey(at: string, key: string, known: readonly string[]): string {
  return `${at} has no field "${key}"; use one of ${known.join(', ')}`;
}

/** Problems of `prices`; empty when they can be used. */
export function checkPriceOverrides(prices: unknown): FleetProblem[] {
  const problems: string[] = [];
  const at = 'prices';
  if (prices === undefined) return [];
  if (!isObject(prices)) return [{ path: COST_OPTIONS_PATH, message: `${at} is ${JSON.stringify(prices)}; give an object such as { regions: { 'eu-west-1': { natGatewayPerHour: 0.048 } } }` }];
  for (const key of Object.keys(prices)) if (key !== 'regions' && key !== 'global') problems.push(unknownKey(at, key, ['regions', 'global']));
  if (prices.regions !== undefined) {
    if (!isObject(prices.regions)) problems.push(`${at}.regions is not an object of region names to prices`);
    else {
      for (const [region, given] of Object.entries(prices.regions)) {
        const where = `${at}.regions["${region}"]`;
        const bad = checkRegion(region);
        if (bad) problems.push(`${where}: ${bad}`);
        if (!isObject(given)) {
          problems.push(`${where} is not an object of prices`);
          continue;
        }
        for (const [field, value] of Object.entries(given)) {
          if (!(REGION_FIELDS as readonly string[]).includes(field)) problems.push(unknownKey(where, field, REGION_FIELDS));
          else if (field === 'ec2OnDemandPerHour') {
            if (!isObject(value)) problems.push(`${where}.ec2OnDemandPerHour is not an object of instance types to prices`);
            else {
              for (const [type, price] of Object.entries(value)) {
                const unknownType = checkInstanceType(type);
                if (unknownType) problems.push(`${where}.ec2OnDemandPerHour: ${unknownType}`);
                const p = checkPrice(`${where}.ec2OnDemandPerHour["${type}"]`, price);
                if (p) problems.push(p);
              }
            }
          } else {
            const p = checkPrice(`${where}.${field}`, value);
            if (p) problems.push(p);
          }
        }
      }
    }
  }
  if (prices.global !== undefined) {
    const where = `${at}.global`;
    if (!isObject(prices.global)) problems.push(`${where} is not an object of prices`);
    else {
      for (const [field, value] of Object.entries(prices.global)) {
        if (!(GLOBAL_FIELDS as readonly string[]).includes(field)) problems.push(unknownKey(where, field, GLOBAL_FIELDS));
        else if (field === 'healthCheckAwsEndpoint' || field === 'healthCheckNonAwsEndpoint') {
          if (!isObject(value)) problems.push(`${where}.${field} is not an object such as { perMonth: 0.5, perOptionMonth: 1 }`);
          else {
            for (const [k, v] of Object.entries(value)) {
              if (!(HEALTH_CHECK_FIELDS as readonly string[]).includes(k)) problems.push(unknownKey(`${where}.${field}`, k, HEALTH_CHECK_FIELDS));
              else {
                const p = checkPrice(`${where}.${field}.${k}`, v);
                if (p) problems.push(p);
              }
            }
          }
        } else {
          const p = checkPrice(`${where}.${field}`, value, FRACTIONS.includes(field));
          if (p) problems.push(p);
        }
      }
    }
  }
  return problems.map((message) => ({ path: COST_OPTIONS_PATH, message }));
}

/** The table with `overrides` laid over it; call {@link checkPriceOverrides} first. */
export function applyPriceOverrides(table: PriceTable, overrides: PriceOverrides | undefined): PriceTable {
  if (!overrides) return table;
  const regions: Record<string, RegionPrices> = { ...table.regions };
  for (const [region, given] of Object.entries(overrides.regions ?? {})) {
    const base = table.regions[region] ?? table.regions[BASE_PRICE_REGION]!;
    regions[region] = { ...base, ...given, ec2OnDemandPerHour: { ...base.ec2OnDemandPerHour, ...(given.ec2OnDemandPerHour ?? {}) } };
  }
  const g = overrides.global ?? {};
  return {
    ...table,
    regions,
    global: {
      ...table.global,
      ...g,
      healthCheckAwsEndpoint: { ...table.global.healthCheckAwsEndpoint, ...(g.healthCheckAwsEndpoint ?? {}) },
      healthCheckNonAwsEndpoint: { ...table.global.healthCheckNonAwsEndpoint, ...(g.healthCheckNonAwsEndpoint ?? {}) },
    },
  };
}

/** The prices of `region`, and whether the table holds them (else us-east-1's stand in). */
export function regionPrices(table: PriceTable, region: string): { prices: RegionPrices; own: boolean } {
  const own = table.regions[region];
  return own ? { prices: own, own: true } : { prices: table.regions[BASE_PRICE_REGION]!, own: false };
}
