import { describe, expect, it } from 'vitest';
import {
  EVICTION_HARD_MEMORY_MIB, INSTANCE_TYPES, allocatable, checkInstanceType, eniMaxPods, instanceType, kubeReservedCpuMillicores,
  kubeReservedMemoryMiB,
} from '../../lib/catalog/instance-types';

describe('instance catalogue', () => {
  it('lists the types fleetform profiles use and the common families', () => {
    for (const t of ['m6i.large', 'm5.large', 't3.large', 't3a.large', 'm7i.4xlarge', 'c7i.xlarge', 'r6i.2xlarge', 't3.medium', 't3a.2xlarge', 'm6g.large', 'm7g.4xlarge']) {
      expect(instanceType(t), t).toBeDefined();
    }
  });

  it('labels Graviton types arm64 and the others amd64', () => {
    for (const t of INSTANCE_TYPES.values()) expect(t.architecture).toBe(/^[a-z]\dg\./.test(t.name) ? 'arm64' : 'amd64');
  });

  it('derives max pods from the ENI formula', () => {
    expect(eniMaxPods(3, 10)).toBe(29);
    for (const t of INSTANCE_TYPES.values()) expect(t.maxPods).toBe(t.enis * (t.ipv4PerEni - 1) + 2);
    expect(instanceType('m6i.large')?.maxPods).toBe(29);
    expect(instanceType('t3.medium')?.maxPods).toBe(17);
    expect(instanceType('t3.large')?.maxPods).toBe(35);
    expect(instanceType('m5.4xlarge')?.maxPods).toBe(234);
  });

  it('has memory of whole GiB for every listed type', () => {
    for (const t of INSTANCE_TYPES.values()) expect(t.memoryMiB % 1024).toBe(0);
  });
});

describe('kubelet reservations', () => {
  it('reserves CPU by the EKS AMI bands', () => {
    expect(kubeReservedCpuMillicores(1)).toBe(60); // 6% of 1000
    expect(kubeReservedCpuMillicores(2)).toBe(70); // + 1% of 1000
    expect(kubeReservedCpuMillicores(4)).toBe(80); // + 0.5% of 2000
    expect(kubeReservedCpuMillicores(8)).toBe(90); // + 0.25% of 4000
    expect(kubeReservedCpuMillicores(16)).toBe(110); // + 0.25% of 12000
    expect(kubeReservedCpuMillicores(96)).toBe(310); // 80 + 0.25% of 92000 = 80 + 230
  });

  it('reserves memory as 255 MiB plus 11 MiB per pod', () => {
    expect(kubeReservedMemoryMiB(29)).toBe(574);
    expect(kubeReservedMemoryMiB(110)).toBe(1465);
  });
});

describe('allocatable', () => {
  it('computes m6i.large by hand: 2 vCPU, 8 GiB, 29 pods', () => {
    // CPU 2000 - 70; memory 8192 - (255 + 11 x 29) - 100.
    expect(allocatable('m6i.large')).toEqual({ cpuMillicores: 1930, memoryMiB: 8192 - 574 - 100, pods: 29 });
  });

  it('computes m5.4xlarge by hand: 16 vCPU, 64 GiB, 234 pods', () => {
    expect(allocatable('m5.4xlarge')).toEqual({ cpuMillicores: 15890, memoryMiB: 65536 - (255 + 11 * 234) - EVICTION_HARD_MEMORY_MIB, pods: 234 });
  });

  it('computes the small types by hand', () => {
    expect(allocatable('t3.medium')).toEqual({ cpuMillicores: 1930, memoryMiB: 4096 - 442 - 100, pods: 17 });
    expect(allocatable('m7g.medium')).toEqual({ cpuMillicores: 940, memoryMiB: 4096 - 343 - 100, pods: 8 });
  });

  it('never gives more than the instance has', () => {
    for (const t of INSTANCE_TYPES.values()) {
      const a = allocatable(t.name)!;
      expect(a.cpuMillicores).toBeLessThan(t.vcpu * 1000);
      expect(a.memoryMiB).toBeLessThan(t.memoryMiB);
      expect(a.memoryMiB).toBeGreaterThan(0);
    }
  });

  it('returns undefined for an unknown type', () => {
    expect(allocatable('m6i.metal')).toBeUndefined();
    expect(allocatable('nope')).toBeUndefined();
  });
});

describe('checkInstanceType', () => {
  it('suggests types of the same family', () => {
    expect(checkInstanceType('m6i.large')).toBeUndefined();
    expect(checkInstanceType('m6i.8xlarge')).toMatch(/"m6i\.8xlarge" is not in .* use one of m6i\.large, m6i\.xlarge/);
    expect(checkInstanceType('x9z.large')).toMatch(/such as "m6i\.large"/);
  });
});
