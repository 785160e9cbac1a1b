/**
 * The day every test judges EKS support on: fixed, so the suite gives the same
 * answers whatever the calendar says (a test must not break as days pass).
 */
export const TEST_SUPPORT_DATE = '2026-12-04';
