/**
 * Bench baseline: the same objects written with plain cdk8s-plus-28, as a team
 * would without fleetform: per cluster one cdk8s App holding the same charts,
 * synthesized with cdk8s's own `App.synth()` (its YAML and file writing), one
 * cluster at a time. The fleet model only supplies the per-cluster inputs.
 * Args: N M outdir. Prints one JSON line.
 */
import { join } from 'node:path';
import { App } from 'cdk8s';
import { AppChart } from '../../lib/synth/app-chart';
import { BaselineChart } from '../../lib/synth/baseline-chart';
import { identityLabels } from '../../lib/synth/labels';
import { buildBenchFleet } from '../fleets';
import { report } from './report';

const [n, m, outdir] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const fleet = buildBenchFleet(n, m).resolve();
for (const cluster of fleet.clusters) {
  const addresses = cluster.network!;
  const identity = { fleet: fleet.fleet.name, clusterId: cluster.id, region: cluster.region, environment: cluster.environment, loadBalancerRange: addresses.publicRange };
  const labels = identityLabels(identity, cluster.labels);
  const app = new App({ outdir: join(outdir, cluster.id), outputFileExtension: '.k8s.yaml' });
  new BaselineChart(app, 'baseline', {
    identity, labels, kubernetesVersion: cluster.kubernetesVersion,
    vpcCidr: addresses.vpcCidr, serviceCidr: addresses.serviceCidr, tenancy: cluster.tenancy,
  });
  for (const a of cluster.apps) new AppChart(app, `app-${a.name}`, { spec: a.spec, labels, values: identity, kubernetesVersion: cluster.kubernetesVersion });
  app.synth();
}
report();
