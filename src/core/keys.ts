/**
 * How names typed by hand are matched across sheets (a project ID in Demand, a skill in Capacity
 * and Demand, an owner): trimmed, runs of white space read as one space, case ignored.
 * "  Marketing  Ops" and "marketing ops" are the same skill.
 */
export function matchKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
