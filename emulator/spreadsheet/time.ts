/**
 * Dates as Sheets keeps them: a serial day number (days since 1899-12-30, fraction = time of day)
 * read as wall-clock time in the spreadsheet's time zone. Which zone maps a cell's wall clock to
 * the `Date` instant Apps Script returns is not documented; the emulator uses the spreadsheet's,
 * as the community observes (APPS_SCRIPT_FACTS §1).
 */

const DAY_MS = 86_400_000;
/** Date.UTC(1899, 11, 30): serial day 0. */
const EPOCH_MS = Date.UTC(1899, 11, 30);

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a zone Intl knows (the emulator rejects others when the time zone is set). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function isUtc(timeZone: string): boolean {
  return (
    timeZone === 'UTC' || timeZone === 'Etc/UTC' || timeZone === 'GMT' || timeZone === 'Etc/GMT'
  );
}

/**
 * The zone's offset from UTC at an instant, in ms (wall clock − UTC). Offsets only change on
 * whole hours in practice, so they are cached per zone and hour.
 */
export function zoneOffset(timeZone: string, instantMs: number): number {
  if (isUtc(timeZone)) return 0;
  const hour = Math.floor(instantMs / 3_600_000);
  const key = `${timeZone}|${hour}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const at = hour * 3_600_000;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const offset = wall - at;
  if (offsets.size > 200_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The instant a serial day number names in a time zone (rounded to the millisecond). */
export function serialToMs(serial: number, timeZone: string): number {
  const wall = Math.round(EPOCH_MS + serial * DAY_MS);
  if (isUtc(timeZone)) return wall;
  const guess = wall - zoneOffset(timeZone, wall);
  return wall - zoneOffset(timeZone, guess);
}

/** A new Date for a serial day number read in a time zone. */
export function serialToDate(serial: number, timeZone: string): Date {
  return new Date(serialToMs(serial, timeZone));
}

/** The serial day number of an instant's wall-clock time in a time zone. */
export function dateToSerial(ms: number, timeZone: string): number {
  return (ms + zoneOffset(timeZone, ms) - EPOCH_MS) / DAY_MS;
}

/** The serial of a calendar date given as wall-clock parts (no zone involved). */
export function wallToSerial(
  year: number,
  month: number,
  day: number,
  hours = 0,
  minutes = 0,
  seconds = 0,
): number {
  return (Date.UTC(year, month - 1, day, hours, minutes, seconds) - EPOCH_MS) / DAY_MS;
}

/** The wall-clock UTC-based Date of a serial (for libraries that take dates as UTC fields). */
export function serialToUtcFields(serial: number): Date {
  return new Date(Math.round(EPOCH_MS + serial * DAY_MS));
}

/** The serial of a Date whose UTC fields are the wall clock (the inverse of serialToUtcFields). */
export function utcFieldsToSerial(d: Date): number {
  return (d.getTime() - EPOCH_MS) / DAY_MS;
}

/** A Date from any realm (the bundle's vm context has its own Date). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
