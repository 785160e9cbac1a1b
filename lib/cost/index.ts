/** The monthly cost estimate of a fleet (see README, "Cost"). */
export { estimateCost, checkCostOptions, COST_EXCLUSIONS } from './estimate';
export type { CostOptions } from './estimate';
export { formatCostReport } from './format';
export type { GlobalPriceOverrides, PriceOverrides, RegionPriceOverrides } from './prices';
export { DEFAULT_USAGE } from './usage';
export type { NodeCountBasis, UsageAssumptions } from './usage';
export type * from './report';
