/**
 * The identity that runs pulumi, as an EKS access entry names it: what the
 * `deployer` option of a FleetDeployment takes.
 */
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { answered, isText } from './cloud-answers';

/**
 * The IAM role or user pulumi runs as, for the `deployer` option: the caller's
 * identity (`sts:GetCallerIdentity`), and for an assumed-role session the role
 * that issued it, with its path (`aws.iam.getSessionContext`), since an access
 * entry names the role, never a session. Asked through the default AWS
 * provider unless `opts` names another; a Pulumi program may export an async
 * function that awaits it.
 *
 * ```ts
 * export = async () => {
 *   const deployment = new FleetDeployment('acme', { fleet, deployer: await deployerFromCallerIdentity() });
 *   return { deployer: deployment.deployer };
 * };
 * ```
 */
export async function deployerFromCallerIdentity(opts?: pulumi.InvokeOptions): Promise<string> {
  const identity = await aws.getCallerIdentity({}, opts);
  const arn = answered(identity.arn, 'deployerFromCallerIdentity', 'aws.getCallerIdentity', 'ARN', isText);
  const session = await aws.iam.getSessionContext({ arn }, opts);
  return answered(session.issuerArn, 'deployerFromCallerIdentity', 'aws.iam.getSessionContext', 'issuer ARN', isText);
}
