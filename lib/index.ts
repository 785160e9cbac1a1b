/**
 * Typed constructs for multi-cluster Kubernetes fleets: `import { Fleet, EnvironmentFleet, FleetApp } from 'fleetform'`.
 * @module fleetform
 */
export * from './fleet';
export * from './api-endpoint';
export * from './regional-cluster';
export * from './environment-fleet';
export * from './environment-profile';
export * from './fleet-app';
export * from './gdpr-zone';
export * from './global-load-balancer';
export * from './routing-policy';
export * from './hosted-zone';
export * from './app-options';
export * from './placement';
export * from './node-pool';
export * from './tenancy';
export * from './errors';
export { AddressLock } from './net/address-lock';
export type { LockedCluster, LockedNodePool } from './net/address-lock';
export type { AddressPlan, ClusterAddresses } from './net/address-plan';
export { AWS_REGIONS, AWS_REGION_CATALOGUE, EU_MEMBER_STATE_REGIONS } from './catalog/aws-regions';
export type { AwsRegion, Continent } from './catalog/aws-regions';
export { KUBERNETES_VERSIONS, DEFAULT_KUBERNETES_VERSION } from './catalog/kubernetes-versions';
export { EKS_VERSION_CALENDAR } from './catalog/eks-support';
export type { EksVersionRow, SupportPhase } from './catalog/eks-support';
export { ADDON_VERSIONS } from './catalog/eks-addons';
export type { AddonChoice, AddonVersionRow, CoreAddonName } from './catalog/eks-addons';
export type * from './model/resolved';
export { findApp, findCluster } from './model/resolved';
export type { DnsLeaf, DnsRecord, DnsTree, RecordRouting, TreeRouting } from './model/dns-tree';
export { reachableLeaves } from './model/dns-tree';
export type { FleetRule, RuleFinding } from './rules/rule';
export { FLEET_RULES } from './rules';
export type { FleetAssembly } from './synth/assembly';
export type { ClusterArtifact, ManifestFile } from './synth/cluster-synth';
export type * from './synth/fleet-topology';
export { TOPOLOGY_SCHEMA_VERSION } from './synth/fleet-topology';
export { PHASES } from './synth/phases';
export type { Phase } from './synth/phases';
export type { WriteOutputOptions, WriteReport } from './io/output-writer';
export { OutputError } from './io/output-error';
export { RECORD_FILE } from './io/output-record';
export * from './cost';
export { AWS_PRICES, AWS_PRICE_SOURCES, AWS_PRICES_READ_ON, HOURS_PER_MONTH } from './catalog/aws-prices';
export type { GlobalPrices, HealthCheckPrices, PriceBasis, PriceSource, PriceSourceKey, PriceTable, RegionPrices } from './catalog/aws-prices';
export * from './diagram';
