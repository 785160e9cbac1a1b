/** Rules of GitOps delivery: one Argo CD delivery per fleet. */
import type { FleetModel } from '../model/resolved';
import { FleetRule, problem, RuleFinding } from './rule';

/** One set of cluster Secrets and ApplicationSets per fleet. */
export const oneArgoCdDelivery: FleetRule = {
  id: 'one-argocd-delivery',
  description: 'a fleet has at most one Argo CD delivery',
  *check(model: FleetModel): Iterable<RuleFinding> {
    for (const d of model.argoCd.slice(1)) {
      yield problem(d.path, `the fleet already has the Argo CD delivery ${model.argoCd[0].path}; synth writes one argocd/ folder, so keep one delivery`);
    }
  },
};

/** The GitOps rules, in the order they run. */
export const GITOPS_RULES: readonly FleetRule[] = [oneArgoCdDelivery];
