/**
 * The Helm baseline: one chart rendering a cluster's baseline and its apps
 * (the same kinds and fields fleetform writes), one values file per cluster,
 * rendered with `helm template` once per cluster.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fleet } from '../../lib';

const CHART = `apiVersion: v2
name: fleet
version: 1.0.0
`;

const LABELS = `{{- define "fleet.labels" }}
app.kubernetes.io/managed-by: fleetform
fleetform.io/cluster: {{ .Values.cluster.id }}
fleetform.io/environment: {{ .Values.cluster.environment }}
fleetform.io/fleet: {{ .Values.cluster.fleet }}
fleetform.io/region: {{ .Values.cluster.region }}
{{- end }}
{{- define "fleet.restricted" }}
pod-security.kubernetes.io/audit: restricted
pod-security.kubernetes.io/enforce: restricted
pod-security.kubernetes.io/enforce-version: v1.28
pod-security.kubernetes.io/warn: restricted
{{- end }}
`;

const BASELINE = `apiVersion: v1
kind: Namespace
metadata:
  labels:
    {{- include "fleet.labels" . | indent 4 }}
    {{- include "fleet.restricted" . | indent 4 }}
  name: fleetform-system
spec: {}
---
apiVersion: v1
kind: ConfigMap
metadata:
  labels:
    {{- include "fleet.labels" . | indent 4 }}
  name: fleet-identity
  namespace: fleetform-system
data:
  fleetform.io.cluster: {{ .Values.cluster.id }}
  fleetform.io.environment: {{ .Values.cluster.environment }}
  fleetform.io.fleet: {{ .Values.cluster.fleet }}
  fleetform.io.kubernetes-version: {{ .Values.cluster.kubernetesVersion | quote }}
  fleetform.io.region: {{ .Values.cluster.region }}
  fleetform.io.service-cidr: {{ .Values.cluster.serviceCidr }}
  fleetform.io.tenancy: {{ .Values.cluster.tenancy }}
  fleetform.io.vpc-cidr: {{ .Values.cluster.vpcCidr }}
immutable: false
`;

const APPS = `{{- $root := . }}
{{- range .Values.apps }}
---
apiVersion: v1
kind: Namespace
metadata:
  labels:
    {{- include "fleet.labels" $root | indent 4 }}
    {{- include "fleet.restricted" $root | indent 4 }}
  name: {{ .name }}
spec: {}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  labels:
    {{- include "fleet.labels" $root | indent 4 }}
  name: {{ .name }}
  namespace: {{ .name }}
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    {{- include "fleet.labels" $root | indent 4 }}
  name: {{ .name }}
  namespace: {{ .name }}
spec:
  minReadySeconds: 0
  progressDeadlineSeconds: 600
  {{- if .replicas }}
  replicas: {{ .replicas }}
  {{- end }}
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ .name }}
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 25%
    type: RollingUpdate
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {{ .name }}
    spec:
      automountServiceAccountToken: false
      containers:
        - env:
            {{- range $k, $v := .env }}
            - name: {{ $k }}
              value: {{ $v | quote }}
            {{- end }}
          image: {{ .image }}
          imagePullPolicy: Always
          livenessProbe:
            failureThreshold: 3
            httpGet:
              path: {{ .healthPath }}
              port: {{ .port }}
              scheme: HTTP
            initialDelaySeconds: 10
            periodSeconds: 10
          name: {{ .name }}
          ports:
            - containerPort: {{ .port }}
          readinessProbe:
            failureThreshold: 3
            httpGet:
              path: {{ .healthPath }}
              port: {{ .port }}
              scheme: HTTP
            initialDelaySeconds: 0
            periodSeconds: 10
          resources:
            limits:
              cpu: {{ .cpuLimit }}
              memory: {{ .memoryLimit }}
            requests:
              cpu: {{ .cpuRequest }}
              memory: {{ .memoryRequest }}
          securityContext:
            allowPrivilegeEscalation: false
            capabilities:
              drop:
                - ALL
            privileged: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            seccompProfile:
              type: RuntimeDefault
          startupProbe:
            failureThreshold: 3
            tcpSocket:
              port: {{ .port }}
          volumeMounts:
            - mountPath: /tmp
              name: tmp
      dnsPolicy: ClusterFirst
      hostNetwork: false
      restartPolicy: Always
      securityContext:
        fsGroupChangePolicy: Always
        runAsNonRoot: true
      serviceAccountName: {{ .name }}
      setHostnameAsFQDN: false
      terminationGracePeriodSeconds: 30
      topologySpreadConstraints:
        {{- range list "topology.kubernetes.io/zone" "kubernetes.io/hostname" }}
        - labelSelector:
            matchLabels:
              app.kubernetes.io/name: {{ $.name }}
          maxSkew: 1
          topologyKey: {{ . }}
          whenUnsatisfiable: ScheduleAnyway
        {{- end }}
      volumes:
        - emptyDir:
            sizeLimit: 64Mi
          name: tmp
---
apiVersion: v1
kind: Service
metadata:
  labels:
    {{- include "fleet.labels" $root | indent 4 }}
  name: {{ .name }}
  namespace: {{ .name }}
spec:
  externalIPs: []
  ports:
    - name: http
      port: {{ .servicePort }}
      targetPort: {{ .port }}
  selector:
    app.kubernetes.io/name: {{ .name }}
  type: ClusterIP
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  labels:
    {{- include "fleet.labels" $root | indent 4 }}
  name: {{ .name }}
  namespace: {{ .name }}
spec:
  ingressClassName: {{ .ingress.className }}
  rules:
    - host: {{ .ingress.host }}
      http:
        paths:
          - backend:
              service:
                name: {{ .name }}
                port:
                  number: {{ .servicePort }}
            path: {{ .ingress.path }}
            pathType: Prefix
{{- if .autoscaling }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  labels:
    {{- include "fleet.labels" $root | indent 4 }}
  name: {{ .name }}
  namespace: {{ .name }}
spec:
  maxReplicas: {{ .autoscaling.maxReplicas }}
  metrics:
    - resource:
        name: cpu
        target:
          averageUtilization: {{ .autoscaling.targetCpuUtilization }}
          type: Utilization
      type: Resource
  minReplicas: {{ .autoscaling.minReplicas }}
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ .name }}
{{- end }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  labels:
    {{- include "fleet.labels" $root | indent 4 }}
  name: {{ .name }}
  namespace: {{ .name }}
spec:
  maxUnavailable: {{ .maxUnavailable }}
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ .name }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  labels:
    {{- include "fleet.labels" $root | indent 4 }}
  name: default-deny-ingress
  namespace: {{ .name }}
spec:
  podSelector: {}
  policyTypes:
    - Ingress
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  labels:
    {{- include "fleet.labels" $root | indent 4 }}
  name: {{ .name }}-allow-app-port
  namespace: {{ .name }}
spec:
  ingress:
    - ports:
        - port: {{ .port }}
          protocol: TCP
  podSelector:
    matchLabels:
      app.kubernetes.io/name: {{ .name }}
  policyTypes:
    - Ingress
{{- end }}
`;

/** Writes the chart and one values file per cluster under dir; returns the values files by cluster id. */
export function writeHelmSetup(fleet: Fleet, dir: string): Map<string, string> {
  const chart = join(dir, 'chart');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), CHART);
  writeFileSync(join(chart, 'templates', '_helpers.tpl'), LABELS);
  writeFileSync(join(chart, 'templates', 'baseline.yaml'), BASELINE);
  writeFileSync(join(chart, 'templates', 'apps.yaml'), APPS);
  mkdirSync(join(dir, 'values'), { recursive: true });
  const files = new Map<string, string>();
  const resolved = fleet.resolve();
  for (const c of resolved.clusters) {
    const a = c.network!;
    const values = {
      cluster: {
        id: c.id, environment: c.environment, fleet: resolved.fleet.name, region: c.region,
        kubernetesVersion: c.kubernetesVersion, serviceCidr: a.serviceCidr, vpcCidr: a.vpcCidr, tenancy: c.tenancy,
      },
      apps: c.apps.map(({ spec: s }) => {
        return {
          name: s.name, image: s.image, port: s.port, servicePort: s.servicePort, replicas: s.replicas,
          autoscaling: s.autoscaling, healthPath: s.healthCheck.path ?? '/', env: s.env, maxUnavailable: s.maxUnavailable,
          cpuRequest: s.resources.cpu.request, cpuLimit: s.resources.cpu.limit,
          memoryRequest: s.resources.memory.request, memoryLimit: s.resources.memory.limit,
          ingress: s.ingress,
        };
      }),
    };
    const file = join(dir, 'values', `${c.id}.json`);
    writeFileSync(file, JSON.stringify(values));
    files.set(c.id, file);
  }
  return files;
}
