/**
 * How old each file of the catalogue is: the day its oldest row was read. A
 * synth judged on a day more than {@link CATALOGUE_STALE_AFTER_DAYS} days later
 * warns, naming the file, since AWS's versions, dates and prices move.
 */
import { AWS_REGIONS_SOURCE } from './aws-regions';
import { EKS_AUTO_MODE } from './eks-auto-mode';
import { ADDON_IDENTITIES, ADDON_VERSIONS, CORE_ADDON_NAMES, VPC_CNI_NETWORK_POLICY } from './eks-addons';
import { EKS_CONTROL_PLANE_PRICING, EKS_VERSION_CALENDAR } from './eks-support';
import { AWS_LOAD_BALANCER_CONTROLLER_POLICY, clusterAutoscalerPolicy, POD_IDENTITY_TRUST_POLICY } from './iam-policies';
import { INSTANCE_TYPES_SOURCE } from './instance-types';
import { daysBetween, IsoDate } from './iso-date';
import { AWS_LOAD_BALANCER_CONTROLLER, CLUSTER_AUTOSCALER_CHART, CLUSTER_AUTOSCALER_IMAGE_TAGS, METRICS_SERVER } from './platform-releases';

/** Days after which a catalogue file is reported as possibly out of date. */
export const CATALOGUE_STALE_AFTER_DAYS = 90;

/** One file of the catalogue and the day its oldest row was read. */
export interface CatalogueFile {
  /** The file, from the package root. */
  readonly file: string;
  /** What it holds. */
  readonly holds: string;
  /** The oldest readOn of its rows. */
  readonly readOn: IsoDate;
}

const oldest = (...days: IsoDate[]): IsoDate => [...days].sort()[0]!;

/** Every dated file of the catalogue. */
export const CATALOGUE_FILES: readonly CatalogueFile[] = [
  {
    file: 'lib/catalog/eks-support.ts',
    holds: 'the EKS version calendar and control-plane prices',
    readOn: oldest(...EKS_VERSION_CALENDAR.map((r) => r.readOn), EKS_CONTROL_PLANE_PRICING.readOn),
  },
  {
    file: 'lib/catalog/eks-addons.ts',
    holds: 'the EKS add-on versions per Kubernetes minor',
    readOn: oldest(
      ...ADDON_VERSIONS.flatMap((r) => CORE_ADDON_NAMES.map((n) => r.addons[n].readOn)),
      ...Object.values(ADDON_IDENTITIES).map((a) => a.readOn),
      VPC_CNI_NETWORK_POLICY.readOn,
    ),
  },
  {
    file: 'lib/catalog/platform-releases.ts',
    holds: 'the Helm releases of the platform controllers',
    readOn: oldest(AWS_LOAD_BALANCER_CONTROLLER.readOn, CLUSTER_AUTOSCALER_CHART.readOn, METRICS_SERVER.readOn,
      ...Object.values(CLUSTER_AUTOSCALER_IMAGE_TAGS).map((t) => t.readOn)),
  },
  {
    file: 'lib/catalog/iam-policies.ts',
    holds: 'the controllers\' IAM policies',
    readOn: oldest(AWS_LOAD_BALANCER_CONTROLLER_POLICY.readOn, clusterAutoscalerPolicy('any').readOn, POD_IDENTITY_TRUST_POLICY.readOn),
  },
  {
    file: 'lib/catalog/eks-auto-mode.ts',
    holds: 'what EKS Auto Mode runs and needs',
    readOn: oldest(...Object.values(EKS_AUTO_MODE).map((f) => f.readOn)),
  },
  { file: 'lib/catalog/instance-types.ts', holds: 'the EC2 instance types', readOn: INSTANCE_TYPES_SOURCE.readOn },
  { file: 'lib/catalog/aws-regions.ts', holds: 'the AWS regions', readOn: AWS_REGIONS_SOURCE.readOn },
];

/** A warning for each catalogue file read more than {@link CATALOGUE_STALE_AFTER_DAYS} days before `onDate`. */
export function staleCatalogueFiles(onDate: IsoDate, files: readonly CatalogueFile[] = CATALOGUE_FILES): string[] {
  return files.flatMap((f) => {
    const age = daysBetween(f.readOn, onDate);
    if (age <= CATALOGUE_STALE_AFTER_DAYS) return [];
    return [`fleetform's catalogue file ${f.file} (${f.holds}) was read on ${f.readOn}, ${age} days before ${onDate}; AWS may have changed what it holds since: update fleetform, or refresh the file (in fleetform's repository, \`npm run catalog:refresh\` prints how it differs from what EKS offers today)`];
  });
}
