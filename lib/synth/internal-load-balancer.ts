/**
 * The internal Network Load Balancer in front of an app that apps on other
 * clusters call: a Service of type LoadBalancer that the AWS Load Balancer
 * Controller (or EKS Auto Mode) turns into an internal NLB with IP targets,
 * the callers' addresses preserved so the app's network policy can admit
 * exactly their clusters' pod ranges.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { AppSpec } from '../model/resolved';
import { internalServiceName } from '../naming';
import { appSelector } from './pod-template';

/** The class of NLBs the AWS Load Balancer Controller builds, and the one of EKS Auto Mode. */
export const NLB_CLASS = { controller: 'service.k8s.aws/nlb', autoMode: 'eks.amazonaws.com/nlb' } as const;

const ANNOTATION = 'service.beta.kubernetes.io/aws-load-balancer';

/**
 * Adds `<app>-internal` when the app has an internal load balancer on the cluster: internal scheme,
 * in the cluster's public subnets (whose range the network policies already name for load balancers;
 * an internal NLB takes private addresses only), IP targets with client IP preservation, listening on
 * the Service port and open only to the callers' pod ranges.
 */
export function addInternalLoadBalancer(chart: Construct, s: AppSpec, autoMode: boolean): void {
  const lb = s.internalLoadBalancer;
  if (!lb || s.port === undefined) return;
  new ApiObject(chart, 'internal-load-balancer', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: internalServiceName(s.name),
      namespace: s.namespace,
      annotations: {
        [`${ANNOTATION}-scheme`]: 'internal',
        [`${ANNOTATION}-nlb-target-type`]: 'ip',
        [`${ANNOTATION}-subnets`]: lb.subnets.join(','),
        [`${ANNOTATION}-target-group-attributes`]: 'preserve_client_ip.enabled=true',
      },
    },
    spec: {
      type: 'LoadBalancer',
      loadBalancerClass: autoMode ? NLB_CLASS.autoMode : NLB_CLASS.controller,
      loadBalancerSourceRanges: [...lb.sourceRanges],
      selector: appSelector(s.name),
      ports: [{ name: 'http', protocol: 'TCP', port: s.servicePort, targetPort: s.port }],
    },
  });
}
