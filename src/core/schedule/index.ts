/** Time-phased planning: which projects, and when (see problem.ts and solve.ts). */
export * from './problem';
export { timeIndexed, candidateStart, type TimeIndexed } from './model';
export { solveSchedule, type ScheduleOptions, type ScheduleResult } from './solve';
export { portfolioSchedule, type PortfolioSchedule } from './portfolio';
export { capacityToAdd, type CapacityNeed } from './capacity-to-add';
export { addMonths, monthIndex, monthOf, plannedDemand, plannedShift } from './months';
export { planPortfolio, type PortfolioPlan } from './plan';
