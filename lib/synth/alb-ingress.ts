/**
 * An app's Ingress for the AWS Load Balancer Controller: class `alb`, IP
 * targets (pods, through the VPC CNI), one ALB shared by every app of the
 * cluster through a group, HTTPS with HTTP redirected when the app has a
 * certificate for the cluster's region.
 *
 * On an EKS Auto Mode cluster the Ingress names the class of its scheme
 * instead (see auto-mode-chart.ts), whose IngressClassParams set the scheme and
 * the group: Auto Mode does not support the `group.name` annotation. The other
 * annotations (target type, health check path, listen ports, certificate, SSL
 * redirect) are the controller's, which Auto Mode's ALB takes too.
 * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/
 * @see https://docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { AppSpec } from '../model/resolved';
import { AUTO_MODE_INGRESS_CLASSES } from './auto-mode-chart';

/** The IngressClass the controller installs on every cluster. */
export const ALB_INGRESS_CLASS = 'alb';

const ANNOTATION = 'alb.ingress.kubernetes.io';

/** The controller's annotations for an app's ingress on a cluster of fleet `fleet` (on Auto Mode, without scheme and group: its class sets them). */
export function albAnnotations(s: AppSpec, fleet: string, autoMode = false): Record<string, string> {
  const i = s.ingress!;
  const https = i.certificateArn !== undefined;
  return {
    ...(autoMode ? {} : { [`${ANNOTATION}/scheme`]: i.scheme }),
    [`${ANNOTATION}/target-type`]: 'ip',
    ...(autoMode ? {} : { [`${ANNOTATION}/group.name`]: fleet }),
    [`${ANNOTATION}/healthcheck-path`]: s.healthCheck.path ?? readinessPath(s) ?? '/',
    [`${ANNOTATION}/listen-ports`]: https ? '[{"HTTP": 80}, {"HTTPS": 443}]' : '[{"HTTP": 80}]',
    ...(https ? { [`${ANNOTATION}/certificate-arn`]: i.certificateArn!, [`${ANNOTATION}/ssl-redirect`]: '443' } : {}),
  };
}

/** The path of the app's HTTP readiness probe on its own port, which the ALB's health check can share. */
function readinessPath(s: AppSpec): string | undefined {
  const r = s.workload.readinessProbe;
  return r?.check.type === 'http' && (r.port === undefined || r.port === s.port) ? r.check.path : undefined;
}

/** Adds the app's Ingress, routing its host and path to `service`; `autoMode` for a cluster on EKS Auto Mode. */
export function addAlbIngress(chart: Construct, s: AppSpec, service: kplus.Service, fleet: string, autoMode = false): void {
  const ingress = new kplus.Ingress(chart, 'ingress', {
    metadata: { name: s.name, namespace: s.namespace, annotations: albAnnotations(s, fleet, autoMode) },
    className: autoMode ? AUTO_MODE_INGRESS_CLASSES[s.ingress!.scheme] : ALB_INGRESS_CLASS,
  });
  ingress.addHostRule(s.ingress!.host, s.ingress!.path, kplus.IngressBackend.fromService(service, { port: s.servicePort }), kplus.HttpIngressPathType.PREFIX);
}
