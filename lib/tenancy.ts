/** Whether a cluster's nodes share hardware with other AWS customers. */
export enum Tenancy {
  /** Nodes on shared hardware (the EC2 default). */
  SHARED = 'shared',
  /** Nodes on hardware dedicated to this account, for customers that require it. */
  DEDICATED = 'dedicated',
}
