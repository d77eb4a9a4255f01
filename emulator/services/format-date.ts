/**
 * `Utilities.formatDate(date, timeZone, format)`: Java `SimpleDateFormat` patterns (as Apps Script
 * documents) in English, with the wall clock of the time zone computed by `Intl`.
 *
 * Pattern letters (Java): G era · y year (yy = 2 digits) · Y week year · M/L month (M, MM numbers;
 * MMM "Jan"; MMMM "January") · w week in year · W week in month · D day in year · d day in month ·
 * F day-of-week in month · E day name (E–EEE "Tue", EEEE "Tuesday") · u day number (1 = Monday) ·
 * a AM/PM · H 0–23 · k 1–24 · K 0–11 · h 1–12 · m minute · s second · S millisecond · z zone name
 * (z–zzz short, zzzz long) · Z "+0100" · X "+01" / XX "+0100" / XXX "+01:00" ("Z" at UTC).
 * Text in single quotes is literal, '' is a quote; any other ASCII letter throws as Java does.
 * Weeks follow Java's US defaults (weeks start on Sunday; week 1 holds 1 January).
 *
 * Time zones: IANA ids, "UTC", "GMT" and custom ids "GMT+2", "GMT-05:30", "GMT+0530". An unknown id
 * falls back to GMT, as Java's TimeZone.getTimeZone does. Zone names come from Intl (en-US, then
 * en-GB) and fall back to "GMT+hh:mm"; Java's own name tables differ for some zones.
 */

interface WallClock {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly ms: number;
  readonly weekday: number; // 0 = Sunday
  /** Offset from UTC in minutes (east positive). */
  readonly offset: number;
}

interface Zone {
  /** An IANA id Intl accepts, or null for a fixed offset. */
  readonly iana: string | null;
  readonly fixedOffset: number;
  /** Java's names for GMT (the id "GMT" and the fallback for unknown ids), which Intl calls UTC. */
  readonly gmt?: true;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(iana: string): Intl.DateTimeFormat {
  let f = formatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(iana, f);
  }
  return f;
}

/** Parses a time-zone id the way Java's TimeZone.getTimeZone does (unknown → GMT). */
export function parseZone(id: string): Zone {
  const custom = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(id);
  if (custom) {
    const sign = custom[1] === '-' ? -1 : 1;
    return { iana: null, fixedOffset: sign * (Number(custom[2]) * 60 + Number(custom[3] ?? 0)) };
  }
  if (id === 'UTC') return { iana: 'UTC', fixedOffset: 0 };
  if (id === 'GMT') return { iana: 'UTC', fixedOffset: 0, gmt: true };
  try {
    formatter(id);
    return { iana: id, fixedOffset: 0 };
  } catch {
    return { iana: 'UTC', fixedOffset: 0, gmt: true };
  }
}

function wallClock(date: Date, zone: Zone): WallClock {
  const t = date.getTime();
  if (zone.iana === null) {
    const d = new Date(t + zone.fixedOffset * 60_000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      ms: d.getUTCMilliseconds(),
      weekday: d.getUTCDay(),
      offset: zone.fixedOffset,
    };
  }
  const parts: Record<string, string> = {};
  for (const p of formatter(zone.iana).formatToParts(date)) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC') year = 1 - year;
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const second = Number(parts.second);
  const ms = ((t % 1000) + 1000) % 1000;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const utcDate = new Date(asUtc);
  utcDate.setUTCFullYear(year);
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    ms,
    weekday: utcDate.getUTCDay(),
    offset: Math.round((utcDate.getTime() - t) / 60_000),
  };
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + s.padStart(width, '0');
}

function dayOfYear(w: WallClock): number {
  const start = Date.UTC(w.year, 0, 1);
  const here = Date.UTC(w.year, w.month - 1, w.day);
  return Math.round((here - start) / 86_400_000) + 1;
}

/** Java US week rules: weeks start Sunday; week 1 contains 1 January. Returns [week, weekYear]. */
function weekOfYear(w: WallClock): [number, number] {
  const doy = dayOfYear(w);
  const jan1Weekday = (((w.weekday - (doy - 1)) % 7) + 7) % 7;
  const week = Math.floor((doy - 1 + jan1Weekday) / 7) + 1;
  // The last days of December may fall in the week that holds next 1 January.
  const daysInYear = dayOfYear({ ...w, month: 12, day: 31 });
  const daysLeft = daysInYear - doy;
  if (w.weekday + daysLeft < 6) return [1, w.year + 1];
  return [week, w.year];
}

function offsetString(minutes: number, colon: boolean, hoursOnly = false): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  const hh = pad(Math.floor(m / 60), 2);
  const mm = pad(m % 60, 2);
  if (hoursOnly) return `${sign}${hh}`;
  return colon ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}

function zoneName(date: Date, zone: Zone, offset: number, long: boolean): string {
  const gmt = `GMT${offsetString(offset, true)}`;
  if (zone.iana === null) return gmt;
  if (zone.gmt) return long ? 'Greenwich Mean Time' : 'GMT';
  if (zone.iana === 'UTC') return long ? 'Coordinated Universal Time' : 'UTC';
  for (const locale of ['en-US', 'en-GB']) {
    const name = new Intl.DateTimeFormat(locale, {
      timeZone: zone.iana,
      timeZoneName: long ? 'long' : 'short',
    })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (name && !/^(GMT|UTC)([+-]|$)/.test(name)) return name;
  }
  return gmt;
}

function field(letter: string, count: number, w: WallClock, date: Date, zone: Zone): string {
  switch (letter) {
    case 'G':
      return w.year > 0 ? 'AD' : 'BC';
    case 'y': {
      const y = w.year > 0 ? w.year : 1 - w.year;
      return count === 2 ? pad(y % 100, 2) : pad(y, count);
    }
    case 'Y': {
      const y = weekOfYear(w)[1];
      return count === 2 ? pad(y % 100, 2) : pad(y, count);
    }
    case 'M':
    case 'L': {
      const name = MONTHS[w.month - 1] ?? '';
      if (count >= 4) return name;
      if (count === 3) return name.slice(0, 3);
      return pad(w.month, count);
    }
    case 'w':
      return pad(weekOfYear(w)[0], count);
    case 'W': {
      const firstWeekday = (((w.weekday - (w.day - 1)) % 7) + 7) % 7;
      return pad(Math.floor((w.day - 1 + firstWeekday) / 7) + 1, count);
    }
    case 'D':
      return pad(dayOfYear(w), count);
    case 'd':
      return pad(w.day, count);
    case 'F':
      return pad(Math.floor((w.day - 1) / 7) + 1, count);
    case 'E': {
      const name = DAYS[w.weekday] ?? '';
      return count >= 4 ? name : name.slice(0, 3);
    }
    case 'u':
      return pad(w.weekday === 0 ? 7 : w.weekday, count);
    case 'a':
      return w.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(w.hour, count);
    case 'k':
      return pad(w.hour === 0 ? 24 : w.hour, count);
    case 'K':
      return pad(w.hour % 12, count);
    case 'h':
      return pad(w.hour % 12 === 0 ? 12 : w.hour % 12, count);
    case 'm':
      return pad(w.minute, count);
    case 's':
      return pad(w.second, count);
    case 'S':
      return pad(w.ms, count);
    case 'z':
      return zoneName(date, zone, w.offset, count >= 4);
    case 'Z':
      return offsetString(w.offset, false);
    case 'X':
      if (w.offset === 0) return 'Z';
      if (count === 1) return offsetString(w.offset, false, true);
      return offsetString(w.offset, count >= 3);
    default:
      throw new Error(`Illegal pattern character '${letter}'`);
  }
}

/** Formats `date` in `timeZone` with a Java SimpleDateFormat `pattern`. */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  if (Number.isNaN(date.getTime())) throw new Error('Utilities.formatDate: the date is invalid.');
  const zone = parseZone(timeZone);
  const w = wallClock(date, zone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern.charAt(i);
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      if (end < 0) throw new Error(`Unterminated quote in date pattern "${pattern}"`);
      // Inside quotes, '' is a literal quote.
      let j = i + 1;
      let text = '';
      for (;;) {
        const q = pattern.indexOf("'", j);
        if (q < 0) throw new Error(`Unterminated quote in date pattern "${pattern}"`);
        text += pattern.slice(j, q);
        if (pattern.charAt(q + 1) === "'") {
          text += "'";
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      out += text;
      i = j;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let n = 1;
      while (pattern.charAt(i + n) === c) n++;
      out += field(c, n, w, date, zone);
      i += n;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
