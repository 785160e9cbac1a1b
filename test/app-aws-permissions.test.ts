/**
 * An app's AWS permissions in the model: what resolves (role name, policy,
 * service account, tags) and every refusal, by message and construct path.
 */
import { describe, expect, it } from 'vitest';
import { AppAwsPermissions, EnvironmentFleet, Fleet, FleetApp, findApp, Placement } from '../lib';
import { isEveryResource } from '../lib/checks/iam-statements';
import { appRoleName } from '../lib/naming';
import { newFleet, problemAt, problemsOf } from './helpers/fleets';

const READ_ASSETS = { Sid: 'ReadAssets', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::acme-assets/*' } as const;

function fleetWith(awsPermissions: unknown, id = 'orders'): { fleet: Fleet; app: FleetApp } {
  const fleet = newFleet();
  new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1', 'eu-west-1'] });
  const app = new FleetApp(fleet, id, {
    image: 'ghcr.io/acme/orders:1.0.0', port: 8080, placement: Placement.all(), namespace: 'shop', awsPermissions: awsPermissions as AppAwsPermissions,
  });
  return { fleet, app };
}

const refusals = (awsPermissions: unknown) => problemsOf(fleetWith(awsPermissions).fleet);

describe('awsPermissions, resolved', () => {
  it('gives the app a role named after the fleet and the app, its statements as a policy, and its own service account', () => {
    const { fleet } = fleetWith({
      statements: [{ Resource: ['arn:aws:sqs:*:111122223333:orders-${aws:PrincipalTag/eks-cluster-name}'], Action: 'sqs:ReceiveMessage', Effect: 'Allow' }, READ_ASSETS],
      managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
    });
    const resolved = fleet.resolve();
    expect(resolved.problems).toEqual([]);
    expect(findApp(resolved, 'orders')!.awsPermissions).toEqual({
      roleName: 'acme-orders',
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: ['arn:aws:sqs:*:111122223333:orders-${aws:PrincipalTag/eks-cluster-name}'] },
          READ_ASSETS,
        ],
      },
      managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
      serviceAccount: { namespace: 'shop', name: 'orders' },
      tags: { 'fleetform:fleet': 'acme', 'fleetform:app': 'orders', 'managed-by': 'fleetform' },
    });
    // Keys in IAM's order, whatever order they were given in.
    expect(Object.keys(findApp(resolved, 'orders')!.awsPermissions!.policy!.Statement[0])).toEqual(['Effect', 'Action', 'Resource']);
  });

  it('gives an app without them nothing', () => {
    const fleet = newFleet();
    new EnvironmentFleet(fleet, 'production', { regions: ['us-east-1'] });
    new FleetApp(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, placement: Placement.all() });
    expect(findApp(fleet.resolve(), 'web')!.awsPermissions).toBeUndefined();
  });

  it('accepts managed policies alone, a Deny of everything, and conditions on the session tags', () => {
    expect(fleetWith({ managedPolicyArns: ['arn:aws:iam::111122223333:policy/team/acme-orders'] }).fleet.resolve().problems).toEqual([]);
    expect(fleetWith({
      statements: [
        READ_ASSETS,
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } } },
        { Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:*:111122223333:table/orders', Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${aws:PrincipalTag/kubernetes-namespace}'] }, Bool: { 'aws:SecureTransport': true } } },
      ],
    }).fleet.resolve().problems).toEqual([]);
  });

  it('names the role within IAM\'s 64 characters, with Pulumi\'s suffix, stable for long names', () => {
    expect(appRoleName('acme', 'orders')).toBe('acme-orders');
    const long = appRoleName('a-fleet-of-twenty-four-c', 'an-app-with-a-name-of-exactly-fifty-characters-xx');
    expect(long.length).toBeLessThanOrEqual(56);
    expect(long).toMatch(/^a-fleet-of-twenty-four-c-an-app-with-a-name-of-[0-9a-f]{8}$/);
    expect(appRoleName('a-fleet-of-twenty-four-c', 'an-app-with-a-name-of-exactly-fifty-characters-xy')).not.toBe(long);
  });

  it('knows which resources match everything', () => {
    for (const r of ['*', 'arn:aws:*:*:*:*', 'arn:*:*', 'arn:aws:*:*:*:*/*'.replace('/*', '')]) expect(isEveryResource(r), r).toBe(true);
    for (const r of ['arn:aws:s3:::*', 'arn:aws:s3:::acme/*', 'arn:aws:sqs:*:111122223333:*']) expect(isEveryResource(r), r).toBe(false);
  });
});

describe('awsPermissions, refused', () => {
  const at = 'acme/orders';

  it('refuses every action on every resource without allowFullAccountAccess, and accepts it with', () => {
    for (const statement of [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: ['*'] },
      { Effect: 'Allow', Action: '*', Resource: 'arn:aws:*:*:*:*' },
    ]) {
      expect(refusals({ statements: [statement] }), JSON.stringify(statement)).toEqual([
        problemAt(at, 'awsPermissions.statements[0] allows every action ("Action": "*") on every resource: the app\'s pods, and whoever gets into one, could do anything in the AWS account'),
      ]);
      expect(fleetWith({ statements: [statement], allowFullAccountAccess: true }).fleet.resolve().problems).toEqual([]);
    }
    expect(refusals({ statements: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] })).toEqual([
      problemAt(at, 'awsPermissions.statements[0] allows every IAM action ("Action": "iam:*") on every resource'),
    ]);
    expect(refusals({ managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] })).toEqual([
      problemAt(at, 'awsPermissions.managedPolicyArns[0] is AdministratorAccess, every action on every resource'),
    ]);
  });

  it('refuses allowFullAccountAccess that nothing needs, so a later full-access statement is refused again', () => {
    expect(refusals({ statements: [READ_ASSETS], allowFullAccountAccess: true })).toEqual([
      problemAt(at, 'awsPermissions.allowFullAccountAccess is true, but no statement or policy gives full account access; remove it'),
    ]);
    expect(fleetWith({ managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'], allowFullAccountAccess: true }).fleet.resolve().problems).toEqual([]);
  });

  it('ends the full-access refusal with the fix', () => {
    const [problem] = refusals({ statements: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(problem.message).toMatch(/list only the actions and resources the app needs, or, if it truly needs all of them, say so with allowFullAccountAccess: true$/);
  });

  it('refuses malformed statements, each problem naming the statement and the fix', () => {
    expect(refusals({ statements: [{ Effect: 'allow', Resource: '*' }] })).toEqual([
      problemAt(at, 'awsPermissions.statements[0].Effect is "allow"; use "Allow" or "Deny"'),
      problemAt(at, 'awsPermissions.statements[0] has no Action; list the API actions it allows'),
    ]);
    expect(refusals({ statements: [{ Effect: 'Allow', Action: ['s3 GetObject', 's3:GetObject', 'GetObject'], Resource: 'arn:aws:s3:::a/*' }] })).toEqual([
      problemAt(at, 'awsPermissions.statements[0].Action "s3 GetObject" is not of the form service:Action'),
      problemAt(at, 'awsPermissions.statements[0].Action "GetObject" is not of the form service:Action'),
    ]);
    expect(refusals({ statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['acme-assets', 'arn:aws:s3'] }] })).toEqual([
      problemAt(at, 'awsPermissions.statements[0].Resource "acme-assets" is not an ARN or "*"'),
      problemAt(at, 'awsPermissions.statements[0].Resource "arn:aws:s3" is not an ARN or "*"'),
    ]);
    expect(refusals({ statements: [{ Effect: 'Allow', Action: 's3:GetObject' }] })).toEqual([
      problemAt(at, 'awsPermissions.statements[0] has no Resource; give the ARNs it applies to'),
    ]);
    expect(refusals({ statements: [{ ...READ_ASSETS }, { ...READ_ASSETS, Sid: 'ReadAssets' }, { ...READ_ASSETS, Sid: 'read-assets' }] })).toEqual([
      problemAt(at, 'awsPermissions.statements[1].Sid "ReadAssets" is used by another statement; make each Sid unique'),
      problemAt(at, 'awsPermissions.statements[2].Sid "read-assets" must be letters and digits only'),
    ]);
    expect(refusals({ statements: [{ ...READ_ASSETS, Condition: { 'String Equals': { 'aws:x': 'y' }, StringLike: { 'aws:y': {} } } }] })).toEqual([
      problemAt(at, 'awsPermissions.statements[0].Condition operator "String Equals" is not an IAM condition operator'),
      problemAt(at, 'awsPermissions.statements[0].Condition.StringLike["aws:y"] is an object'),
    ]);
  });

  it('refuses Principal, NotPrincipal, NotAction and NotResource in the app\'s identity policy', () => {
    expect(refusals({
      statements: [
        { ...READ_ASSETS, Sid: 'A', Principal: { AWS: '*' } },
        { ...READ_ASSETS, Sid: 'B', NotPrincipal: { AWS: '*' } },
        { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
        { Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secrets/*' },
        { ...READ_ASSETS, Sid: 'C', Actions: ['s3:GetObject'] },
      ],
    })).toEqual([
      problemAt(at, 'awsPermissions.statements[0] has Principal, which belongs in a resource or trust policy;'),
      problemAt(at, 'awsPermissions.statements[1] has NotPrincipal, which belongs in a resource or trust policy;'),
      problemAt(at, 'awsPermissions.statements[2] has NotAction, which grants everything but what it lists'),
      problemAt(at, 'awsPermissions.statements[2] has no Action'),
      problemAt(at, 'awsPermissions.statements[3] has NotResource, which grants everything but what it lists'),
      problemAt(at, 'awsPermissions.statements[3] has no Resource'),
      problemAt(at, 'awsPermissions.statements[4] has "Actions", which is not a key of an IAM statement fleetform takes; use Sid, Effect, Action, Resource, Condition'),
    ]);
  });

  it('refuses managed policy ARNs that are not policies, repeated ones and too many', () => {
    expect(refusals({
      managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'arn:aws:iam::1234:policy/x', 'arn:aws:iam::111122223333:role/x', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
    })).toEqual([
      problemAt(at, 'awsPermissions.managedPolicyArns[1] "AmazonS3ReadOnlyAccess" is not a managed policy ARN; give an AWS managed policy such as arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'),
      problemAt(at, 'awsPermissions.managedPolicyArns[2] "arn:aws:iam::1234:policy/x" is not a managed policy ARN'),
      problemAt(at, 'awsPermissions.managedPolicyArns[3] "arn:aws:iam::111122223333:role/x" is not a managed policy ARN'),
      problemAt(at, 'awsPermissions.managedPolicyArns[4] repeats arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess; list each policy once'),
    ]);
    const many = Array.from({ length: 21 }, (_, i) => `arn:aws:iam::111122223333:policy/p${i}`);
    expect(refusals({ managedPolicyArns: many })).toEqual([problemAt(at, 'awsPermissions.managedPolicyArns lists 21 policies; IAM attaches at most 20 to a role')]);
  });

  it('refuses permissions that give nothing, and a policy larger than IAM takes', () => {
    expect(refusals({})).toEqual([problemAt(at, 'awsPermissions gives no permission; give statements')]);
    const big = Array.from({ length: 200 }, (_, i) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::a-bucket-with-a-long-name-number-${i}/*` }));
    expect(refusals({ statements: big })).toEqual([problemAt(at, 'awsPermissions.statements make a policy of ')]);
  });

  it('refuses props of the wrong shape from JavaScript callers', () => {
    expect(refusals({ statements: 'arn:aws:s3:::a/*' })).toEqual([problemAt(at, 'awsPermissions.statements is the string "arn:aws:s3:::a/*", not a list of IAM policy statement objects')]);
    expect(refusals({ managedPolicyArns: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' })).toEqual([problemAt(at, 'awsPermissions.managedPolicyArns is the string "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", not a list of strings')]);
    expect(refusals({ statements: [READ_ASSETS], allowFullAccess: true })).toEqual([problemAt(at, 'awsPermissions.allowFullAccess is not a known property')]);
    expect(refusals(['s3:GetObject'])).toEqual([problemAt(at, 'awsPermissions is an array, not AWS permissions such as')]);
  });
});
