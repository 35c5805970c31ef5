/** A rubric dimension with a described anchor for every score, so the judge grades against descriptions. */
export interface RubricDimension {
  /** snake_case key used in the JSON the judge returns, e.g. "technical_depth". */
  id: string;
  name: string;
  /** What this dimension measures, one sentence. */
  description: string;
  /** anchors[0] describes a 1, anchors[4] a 5. */
  anchors: [string, string, string, string, string];
}

export type RubricFamily = 'technical' | 'system-design' | 'behavioral' | 'leadership' | 'product';

export interface Rubric {
  family: RubricFamily;
  title: string;
  dimensions: RubricDimension[];
}
