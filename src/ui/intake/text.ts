/**
 * How a request's ratings and demand are kept in the Intake sheet: readable text that the board
 * can read in the sheet and that accepting the request parses back.
 *   ratings: "Strategic fit: 4; Effort (person-weeks): 6"     (name: value; …)
 *   demand:  "SE 2027-03: 40 h; Marketing ops 2027-04: 12.5 h" (skill month: hours h; …)
 * Names may contain spaces and colons (the value follows the last colon) but not semicolons.
 */

export interface DemandLine {
  readonly skill: string;
  readonly period: string;
  readonly hours: number;
}

export function formatRatings(ratings: Readonly<Record<string, number | null>>): string {
  return Object.entries(ratings)
    .filter((e): e is [string, number] => e[1] !== null)
    .map(([name, v]) => `${clean(name)}: ${v}`)
    .join('; ');
}

/** Parses formatRatings' text; a part that is not "name: number" is skipped. */
export function parseRatings(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of text.split(';')) {
    const at = part.lastIndexOf(':');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    const v = Number(part.slice(at + 1).trim());
    if (name && part.slice(at + 1).trim() !== '' && Number.isFinite(v)) out.set(name, v);
  }
  return out;
}

export function formatDemand(lines: readonly DemandLine[]): string {
  return lines.map((d) => `${clean(d.skill)} ${d.period}: ${d.hours} h`).join('; ');
}

const DEMAND_PART = /^(.+?)\s+(\d{4}-\d{2}):\s*([0-9]+(?:\.[0-9]+)?)\s*h$/;

/** Parses formatDemand's text; a part that does not match "skill YYYY-MM: n h" is skipped. */
export function parseDemand(text: string): DemandLine[] {
  const out: DemandLine[] = [];
  for (const part of text.split(';')) {
    const m = DEMAND_PART.exec(part.trim());
    if (m) out.push({ skill: m[1] as string, period: m[2] as string, hours: Number(m[3]) });
  }
  return out;
}

/** Semicolons separate parts, so a name keeps none. */
function clean(name: string): string {
  return name.replace(/;/g, ',').trim();
}
