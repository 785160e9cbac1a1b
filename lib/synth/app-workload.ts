/**
 * An app's workload objects by kind: Deployment (service, worker), Job,
 * CronJob or StatefulSet, all running the one pod template of
 * pod-template.ts, with their Services, disruption budget and autoscaler.
 */
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppKind, runsToCompletion, servesPort } from '../app-kind';
import type { AppSpec } from '../model/resolved';
import { appSelector, podTemplate } from './pod-template';

/** The headless Service of a stateful app, which gives each replica a stable DNS name. */
export function headlessServiceName(app: string): string {
  return `${app}-headless`;
}

function jobSpec(s: AppSpec, labels: Readonly<Record<string, string>>): Record<string, unknown> {
  const j = s.workload.job!;
  return {
    activeDeadlineSeconds: j.activeDeadlineSeconds,
    backoffLimit: j.backoffLimit,
    completions: j.completions,
    parallelism: j.parallelism,
    template: podTemplate(s, labels),
    ttlSecondsAfterFinished: j.ttlSecondsAfterFinished,
  };
}

/**
 * Adds the app's workload to `chart`: its pods carry `labels` (the fleet's
 * identity labels) and are selected by the app's name alone. `withService`
 * is given the app's Service, when its kind has one, as soon as it is made.
 */
export function addWorkload(chart: Construct, s: AppSpec, labels: Readonly<Record<string, string>>, withService?: (service: kplus.Service) => void): void {
  const kind = s.workload.kind;
  const metadata = { name: s.name, namespace: s.namespace, labels: { ...s.labels } };
  const selector = appSelector(s.name);
  let scaled: { kind: string } | undefined;
  if (kind === AppKind.SERVICE || kind === AppKind.WORKER) {
    new ApiObject(chart, 'deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata,
      spec: {
        minReadySeconds: 0,
        progressDeadlineSeconds: 600,
        replicas: s.replicas,
        // The selector of the first release, unchanged: a workload's selector is immutable.
        selector: { matchLabels: selector },
        strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
        template: podTemplate(s, labels),
      },
    });
    scaled = { kind: 'Deployment' };
  } else if (kind === AppKind.STATEFUL) {
    new ApiObject(chart, 'stateful-set', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata,
      spec: {
        minReadySeconds: 0,
        // One replica at a time, each ready before the next: the order clustered stores expect.
        podManagementPolicy: 'OrderedReady',
        replicas: s.replicas,
        selector: { matchLabels: selector },
        serviceName: headlessServiceName(s.name),
        template: podTemplate(s, labels),
        updateStrategy: { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' },
        volumeClaimTemplates: s.workload.volumes.map((v) => ({
          // The selector label only: the claim templates cannot change (a change replaces the StatefulSet), the app's labels can.
          metadata: { name: v.name, labels: { ...selector } },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: v.size } }, storageClassName: s.workload.storageClass },
        })),
      },
    });
    scaled = { kind: 'StatefulSet' };
  } else if (kind === AppKind.JOB) {
    // Pulumi would otherwise wait for the Job to complete (and fail the update when it fails or outlasts the
    // provider's timeout): the Job runs on its own, its outcome is the cluster's to report.
    new ApiObject(chart, 'job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { ...metadata, annotations: { 'pulumi.com/skipAwait': 'true' } }, spec: jobSpec(s, labels) });
  } else {
    const c = s.workload.cronJob!;
    new ApiObject(chart, 'cron-job', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata,
      spec: {
        concurrencyPolicy: c.concurrencyPolicy,
        failedJobsHistoryLimit: c.failedJobsHistoryLimit,
        jobTemplate: { metadata: { labels: { ...s.labels, ...selector } }, spec: jobSpec(s, labels) },
        schedule: c.schedule,
        startingDeadlineSeconds: c.startingDeadlineSeconds,
        successfulJobsHistoryLimit: c.successfulJobsHistoryLimit,
        suspend: false,
        timeZone: c.timeZone,
      },
    });
  }

  if (servesPort(kind)) {
    const service = new kplus.Service(chart, 'service', {
      metadata: { name: s.name, namespace: s.namespace },
      ports: [{ name: 'http', port: s.servicePort, targetPort: s.port }],
    });
    service.selectLabel('app.kubernetes.io/name', s.name);
    withService?.(service);
  }
  if (kind === AppKind.STATEFUL) {
    const headless = new kplus.Service(chart, 'headless-service', {
      metadata: { name: headlessServiceName(s.name), namespace: s.namespace },
      clusterIP: 'None',
      ports: [{ name: 'http', port: s.port!, targetPort: s.port }],
    });
    headless.selectLabel('app.kubernetes.io/name', s.name);
  }

  // The behaviour cdk8s-plus-28 gave before: up by 4 pods or 200 % a minute, down by minReplicas pods per 5 minutes.
  if (scaled && s.autoscaling) {
    new ApiObject(chart, 'autoscaler', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: s.name, namespace: s.namespace },
      spec: {
        behavior: {
          scaleDown: { policies: [{ periodSeconds: 300, type: 'Pods', value: s.autoscaling.minReplicas }], selectPolicy: 'Max', stabilizationWindowSeconds: 300 },
          scaleUp: { policies: [{ periodSeconds: 60, type: 'Pods', value: 4 }, { periodSeconds: 60, type: 'Percent', value: 200 }], selectPolicy: 'Max', stabilizationWindowSeconds: 0 },
        },
        maxReplicas: s.autoscaling.maxReplicas,
        metrics: [{ resource: { name: 'cpu', target: { averageUtilization: s.autoscaling.targetCpuUtilization, type: 'Utilization' } }, type: 'Resource' }],
        minReplicas: s.autoscaling.minReplicas,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: scaled.kind, name: s.name },
      },
    });
  }

  if (!runsToCompletion(kind)) {
    new kplus.k8s.KubePodDisruptionBudget(chart, 'disruption-budget', {
      metadata: { name: s.name, namespace: s.namespace },
      spec: {
        maxUnavailable: kplus.k8s.IntOrString.fromNumber(s.maxUnavailable),
        selector: { matchLabels: selector },
      },
    });
  }
}
