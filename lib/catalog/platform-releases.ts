/**
 * Pinned releases of the in-cluster controllers fleetform installs with Helm:
 * the AWS Load Balancer Controller, the Cluster Autoscaler, metrics-server,
 * on clusters whose apps read secrets, the External Secrets Operator and, in a
 * fleet with a trust root, cert-manager, the AWS Private CA issuer and trust-manager.
 * Never "latest": moving a pin means editing this file, its source and its
 * readOn date.
 */

/** A pinned Helm chart release. */
export interface HelmRelease {
  /** The chart repository URL. */
  readonly repository: string;
  /** The chart name in that repository. */
  readonly chart: string;
  /** The chart version. */
  readonly chartVersion: string;
  /** The application version the chart ships by default. */
  readonly appVersion: string;
  /** Where the facts come from. */
  readonly source: string;
  /** When the source was read. */
  readonly readOn: string;
}

/**
 * AWS Load Balancer Controller. One release serves every offered minor: the
 * controller's installation guide says v2.5.0 and later require Kubernetes 1.22+
 * and gives no upper bound.
 */
export const AWS_LOAD_BALANCER_CONTROLLER: HelmRelease & {
  /** The oldest Kubernetes minor the pinned release supports. */
  readonly minKubernetes: string;
  /** The IngressClass the chart creates by default, and its controller string. */
  readonly ingressClass: { readonly name: string; readonly controller: string };
  /** Where to install it and the `serviceAccount.name` value to set (the chart otherwise derives the name from the release name). */
  readonly serviceAccount: { readonly namespace: string; readonly name: string };
} = {
  repository: 'https://aws.github.io/eks-charts',
  chart: 'aws-load-balancer-controller',
  chartVersion: '3.5.0',
  appVersion: 'v3.5.0',
  minKubernetes: '1.22',
  ingressClass: { name: 'alb', controller: 'ingress.k8s.aws/alb' },
  serviceAccount: { namespace: 'kube-system', name: 'aws-load-balancer-controller' },
  source:
    'https://github.com/aws/eks-charts/blob/5239609242f3430be50fb0b714a24d3ef2b47983/stable/aws-load-balancer-controller/Chart.yaml (chart 3.5.0, appVersion v3.5.0, 2026-08-03); ' +
    'https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/v3.5.0/docs/deploy/installation.md ("Supported Kubernetes versions"); ' +
    'helm/aws-load-balancer-controller/values.yaml and templates/ingressclass.yaml at v3.5.0',
  readOn: '2026-11-24',
};

/** The Cluster Autoscaler chart; one chart version with the image tag set per Kubernetes minor. */
export const CLUSTER_AUTOSCALER_CHART: HelmRelease & {
  /** The image repository the chart uses by default. */
  readonly imageRepository: string;
} = {
  repository: 'https://kubernetes.github.io/autoscaler',
  chart: 'cluster-autoscaler',
  chartVersion: '9.59.0',
  appVersion: '1.35.0',
  imageRepository: 'registry.k8s.io/autoscaling/cluster-autoscaler',
  source:
    'https://github.com/kubernetes/autoscaler/blob/cluster-autoscaler-chart-9.59.0/cluster-autoscaler/charts/cluster-autoscaler/Chart.yaml ' +
    '(tag of 2026-07-21; values.yaml image.repository and image.tag)',
  readOn: '2026-11-24',
};

/** One Cluster Autoscaler image tag. */
export interface AutoscalerImageTag {
  /** The `registry.k8s.io/autoscaling/cluster-autoscaler` tag. */
  readonly tag: string;
  /** Where it was read. */
  readonly source: string;
  /** When the source was read. */
  readonly readOn: string;
}

const AUTOSCALER_TAGS_SOURCE = 'https://github.com/kubernetes/autoscaler/tags (the newest cluster-autoscaler-1.X.Y release tag of each minor in the stored snapshot of kubernetes/autoscaler of 2026-08-22)';
const autoscalerTag = (tag: string): AutoscalerImageTag => ({ tag, source: AUTOSCALER_TAGS_SOURCE, readOn: '2026-11-24' });

/**
 * Cluster Autoscaler image tags per Kubernetes minor. The autoscaler's minor must
 * match the cluster's (its README, "Releases": versioning matches Kubernetes minor
 * releases exactly, and users should run the latest release "that corresponds to
 * the minor version of Kubernetes that their cluster is running"), so the chart
 * above is installed with `image.tag` set from this table.
 */
export const CLUSTER_AUTOSCALER_IMAGE_TAGS: Readonly<Record<string, AutoscalerImageTag>> = {
  '1.31': autoscalerTag('v1.31.5'),
  '1.32': autoscalerTag('v1.32.7'),
  '1.33': autoscalerTag('v1.33.6'),
  '1.34': autoscalerTag('v1.34.5'),
  '1.35': autoscalerTag('v1.35.2'),
  '1.36': autoscalerTag('v1.36.1'),
};

/**
 * metrics-server, which serves the resource metrics every HorizontalPodAutoscaler
 * reads. Installed from its upstream chart: no version of the EKS community
 * add-on could be confirmed per Kubernetes minor. It needs no AWS permissions.
 */
export const METRICS_SERVER: HelmRelease & { readonly namespace: string } = {
  repository: 'https://kubernetes-sigs.github.io/metrics-server/',
  chart: 'metrics-server',
  chartVersion: '3.13.1',
  appVersion: '0.8.1',
  namespace: 'kube-system',
  source:
    'https://github.com/kubernetes-sigs/metrics-server/releases/tag/metrics-server-helm-chart-3.13.1; ' +
    'kubernetes-sigs/metrics-server@5ed5d3a2cf940a8c7541cfbac19af822f4c97844 (2026-08-04) charts/metrics-server/Chart.yaml: version 3.13.1, appVersion 0.8.1 ' +
    '("Update the Metrics Server OCI image to 0.8.1")',
  readOn: '2026-12-04',
};

/**
 * The External Secrets Operator, which copies secrets from AWS Secrets Manager
 * into Kubernetes Secrets of the apps that reference them. Installed only on
 * clusters where such an app runs. It serves the `external-secrets.io/v1` API
 * (`v1beta1` is still in the CRDs but deprecated and no longer served). The chart
 * runs three Deployments of one pod each by default: the controller, its
 * admission webhook and the webhook's certificate controller; it installs its CRDs.
 * With EKS Pod Identity the stores need no `auth` block: the controller uses the
 * credentials of its own service account.
 */
export const EXTERNAL_SECRETS_OPERATOR: HelmRelease & {
  /** The API version of ExternalSecret and ClusterSecretStore the pinned release serves. */
  readonly apiVersion: string;
  /** Where to install it and the `serviceAccount.name` value to set. */
  readonly serviceAccount: { readonly namespace: string; readonly name: string };
  /** Pods the chart runs by default (controller, webhook, cert-controller), for cost estimates. */
  readonly pods: number;
} = {
  repository: 'https://charts.external-secrets.io',
  chart: 'external-secrets',
  chartVersion: '2.9.0',
  appVersion: 'v2.9.0',
  apiVersion: 'external-secrets.io/v1',
  serviceAccount: { namespace: 'external-secrets', name: 'external-secrets' },
  pods: 3,
  source:
    'https://github.com/external-secrets/external-secrets/blob/cc5bfbc2234ace9cb0caff4ea89c435cf517b27b/deploy/charts/external-secrets/Chart.yaml ' +
    '(tag helm-chart-2.9.0 / v2.9.0, 2026-08-08: version 2.9.0, appVersion v2.9.0; values.yaml: installCRDs true, replicaCount, webhook.replicaCount and certController.replicaCount 1); ' +
    'config/crds/bases/external-secrets.io_externalsecrets.yaml and _clustersecretstores.yaml at that commit (v1 served and stored, v1beta1 deprecated, served: false); ' +
    'docs/provider/aws-access.md ("EKS Pod Identity Setup": no auth section in the store)',
  readOn: '2026-12-06',
};

/**
 * cert-manager, which issues and renews the certificates workloads ask for with
 * `Certificate` objects, in a fleet with a trust root (`Fleet` prop `trust`).
 * The chart installs its CRDs only when told (`crds.enabled`, default false);
 * installed as release `cert-manager` in namespace `cert-manager`, its service
 * account is `cert-manager`, the name the AWS Private CA issuer's approver role names.
 */
export const CERT_MANAGER: HelmRelease & {
  readonly namespace: string;
  /** The API version of ClusterIssuer and Certificate. */
  readonly apiVersion: string;
} = {
  repository: 'https://charts.jetstack.io',
  chart: 'cert-manager',
  chartVersion: 'v1.21.1',
  appVersion: 'v1.21.1',
  namespace: 'cert-manager',
  apiVersion: 'cert-manager.io/v1',
  source:
    'https://github.com/cert-manager/cert-manager/tree/v1.21.1/deploy/charts/cert-manager (tag v1.21.1, commit 24e33194fb39488eff2bbf10c6dc640f407cad44, 2026-07-29; ' +
    'values.yaml: crds.enabled false, replicaCount 1, serviceAccount name from the release\'s full name; deploy/crds/cert-manager.io_clusterissuers.yaml: v1 served and stored)',
  readOn: '2026-12-06',
};

/**
 * The AWS Private CA issuer, an external issuer of cert-manager that signs
 * certificate requests with AWS Private CA (`AWSPCAClusterIssuer`,
 * `awspca.cert-manager.io/v1beta1`). The chart ships its CRDs, runs 2 replicas and
 * by default lets cert-manager's service account (`cert-manager` in `cert-manager`)
 * approve requests for its issuers (`approverRole`).
 */
export const AWS_PRIVATECA_ISSUER: HelmRelease & {
  /** The API version of AWSPCAClusterIssuer. */
  readonly apiVersion: string;
  /** Where to install it and the `serviceAccount.name` value to set. */
  readonly serviceAccount: { readonly namespace: string; readonly name: string };
} = {
  repository: 'https://cert-manager.github.io/aws-privateca-issuer',
  chart: 'aws-privateca-issuer',
  chartVersion: 'v1.9.0',
  appVersion: 'v1.9.0',
  apiVersion: 'awspca.cert-manager.io/v1beta1',
  serviceAccount: { namespace: 'aws-privateca-issuer', name: 'aws-privateca-issuer' },
  source:
    'https://github.com/cert-manager/aws-privateca-issuer/tree/v1.9.0/charts/aws-pca-issuer (tag v1.9.0, commit 604302103927c6482d3e7b343865c124f066caba, 2026-06-12: ' +
    'Chart.yaml version and appVersion v1.9.0; values.yaml replicaCount 2, approverRole cert-manager/cert-manager; crds/ AWSPCAClusterIssuer v1beta1); README "minimal policy"',
  readOn: '2026-12-06',
};

/**
 * trust-manager, which copies the fleet CA's certificate (public) from a
 * ConfigMap of its trust namespace (`cert-manager`) into a ConfigMap of every
 * namespace (`Bundle`, `trust.cert-manager.io/v1alpha1`). Its webhook's
 * certificate is issued by cert-manager, so it is installed after it.
 */
export const TRUST_MANAGER: HelmRelease & {
  /** The API version of Bundle. */
  readonly apiVersion: string;
  /** The namespace it reads sources from (`app.trust.namespace`), cert-manager's. */
  readonly trustNamespace: string;
} = {
  repository: 'https://charts.jetstack.io',
  chart: 'trust-manager',
  chartVersion: 'v0.24.0',
  appVersion: 'v0.24.0',
  apiVersion: 'trust.cert-manager.io/v1alpha1',
  trustNamespace: 'cert-manager',
  source:
    'https://github.com/cert-manager/trust-manager/tree/v0.24.0/deploy/charts/trust-manager (tag v0.24.0, commit 75590d07c8b52b29cafd7b01bac6a1adbfa591cd, 2026-06-27: ' +
    'values.yaml crds.enabled true, app.trust.namespace cert-manager, webhook certificate from cert-manager; Bundle v1alpha1 served and stored)',
  readOn: '2026-12-06',
};

/** The Cluster Autoscaler release for a Kubernetes minor. */
export interface ClusterAutoscalerRelease {
  /** The chart to install. */
  readonly chart: typeof CLUSTER_AUTOSCALER_CHART;
  /** The image tag to set as `image.tag`. */
  readonly imageTag: string;
  /** The full image reference. */
  readonly image: string;
}

/** The Cluster Autoscaler release matching `minor`, or undefined when none is pinned. */
export function clusterAutoscalerRelease(minor: string): ClusterAutoscalerRelease | undefined {
  const imageTag = Object.hasOwn(CLUSTER_AUTOSCALER_IMAGE_TAGS, minor) ? CLUSTER_AUTOSCALER_IMAGE_TAGS[minor]!.tag : undefined;
  if (imageTag === undefined) return undefined;
  return { chart: CLUSTER_AUTOSCALER_CHART, imageTag, image: `${CLUSTER_AUTOSCALER_CHART.imageRepository}:${imageTag}` };
}

/** The N of a "1.N" minor, or undefined when the text is not that shape. */
function minorNumber(minor: string): number | undefined {
  const m = /^1\.(\d+)$/.exec(minor);
  return m ? Number(m[1]) : undefined;
}

/**
 * Checks that every platform controller has a pinned release for `minor`.
 * Returns problems naming the minor and the fix; empty when all is well.
 */
export function checkPlatformReleases(minor: string): string[] {
  const problems: string[] = [];
  const n = minorNumber(minor);
  if (n === undefined) return [`"${minor}" is not a Kubernetes minor version; write it as "1.N", such as "1.34"`];
  if (!clusterAutoscalerRelease(minor)) {
    problems.push(`no Cluster Autoscaler image is pinned for Kubernetes ${minor}; add the matching registry.k8s.io/autoscaling/cluster-autoscaler:v${minor}.x tag to CLUSTER_AUTOSCALER_IMAGE_TAGS in lib/catalog/platform-releases.ts`);
  }
  const lbcMin = minorNumber(AWS_LOAD_BALANCER_CONTROLLER.minKubernetes) ?? 0;
  if (n < lbcMin) {
    problems.push(`AWS Load Balancer Controller ${AWS_LOAD_BALANCER_CONTROLLER.appVersion} needs Kubernetes ${AWS_LOAD_BALANCER_CONTROLLER.minKubernetes} or later; upgrade the cluster from ${minor}`);
  }
  return problems;
}
