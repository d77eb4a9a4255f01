/**
 * The common product-management scoring frameworks. Inputs are validated by the caller
 * (non-negative numbers, positive effort / job size); these functions only compute.
 */

/**
 * Confidence as a fraction: values above 1 are read as percentages (80 → 0.8);
 * values from 0 to 1 are already fractions (0.8 → 0.8, 1 → 1).
 */
export function confidenceFraction(confidence: number): number {
  return confidence > 1 ? confidence / 100 : confidence;
}

/**
 * RICE = reach × impact × confidence ÷ effort
 * (reach per period, impact on a 0.25–3 scale, confidence as a fraction, effort in person-months).
 */
export function rice(reach: number, impact: number, confidence: number, effort: number): number {
  return (reach * impact * confidenceFraction(confidence)) / effort;
}

export type IceMethod = 'product' | 'average';

/**
 * ICE = impact × confidence × ease (method "product", the default), or
 * ICE = (impact + confidence + ease) ÷ 3 (method "average").
 */
export function ice(
  impact: number,
  confidence: number,
  ease: number,
  method: IceMethod = 'product',
): number {
  return method === 'average' ? (impact + confidence + ease) / 3 : impact * confidence * ease;
}

/**
 * WSJF (weighted shortest job first, SAFe) = cost of delay ÷ job size, where
 * cost of delay = business value + time criticality + risk reduction / opportunity enablement.
 */
export function wsjf(
  businessValue: number,
  timeCriticality: number,
  riskReduction: number,
  jobSize: number,
): number {
  return (businessValue + timeCriticality + riskReduction) / jobSize;
}
