/** Calendar dates in the spreadsheet's time zone, without a service call per cell. */
import type { DateKeyer } from './cell-parsers';

/**
 * A function giving a Date's wall-clock date "YYYY-MM-DD" in `timeZone`. Uses Intl (no service
 * call per cell); where Intl lacks the zone, falls back to Utilities.formatDate, memoised per
 * instant so a column of repeated dates costs one call per distinct date.
 */
export function makeDateKey(
  timeZone: string,
  utilities: GoogleAppsScript.Utilities.Utilities,
): DateKeyer {
  try {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const probe = fmt.formatToParts(new Date(Date.UTC(2027, 0, 15, 12)));
    if (probe.some((p) => p.type === 'year')) {
      return (d) => {
        let y = '';
        let m = '';
        let day = '';
        for (const p of fmt.formatToParts(d)) {
          if (p.type === 'year') y = p.value;
          else if (p.type === 'month') m = p.value;
          else if (p.type === 'day') day = p.value;
        }
        return `${y}-${m}-${day}`;
      };
    }
  } catch {
    // The zone is unknown to this runtime's Intl: use Apps Script's own formatter below.
  }
  const memo = new Map<number, string>();
  return (d) => {
    const t = d.getTime();
    let s = memo.get(t);
    if (s === undefined) {
      s = utilities.formatDate(d, timeZone, 'yyyy-MM-dd');
      memo.set(t, s);
    }
    return s;
  };
}
