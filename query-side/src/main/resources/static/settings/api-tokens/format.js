// Dates as the page shows them: every instant in UTC (DESIGN.md), with a relative phrase where it helps.

const DAY = 24 * 60 * 60 * 1000;

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const clockFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'UTC',
});
const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** `3 Dec 2026` */
export function formatDate(iso) {
  return dateFormat.format(new Date(iso));
}

/** `3 Dec 2026, 14:05 UTC` */
export function formatDateTime(iso) {
  const date = new Date(iso);
  return `${dateFormat.format(date)}, ${timeFormat.format(date)} UTC`;
}

/** `14:05:09 UTC` */
export function formatTime(date) {
  return `${clockFormat.format(date)} UTC`;
}

/** `in 12 days`, `3 minutes ago`, `yesterday` */
export function formatRelative(iso, now = Date.now()) {
  const difference = new Date(iso).getTime() - now;
  const magnitude = Math.abs(difference);
  const units = [
    ['year', 365 * DAY],
    ['month', 30 * DAY],
    ['day', DAY],
    ['hour', 60 * 60 * 1000],
    ['minute', 60 * 1000],
  ];
  for (const [unit, size] of units) {
    if (magnitude >= size) {
      return relativeFormat.format(Math.trunc(difference / size), unit);
    }
  }
  return difference >= 0 ? 'in less than a minute' : 'just now';
}

/** Whole seconds from now until `date`, at least 1. */
export function secondsUntil(date, now = Date.now()) {
  return Math.max(1, Math.ceil((date.getTime() - now) / 1000));
}

/** Today's date in UTC as `YYYY-MM-DD`, moved by `days`. */
export function utcDate(days = 0, now = Date.now()) {
  return new Date(now + days * DAY).toISOString().slice(0, 10);
}

/** The expiry instant of a request's `expiresIn` or `expiresAt` (a date is valid through that whole UTC day). */
export function expiryInstant({ expiresIn, expiresAt }, now = Date.now()) {
  if (expiresAt) {
    return new Date(Date.parse(`${expiresAt}T00:00:00Z`) + DAY);
  }
  if (expiresIn === '1y') {
    const date = new Date(now);
    date.setUTCFullYear(date.getUTCFullYear() + 1);
    return date;
  }
  const days = { '30d': 30, '90d': 90 }[expiresIn];
  return days ? new Date(now + days * DAY) : null;
}

/** `iso` moved on by an ISO-8601 duration of days and hours (`P7D`, `PT1H`, `P1DT12H`), as an ISO instant. */
export function addDuration(iso, duration) {
  const parts = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?)?$/.exec(duration);
  if (!parts) {
    throw new Error(`Not a duration of days and hours: ${duration}`);
  }
  const [, days = '0', hours = '0'] = parts;
  return new Date(Date.parse(iso) + Number(days) * DAY + Number(hours) * 60 * 60 * 1000).toISOString();
}
