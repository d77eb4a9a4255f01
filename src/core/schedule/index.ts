/** Time-phased planning: which projects, and when (see problem.ts and solve.ts). */
export * from './problem';
export { timeIndexed, candidateStart, type TimeIndexed } from './model';
export { solveSchedule, type ScheduleOptions, type ScheduleResult } from './solve';
