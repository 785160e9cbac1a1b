import { join } from 'node:path';
import { AddressLock, ApiEndpoint, EnvironmentFleet, Fleet, FleetApp, Placement } from 'fleetform';

/** The fleet, built by a function so that tests, synth and the Pulumi program share it. */
export function buildFleet(options: { supportDate?: string } = {}): Fleet {
  const fleet = new Fleet('shop', {
    addressLock: AddressLock.file(join(__dirname, 'fleetform.lock.json')),
    apiEndpoint: ApiEndpoint.publicFrom('203.0.113.0/24'),
    supportDate: options.supportDate,
  });
  new EnvironmentFleet(fleet, 'production', { regions: ['eu-west-1', 'us-east-1'] });
  new FleetApp(fleet, 'api', { image: 'ghcr.io/shop/api:1.4.2', port: 8080, placement: Placement.all() });
  return fleet;
}
