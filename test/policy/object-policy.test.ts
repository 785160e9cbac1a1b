/**
 * The object policy on plain objects: each rule by its stable name, field path
 * and fix; every pod-bearing kind; generated pod specs; and garbage that must
 * not throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkObjectPolicy, POLICY_RULE_NAMES } from '../../lib';
import { podSpecsOf } from '../../lib/policy';

type Obj = Record<string, any>;

/** A container that passes every rule. */
function container(name = 'app'): Obj {
  return {
    name,
    image: 'ghcr.io/acme/app:1.0.0',
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
  };
}

/** A pod spec that passes every rule. */
function podSpec(): Obj {
  return {
    securityContext: { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
    initContainers: [container('init')],
    containers: [container()],
    volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'conf', configMap: { name: 'conf' } }],
  };
}

function deployment(mutate: (spec: Obj) => void = () => undefined): Obj {
  const spec = podSpec();
  mutate(spec);
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'web' }, spec: { selector: {}, template: { metadata: {}, spec } } };
}

const rulesAndFields = (o: Obj) => checkObjectPolicy(o).map((f) => `${f.rule} ${f.field}`);
const P = 'spec.template.spec';

describe('the object policy', () => {
  it('names its rules', () => {
    expect(POLICY_RULE_NAMES).toEqual(['pod-security-restricted', 'container-resources', 'pinned-images', 'no-literal-secret-data']);
  });

  it('passes a workload that meets every rule, without a CPU limit (as fleetform writes its own)', () => {
    expect(checkObjectPolicy(deployment())).toEqual([]);
  });

  it('reports the object, the field, what is wrong and the fix', () => {
    expect(checkObjectPolicy(deployment((s) => { s.hostNetwork = true; }))).toEqual([{
      rule: 'pod-security-restricted', object: 'Deployment web/api', field: `${P}.hostNetwork`,
      problem: 'is true, which shares the node\'s network namespace with the pod (host namespaces)', fix: 'remove hostNetwork or set it to false',
    }]);
  });

  const restricted: [string, (s: Obj) => void, string][] = [
    ['host PID', (s) => { s.hostPID = true; }, `${P}.hostPID`],
    ['host IPC', (s) => { s.hostIPC = true; }, `${P}.hostIPC`],
    ['a privileged container', (s) => { s.containers[0].securityContext.privileged = true; }, `${P}.containers[0].securityContext.privileged`],
    ['a hostPath volume', (s) => { s.volumes.push({ name: 'root', hostPath: { path: '/' } }); }, `${P}.volumes[2].hostPath`],
    ['a volume type outside the allowed ones', (s) => { s.volumes.push({ name: 'nfs', nfs: { server: 'x', path: '/' } }); }, `${P}.volumes[2].nfs`],
    ['a host port', (s) => { s.containers[0].ports = [{ containerPort: 80, hostPort: 80 }]; }, `${P}.containers[0].ports[0].hostPort`],
    ['a capability other than NET_BIND_SERVICE', (s) => { s.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE', 'SYS_ADMIN']; }, `${P}.containers[0].securityContext.capabilities.add[1]`],
    ['capabilities not dropping ALL', (s) => { s.initContainers[0].securityContext.capabilities.drop = ['NET_RAW']; }, `${P}.initContainers[0].securityContext.capabilities.drop`],
    ['privilege escalation left open', (s) => { delete s.containers[0].securityContext.allowPrivilegeEscalation; }, `${P}.containers[0].securityContext.allowPrivilegeEscalation`],
    ['runAsNonRoot on neither pod nor container', (s) => { delete s.securityContext.runAsNonRoot; }, `${P}.initContainers[0].securityContext.runAsNonRoot`],
    ['runAsUser 0 on the pod', (s) => { s.securityContext.runAsUser = 0; }, `${P}.securityContext.runAsUser`],
    ['runAsUser 0 on a container', (s) => { s.containers[0].securityContext.runAsUser = 0; }, `${P}.containers[0].securityContext.runAsUser`],
    ['an Unconfined seccomp profile on a container', (s) => { s.containers[0].securityContext.seccompProfile = { type: 'Unconfined' }; }, `${P}.containers[0].securityContext.seccompProfile.type`],
    ['an Unconfined seccomp profile on the pod', (s) => { s.securityContext.seccompProfile = { type: 'Unconfined' }; }, `${P}.securityContext.seccompProfile.type`],
    ['an unmasked /proc', (s) => { s.containers[0].securityContext.procMount = 'Unmasked'; }, `${P}.containers[0].securityContext.procMount`],
    ['an unsafe sysctl', (s) => { s.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]; }, `${P}.securityContext.sysctls[0]`],
    ['an unconfined AppArmor profile', (s) => { s.containers[0].securityContext.appArmorProfile = { type: 'Unconfined' }; }, `${P}.containers[0].securityContext.appArmorProfile.type`],
    ['a custom SELinux type', (s) => { s.securityContext.seLinuxOptions = { type: 'spc_t' }; }, `${P}.securityContext.seLinuxOptions.type`],
    ['an SELinux user', (s) => { s.containers[0].securityContext.seLinuxOptions = { user: 'system_u' }; }, `${P}.containers[0].securityContext.seLinuxOptions.user`],
    ['a Windows host process', (s) => { s.securityContext.windowsOptions = { hostProcess: true }; }, `${P}.securityContext.windowsOptions.hostProcess`],
  ];

  it.each(restricted)('refuses %s under pod-security-restricted', (_, mutate, field) => {
    const findings = checkObjectPolicy(deployment(mutate));
    expect(findings.map((f) => `${f.rule} ${f.field}`)).toContain(`pod-security-restricted ${field}`);
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(['pod-security-restricted']));
    for (const f of findings) expect(f.fix.length).toBeGreaterThan(5);
  });

  it('refuses an AppArmor annotation that turns the profile off, and accepts runtime/default', () => {
    const annotated = (value: string) => {
      const o = deployment();
      o.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': value };
      return rulesAndFields(o);
    };
    expect(annotated('unconfined')).toEqual([`pod-security-restricted spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]`]);
    expect(annotated('runtime/default')).toEqual([]);
    expect(annotated('localhost/my-profile')).toEqual([]);
  });

  it('accepts what the standard allows: NET_BIND_SERVICE, safe sysctls, Localhost seccomp, the allowed volume types', () => {
    const ok = deployment((s) => {
      s.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE'];
      s.securityContext.sysctls = [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }];
      s.securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' };
      s.securityContext.seLinuxOptions = { type: 'container_t', level: 's0:c1' };
      s.volumes.push({ name: 'p', persistentVolumeClaim: { claimName: 'x' } }, { name: 'pr', projected: { sources: [] } }, { name: 's', secret: { secretName: 'x' } },
        { name: 'd', downwardAPI: {} }, { name: 'c', csi: { driver: 'x' } }, { name: 'e', ephemeral: {} });
    });
    expect(checkObjectPolicy(ok)).toEqual([]);
  });

  it('exempts a Windows pod from the privilege escalation, seccomp and capabilities controls, as the standard does', () => {
    const windows = deployment((s) => {
      s.os = { name: 'windows' };
      delete s.securityContext.seccompProfile;
      for (const c of [...s.containers, ...s.initContainers]) c.securityContext = {};
    });
    expect(checkObjectPolicy(windows)).toEqual([]);
  });

  it('holds every container and init container to requests and a memory limit, never to a CPU limit', () => {
    const o = deployment((s) => {
      s.initContainers[0].resources = { requests: { cpu: '100m', memory: '64Mi' } };
      s.containers[0].resources = {};
    });
    expect(checkObjectPolicy(o).map((f) => [f.rule, f.field, f.problem])).toEqual([
      ['container-resources', `${P}.initContainers[0].resources.limits.memory`, 'is not set on container "init"'],
      ['container-resources', `${P}.containers[0].resources.requests.cpu`, 'is not set on container "app"'],
      ['container-resources', `${P}.containers[0].resources.requests.memory`, 'is not set on container "app"'],
      ['container-resources', `${P}.containers[0].resources.limits.memory`, 'is not set on container "app"'],
    ]);
    expect(checkObjectPolicy(o)[0].fix).toBe('give a memory limit, such as limits: { memory: "256Mi" } (a CPU limit is not needed)');
  });

  it.each([
    ['no tag', 'nginx', 'has no tag or digest'],
    ['latest', 'ghcr.io/acme/app:latest', 'uses the tag "latest"'],
    ['no image at all', undefined, 'must be a string'],
  ])('refuses an image with %s under pinned-images', (_, image, problem) => {
    const findings = checkObjectPolicy(deployment((s) => { s.containers[0].image = image; }));
    expect(findings.map((f) => [f.rule, f.field])).toEqual([['pinned-images', `${P}.containers[0].image`]]);
    expect(findings[0].problem).toContain(problem);
    expect(findings[0].fix).toMatch(/pin a version|name an image|such as/);
  });

  it('accepts an image pinned by digest', () => {
    expect(checkObjectPolicy(deployment((s) => { s.containers[0].image = `nginx@sha256:${'0'.repeat(64)}`; }))).toEqual([]);
  });

  it('refuses a Secret with data or stringData, and passes one without', () => {
    const secret = (fields: Obj) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, ...fields });
    expect(checkObjectPolicy(secret({ data: { password: 'aHVudGVyMg==' }, stringData: { user: 'admin' } }))).toEqual([
      {
        rule: 'no-literal-secret-data', object: 'Secret web/db', field: 'data', problem: 'holds the secret\'s values (password) in the manifest',
        fix: 'keep the value in AWS Secrets Manager and read it with an app\'s secretEnv or secretFiles (or an ExternalSecret of your own), and remove the Secret',
      },
      expect.objectContaining({ rule: 'no-literal-secret-data', field: 'stringData', problem: 'holds the secret\'s values (user) in the manifest' }),
    ]);
    expect(checkObjectPolicy(secret({ type: 'kubernetes.io/service-account-token', metadata: { name: 't', annotations: { 'kubernetes.io/service-account.name': 'x' } } }))).toEqual([]);
    expect(checkObjectPolicy(secret({ data: {} }))).toEqual([]);
    expect(rulesAndFields(secret({ data: 'aGk=' }))).toEqual(['no-literal-secret-data data']);
  });

  it('finds the pod spec of every pod-bearing kind, and only of the built-in API groups', () => {
    const spec = podSpec();
    spec.hostPID = true;
    const template = { metadata: {}, spec };
    const cases: [Obj, string][] = [
      [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec }, 'spec.hostPID'],
      [{ apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { template } }, 'spec.template.spec.hostPID'],
      [{ apiVersion: 'apps/v1', kind: 'DaemonSet', spec: { template } }, 'spec.template.spec.hostPID'],
      [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', spec: { template } }, 'spec.template.spec.hostPID'],
      [{ apiVersion: 'v1', kind: 'ReplicationController', spec: { template } }, 'spec.template.spec.hostPID'],
      [{ apiVersion: 'batch/v1', kind: 'Job', spec: { template } }, 'spec.template.spec.hostPID'],
      [{ apiVersion: 'batch/v1', kind: 'CronJob', spec: { jobTemplate: { spec: { template } } } }, 'spec.jobTemplate.spec.template.spec.hostPID'],
      [{ apiVersion: 'v1', kind: 'PodTemplate', template }, 'template.spec.hostPID'],
    ];
    for (const [o, field] of cases) expect(rulesAndFields(o)).toEqual([`pod-security-restricted ${field}`]);
    expect(podSpecsOf({ apiVersion: 'example.com/v1', kind: 'Deployment', spec: { template } })).toEqual([]);
    expect(checkObjectPolicy({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } })).toEqual([]);
  });

  /** Breaks of a compliant pod spec, each with the one field it breaks. */
  const breaks: [string, (s: Obj) => void][] = [
    ['hostNetwork', (s) => { s.hostNetwork = true; }],
    ['containers[0].securityContext.privileged', (s) => { s.containers[0].securityContext.privileged = true; }],
    ['containers[0].securityContext.allowPrivilegeEscalation', (s) => { s.containers[0].securityContext.allowPrivilegeEscalation = true; }],
    ['initContainers[0].securityContext.capabilities.drop', (s) => { s.initContainers[0].securityContext.capabilities = {}; }],
    ['containers[0].resources.limits.memory', (s) => { delete s.containers[0].resources.limits; }],
    ['initContainers[0].resources.requests.cpu', (s) => { delete s.initContainers[0].resources.requests.cpu; }],
    ['containers[0].image', (s) => { s.containers[0].image = 'redis:latest'; }],
    ['volumes[2].hostPath', (s) => { s.volumes[2] = { name: 'h', hostPath: { path: '/var/log' } }; }],
    ['containers[0].securityContext.runAsUser', (s) => { s.containers[0].securityContext.runAsUser = 0; }],
  ];

  it('reports exactly the fields broken, whichever are broken, in any pod-bearing kind', () => {
    const kinds: [(spec: Obj) => Obj, string][] = [
      [(spec) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec }), 'spec'],
      [(spec) => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: { template: { spec } } }), 'spec.template.spec'],
      [(spec) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec } } } } }), 'spec.jobTemplate.spec.template.spec'],
    ];
    fc.assert(fc.property(fc.subarray(breaks), fc.constantFrom(...kinds), (chosen, [wrap, at]) => {
      const spec = podSpec();
      for (const [, mutate] of chosen) mutate(spec);
      const fields = new Set(checkObjectPolicy(wrap(spec)).map((f) => f.field));
      expect(fields).toEqual(new Set(chosen.map(([field]) => `${at}.${field}`)));
    }));
  });

  it('never throws on objects of any shape', () => {
    const anyObject = fc.record({
      apiVersion: fc.constantFrom('v1', 'apps/v1', 'batch/v1', 42),
      kind: fc.constantFrom('Pod', 'Deployment', 'CronJob', 'Secret', 'PodTemplate', null),
      spec: fc.anything(),
      template: fc.anything(),
      data: fc.anything(),
      metadata: fc.anything(),
    });
    fc.assert(fc.property(anyObject, (o) => {
      expect(Array.isArray(checkObjectPolicy(o as Obj))).toBe(true);
    }));
  });
});
