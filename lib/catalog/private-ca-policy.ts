/**
 * The IAM policy of the AWS Private CA issuer's role on each cluster: issue
 * certificates from the fleet's root CA, read them back and describe the CA,
 * on that one CA and nothing else (the issuer's README, "minimal policy").
 * Revoking, creating or deleting CAs, and reading other CAs, are left out.
 */
import type { PolicyDefinition } from './iam-policies';

/** The actions the issuer calls, on the CA's ARN only. */
export const PRIVATE_CA_ISSUER_ACTIONS = ['acm-pca:DescribeCertificateAuthority', 'acm-pca:GetCertificate', 'acm-pca:IssueCertificate'] as const;

/** The issuer's policy for the CA `caArn` (an ARN, or a deploy-time value once known). */
export function privateCaIssuerPolicy(caArn: string): PolicyDefinition {
  if (!caArn.startsWith('arn:')) throw new Error(`the AWS Private CA issuer was given "${caArn}" as its CA (this is a bug in fleetform)`);
  return {
    name: 'PrivateCaIssueFromFleetRoot',
    description: `Issue and read certificates of the fleet's root CA ${caArn}`,
    source: 'https://github.com/cert-manager/aws-privateca-issuer/blob/v1.9.0/README.md ("A minimal policy to use the issuer with an authority")',
    readOn: '2026-12-06',
    statements: [{ sid: 'IssueFromFleetRoot', effect: 'Allow', actions: [...PRIVATE_CA_ISSUER_ACTIONS], resources: [caArn] }],
  };
}
