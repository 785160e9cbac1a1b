/** Kubernetes resource quantities as numbers: CPU in millicores, memory in MiB. Pure. */

const CPU = /^(\d+(?:\.\d+)?)(m?)$/;
const MEMORY = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const MIB: Readonly<Record<string, number>> = {
  '': 1 / (1024 * 1024), Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024,
  k: 1000 / (1024 * 1024), M: 1e6 / (1024 * 1024), G: 1e9 / (1024 * 1024), T: 1e12 / (1024 * 1024),
};

/** A CPU quantity ("250m", "1", "0.5") in millicores, or undefined when it is not one. */
export function cpuMillicores(q: string): number | undefined {
  const m = CPU.exec(q);
  if (!m) return undefined;
  return m[2] === 'm' ? Number(m[1]) : Number(m[1]) * 1000;
}

/** A memory quantity ("256Mi", "1Gi", "512M", "1073741824") in MiB, or undefined when it is not one. */
export function memoryMiB(q: string): number | undefined {
  const m = MEMORY.exec(q);
  return m ? Number(m[1]) * MIB[m[2] ?? ''] : undefined;
}

/** Millicores as vCPU for messages, such as `5.8 vCPU`. */
export function formatCpu(millicores: number): string {
  return `${Number((millicores / 1000).toFixed(2))} vCPU`;
}

/** MiB as GiB for messages, such as `14.7 GiB`. */
export function formatMemory(mib: number): string {
  return `${Number((mib / 1024).toFixed(1))} GiB`;
}
