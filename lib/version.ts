/** fleetform's version, as in its package.json (a test keeps the two equal). */
export const FLEETFORM_VERSION = '0.1.0';
