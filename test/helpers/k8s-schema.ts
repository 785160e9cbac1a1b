/** The strict Kubernetes 1.28 schema validator, now shipped as `fleetform/testing`. */
export { definitionFor, validateK8sObject } from '../../lib/testing/k8s-schema';
