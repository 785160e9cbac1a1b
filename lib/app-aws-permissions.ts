/**
 * What an app may do in AWS: IAM policy statements and managed policies, given
 * to one IAM role per app that EKS Pod Identity hands to the app's service
 * account on each cluster the app lands on. The statements are written as in
 * an IAM JSON policy, so they can be copied from AWS documentation.
 */
import { isPlainObject, shapes } from './input';

/** A value of an IAM condition: a string, a number or a boolean, or a list of them. */
export type IamConditionValue = string | number | boolean | readonly (string | number | boolean)[];

/**
 * One statement of the app's IAM policy, written as in an IAM JSON policy.
 * An identity policy names no principal: the role is the principal, and only EKS Pod Identity may assume it.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
export interface AppPolicyStatement {
  /**
   * A statement id: letters and digits only, unique in the app's statements.
   * @default - none
   */
  readonly Sid?: string;
  /** `Allow` or `Deny`. */
  readonly Effect: 'Allow' | 'Deny';
  /** API actions in `service:Action` form, such as `s3:GetObject` or `sqs:Receive*`. */
  readonly Action: string | readonly string[];
  /**
   * ARNs the actions apply to, or `*`. Policy variables such as
   * `${aws:PrincipalTag/kubernetes-namespace}` scope them by the Pod Identity session tags.
   */
  readonly Resource: string | readonly string[];
  /**
   * Conditions by operator, then context key, such as
   * `{ StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/kubernetes-namespace}' } }`.
   * @default - none
   */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, IamConditionValue>>>>;
}

/**
 * The AWS permissions of an app (`FleetApp`'s `awsPermissions`). fleetform creates one IAM role
 * for the app, which trusts only EKS Pod Identity, and one Pod Identity association per cluster
 * the app lands on, naming the app's namespace and service account.
 */
export interface AppAwsPermissions {
  /**
   * IAM policy statements: the role's inline policy.
   * @default - none (give `managedPolicyArns` then)
   */
  readonly statements?: readonly AppPolicyStatement[];
  /**
   * Managed policies attached to the role: AWS managed (`arn:aws:iam::aws:policy/...`) or your
   * account's (`arn:aws:iam::123456789012:policy/...`).
   * @default - none (give `statements` then)
   */
  readonly managedPolicyArns?: readonly string[];
  /**
   * Accept an Allow statement of every action (or every IAM action) on every resource, or the
   * AdministratorAccess managed policy: the app's pods, and whoever gets into one of them, could
   * then do anything in the account, even make themselves new administrators. Without it such
   * permissions are refused; with it and none of them, it is refused too.
   * @default false
   */
  readonly allowFullAccountAccess?: boolean;
}

/** The shape of {@link AppAwsPermissions}; each statement's content is checked by `checkAwsPermissions`. */
export const AWS_PERMISSIONS_SHAPE = shapes.object({
  statements: {
    shape: shapes.list(shapes.instance('an IAM policy statement object', isPlainObject)),
    example: '[{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-assets/*" }]',
  },
  managedPolicyArns: { shape: shapes.list(shapes.string), example: '["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]' },
  allowFullAccountAccess: { shape: shapes.boolean, example: 'false' },
}, 'AWS permissions such as { statements: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-assets/*" }] }');

/** An IAM JSON policy document of an app's statements. */
export interface AppPolicyDocument {
  /** The current policy language version. */
  readonly Version: '2012-10-17';
  /** The app's statements, as given. */
  readonly Statement: readonly AppPolicyStatement[];
}
