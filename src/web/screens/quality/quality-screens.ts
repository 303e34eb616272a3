// The quality screens, in the order the quality menu lists them.
import type { ComponentType } from 'react';
import { PlansScreen } from './plans-screen.tsx';
import { ProceduresScreen } from './procedures-screen.tsx';
import { ReviewsScreen } from './reviews-screen.tsx';
import { RubricScreen } from './rubric-screen.tsx';
import { ScorecardScreen } from './scorecard-screen.tsx';
import { TrainingScreen } from './training-screen.tsx';
import { ValuesScreen } from './values-screen.tsx';

export interface QualityScreen {
  slug: string;
  title: string;
  component: ComponentType;
}

export const QUALITY_SCREENS: QualityScreen[] = [
  { slug: 'scorecard', title: 'Scorecard', component: ScorecardScreen },
  { slug: 'values', title: 'Measure values', component: ValuesScreen },
  { slug: 'plans', title: 'Action plans', component: PlansScreen },
  { slug: 'reviews', title: 'Response reviews', component: ReviewsScreen },
  { slug: 'rubric', title: 'Review rubric', component: RubricScreen },
  { slug: 'procedures', title: 'Procedures', component: ProceduresScreen },
  { slug: 'training', title: 'Training', component: TrainingScreen },
];
