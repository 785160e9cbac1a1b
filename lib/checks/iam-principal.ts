/** IAM principals as EKS access entries take them. */

/** An IAM role or user ARN (with its path, if any), the only principals an access entry takes. */
const IAM_PRINCIPAL = /^arn:aws:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;

/** Whether `arn` is an IAM role or user ARN such as `arn:aws:iam::123456789012:role/platform-admins`. */
export function isIamPrincipalArn(arn: unknown): arn is string {
  return typeof arn === 'string' && IAM_PRINCIPAL.test(arn);
}

/** Whether `arn` is an IAM role ARN (with its path, if any), such as `arn:aws:iam::123456789012:role/ArgoCDCapabilityRole`. */
export function isIamRoleArn(arn: unknown): arn is string {
  return isIamPrincipalArn(arn) && arn.split(':')[5]!.startsWith('role/');
}
