/** The allocation optimiser: constrained 0/1 portfolio selection (see problem.ts and solve.ts). */
export * from './problem';
export {
  solveAllocation,
  relativeGap,
  infeasibleResult,
  selectionResult,
  unsolvedResult,
  type AllocationResult,
  type AllocationStatus,
  type SolveOptions,
} from './solve';
export { explain, type Reason } from './explain';
export { efficientFrontier, type FrontierOptions, type FrontierPoint } from './frontier';
export { findConflict, type Conflict } from './conflict';
export { buildModel, isFeasible, violations, type Model, type Row } from './rows';
export {
  portfolioProblem,
  objectiveValue,
  monthsBetween,
  type AllocationSettings,
  type BalanceSetting,
  type ObjectiveKind,
  type PortfolioProblem,
} from './from-model';
