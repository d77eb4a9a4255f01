/**
 * Every page's server side, for `uiCall` (src/entry.ts). Built on the first call, never at load
 * time: Apps Script loads the whole bundle for every custom-function call.
 */
import { lazy } from '../core/lazy';
import type { Endpoint } from './bridge/server';
import { intakeEndpoint } from './intake/server';
import { reviewEndpoint } from './intake-review/server';
import { plannerEndpoint } from './scenarios/server';
import { scoringEndpoint } from './scoring-model/server';
import { decisionEndpoint } from './record-decision/server';
import { explainEndpoint } from './explain-score/server';

export const endpoints = lazy((): readonly Endpoint[] => [
  intakeEndpoint(),
  reviewEndpoint(),
  scoringEndpoint(),
  plannerEndpoint(),
  decisionEndpoint(),
  explainEndpoint(),
]);
