/**
 * The network policies of an app's namespace: everything denied, then the
 * app's own allowances. Enforced by the VPC CNI's network policy agent, which
 * each cluster turns on (and which always admits the node's kubelet probes).
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { AppPeer, AppSpec } from '../model/resolved';
import { publicInternet } from '../net/ipv4';
import type { ClusterValues } from './labels';

/** Where the EKS Pod Identity agent answers pods asking for credentials. */
export const POD_IDENTITY_AGENT = '169.254.170.23/32';

const tcp = (port: number) => ({ protocol: 'TCP', port: kplus.k8s.IntOrString.fromNumber(port) });
const appPods = (name: string) => ({ matchLabels: { 'app.kubernetes.io/name': name } });
const peer = (p: AppPeer) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': p.namespace } }, podSelector: appPods(p.name) });

/**
 * Adds the namespace's policies to `chart`:
 * - `default-deny`: no traffic in or out of any pod of the namespace;
 * - `<app>-ingress` (an app with a port): to the app's port, from pods of its namespace, from its
 *   load balancer's range when it has an ingress or a global load balancer
 *   sends users to it or it has an internal load balancer (health checks), from the apps it
 *   admits as callers, and from the pod ranges of the clusters that call it across clusters;
 * - `<app>-egress`: DNS (kube-system's kube-dns), the Pod Identity agent, its
 *   namespace, the apps that admit it, the internal load balancers of the apps it calls on
 *   other clusters, and — unless turned off — the public
 *   internet, never the VPC's other workloads or the node's metadata service.
 */
export function addAppNetworkPolicies(chart: Construct, s: AppSpec, values: ClusterValues): void {
  const namespace = s.namespace;
  new kplus.k8s.KubeNetworkPolicy(chart, 'default-deny', {
    metadata: { name: 'default-deny', namespace },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });

  // An app that serves no port (a worker, a job) admits nothing: the default deny stands.
  if (s.port !== undefined) {
    const port = s.port;
    const from: kplus.k8s.NetworkPolicyPeer[] = [{ podSelector: {} }];
    // The load balancers' range: user traffic through the ALB, and the health checks of an internal NLB.
    if (s.ingress || s.loadBalanced || s.internalLoadBalancer) from.push({ ipBlock: { cidr: values.loadBalancerRange } });
    // Callers on other clusters, through the internal NLB, which keeps their addresses: their clusters' pod ranges only.
    const remote = s.internalLoadBalancer?.sourceRanges ?? [];
    new kplus.k8s.KubeNetworkPolicy(chart, 'allow-ingress', {
      metadata: { name: `${s.name}-ingress`, namespace },
      spec: {
        podSelector: appPods(s.name),
        policyTypes: ['Ingress'],
        ingress: [
          { from, ports: [tcp(port)] },
          ...(s.callers.length ? [{ from: s.callers.map(peer), ports: [tcp(port)] }] : []),
          ...(remote.length ? [{ from: remote.map((cidr) => ({ ipBlock: { cidr } })), ports: [tcp(port)] }] : []),
        ],
      },
    });
  }

  const egress: kplus.k8s.NetworkPolicyEgressRule[] = [
    {
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ protocol: 'UDP', port: kplus.k8s.IntOrString.fromNumber(53) }, tcp(53)],
    },
    { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT } }], ports: [tcp(80)] },
    { to: [{ podSelector: {} }] },
    ...s.callees.map((c) => ({ to: [peer(c)], ports: [tcp(c.port)] })),
    // Apps called on other clusters: their internal load balancers, on the listener port.
    ...(s.remoteCallees ?? []).map((c) => ({ to: c.ranges.map((cidr) => ({ ipBlock: { cidr } })), ports: [tcp(c.port)] })),
  ];
  const cidrs = [...(s.egress.internet ? publicInternet() : []), ...s.egress.cidrs];
  if (cidrs.length > 0) egress.push({ to: cidrs.map((cidr) => ({ ipBlock: { cidr } })) });
  new kplus.k8s.KubeNetworkPolicy(chart, 'allow-egress', {
    metadata: { name: `${s.name}-egress`, namespace },
    spec: { podSelector: appPods(s.name), policyTypes: ['Egress'], egress },
  });
}
