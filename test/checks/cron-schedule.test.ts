import { describe, expect, it } from 'vitest';
import { checkCronSchedule } from '../../lib/checks/cron-schedule';

describe('checkCronSchedule', () => {
  it.each([
    '0 3 * * *', '*/15 * * * *', '0 8-18/2 * * MON-FRI', '30 4 1,15 * ?', '0 0 1 JAN-MAR *', '5 4 * * sun', '0 0 ? * 0-6', '7/10 * * * *',
    '@hourly', '@daily', '@midnight', '@weekly', '@monthly', '@yearly', '@annually', '  0 3 * * *  ',
  ])('accepts %s', (s) => {
    expect(checkCronSchedule(s)).toBeUndefined();
  });

  it.each([
    ['', 'schedule is empty'],
    ['0 3 * *', 'has 4 fields, not 5'],
    ['0 0 3 * * *', 'has 6 fields, not 5'],
    ['60 * * * *', 'minute 60 is outside 0–59'],
    ['0 24 * * *', 'hour 24 is outside 0–23'],
    ['0 0 0 * *', 'day of month 0 is outside 1–31'],
    ['0 0 * 13 *', 'month 13 is outside 1–12'],
    ['0 0 * * 7', 'day of week 7 is outside 0–6'],
    ['0 0 * * FUN', '"FUN" is not a day of week'],
    ['*/0 * * * *', 'step "0" is not a whole number of at least 1'],
    ['5-1 * * * *', 'range "5-1" runs backwards'],
    ['1,,2 * * * *', 'has an empty list item'],
    ['? * * * *', '"?" is not a minute'],
    ['@reboot', 'is not a descriptor fleetform knows'],
    ['@every 5m', 'is not a descriptor fleetform knows'],
    ['TZ=Europe/Paris 0 3 * * *', 'give cronJob.timeZone instead'],
  ])('refuses %j: %s', (s, part) => {
    expect(checkCronSchedule(s)).toContain(part);
  });
});
