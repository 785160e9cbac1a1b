import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedTrust } from '../../model/trust';
import { protection } from '../guards';

/** The AWS Private CA template of a self-signed root CA certificate. */
export const ROOT_CA_TEMPLATE_ARN = 'arn:aws:acm-pca:::template/RootCACertificate/V1';

/** Days a deleted CA can still be restored: the longest AWS Private CA allows. */
export const CA_RESTORE_DAYS = 30;

/** The usage mode of the API, by the model's mode. */
const USAGE_MODE = { 'short-lived': 'SHORT_LIVED_CERTIFICATE', 'general-purpose': 'GENERAL_PURPOSE' } as const;

/** Args of {@link FleetRootCa}. */
export interface FleetRootCaArgs {
  /** The fleet's trust root as the model resolved it. */
  readonly trust: ResolvedTrust;
  /** The AWS provider of the CA's region. */
  readonly provider: aws.Provider;
  readonly tags: Record<string, string>;
}

/**
 * The fleet's root CA. For `FleetTrust.awsPrivateCa`: a ROOT AWS Private CA in
 * the model's usage mode and key algorithm, its self-signed certificate (from
 * the CA's own CSR, with the root CA template) and that certificate installed,
 * which activates the CA. The key is generated inside AWS Private CA and never
 * leaves it: no input or output here holds a private key, only the CSR and the
 * certificate, which are public. The CA, its certificate and its activation are
 * protected (`protect`): no change deletes or replaces them, as replacing the
 * root would make every cluster distrust every certificate issued so far; a
 * deleted CA stays restorable for 30 days.
 *
 * For `FleetTrust.existingAwsPrivateCa`: nothing is created; the CA's
 * certificate is read from AWS Private CA.
 */
export class FleetRootCa extends pulumi.ComponentResource {
  /** The CA's ARN. */
  readonly arn: pulumi.Output<string>;
  /** The CA's certificate (PEM, public), once installed. */
  readonly certificate: pulumi.Output<string>;
  readonly #authority?: aws.acmpca.CertificateAuthority;

  /** The CA the deployment created, if it created one. */
  get authority(): aws.acmpca.CertificateAuthority | undefined {
    return this.#authority;
  }

  constructor(name: string, args: FleetRootCaArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('fleetform:aws:FleetRootCa', name, {}, opts);
    const t = args.trust;
    if (t.kind === 'existing-aws-private-ca') {
      const ca = aws.acmpca.getCertificateAuthorityOutput({ arn: t.arn! }, { parent: this, provider: args.provider });
      this.arn = pulumi.output(t.arn!);
      this.certificate = ca.certificate;
    } else {
      const root = t.root!;
      const guarded = { parent: this, provider: args.provider, ...protection('active') };
      const authority = new aws.acmpca.CertificateAuthority(name, {
        type: 'ROOT',
        usageMode: USAGE_MODE[t.mode ?? 'short-lived'],
        certificateAuthorityConfiguration: {
          keyAlgorithm: root.keyAlgorithm,
          signingAlgorithm: root.signingAlgorithm,
          subject: { commonName: root.commonName, organization: root.organization },
        },
        permanentDeletionTimeInDays: CA_RESTORE_DAYS,
        tags: args.tags,
        // AWS keeps a CA's usage mode (the provider would plan an update that never happens): another mode is another
        // root, which the protection then refuses loudly instead of a diff that never settles.
      }, { ...guarded, replaceOnChanges: ['usageMode'] });
      const certificate = new aws.acmpca.Certificate(`${name}-certificate`, {
        certificateAuthorityArn: authority.arn,
        certificateSigningRequest: authority.certificateSigningRequest,
        signingAlgorithm: root.signingAlgorithm,
        templateArn: ROOT_CA_TEMPLATE_ARN,
        validity: { type: 'YEARS', value: String(root.validityYears) },
      }, guarded);
      const installed = new aws.acmpca.CertificateAuthorityCertificate(`${name}-activation`, {
        certificateAuthorityArn: authority.arn,
        certificate: certificate.certificate,
        certificateChain: certificate.certificateChain,
      }, guarded);
      this.#authority = authority;
      // Read through the activation, so whatever uses the ARN or the certificate waits until the CA can issue.
      this.arn = pulumi.all([authority.arn, installed.id]).apply(([arn]) => arn);
      this.certificate = installed.certificate;
    }
    this.registerOutputs({ arn: this.arn });
  }
}
