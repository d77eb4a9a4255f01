/**
 * How names typed by hand are matched across sheets (a project ID in Demand, a skill in Capacity
 * and Demand, an owner): trimmed, runs of white space read as one space, case ignored.
 * "  Marketing  Ops" and "marketing ops" are the same skill.
 */
export function matchKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The IDs a Depends on or Excludes cell lists, separated by commas, semicolons, spaces or new
 * lines: "P04, P09" → ["P04", "P09"]. The Projects sheet and the ALLOCATE and FRONTIER formulas
 * read these cells the same way.
 */
export function splitIds(text: string): string[] {
  return text.split(/[,;\s]+/).filter((s) => s !== '');
}
