// What the overview's progress view lists while a snapshot loads: the load's steps in order, each done, under way
// or waiting, with the Services count of the analysis. Pure (server render and the browser's polls share it).
import { LOAD_PHASES, type LoadPhase, type LoadProgress } from '../source/types';
import { mibText } from '../util/mib';

/** One line of the progress view. */
export interface LoadStepView {
  phase: LoadPhase | 'rendering';
  label: string;
  state: 'done' | 'current' | 'waiting';
  /** "3,400 / 10,000 Services" while analysing (and once analysed); "312 / 1,508 MiB" while reading a large file. */
  detail: string | null;
}

const LABELS: Record<LoadStepView['phase'], string> = {
  reading: 'Reading and parsing the snapshot',
  modelling: 'Building the cluster model',
  analysing: 'Analysing Services',
  rendering: 'Preparing the overview',
};

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The steps for a progress (null: the load has finished — the overview is being prepared and sent). `last`: the
 * last progress seen, for the Services count once the load has finished.
 */
export function loadSteps(progress: LoadProgress | null, last: LoadProgress | null = progress): LoadStepView[] {
  const at = progress ? LOAD_PHASES.indexOf(progress.phase) : LOAD_PHASES.length;
  const steps: LoadStepView[] = LOAD_PHASES.map((phase, i) => ({
    phase,
    label: LABELS[phase],
    state: i < at ? 'done' : i === at ? 'current' : 'waiting',
    detail: null,
  }));
  if (progress?.phase === 'reading' && progress.total > 0)
    steps[0].detail = `${mibText(progress.done)} / ${mibText(progress.total)} MiB`;
  const analysed = progress?.phase === 'analysing' ? progress : last?.phase === 'analysing' ? last : null;
  if (analysed && analysed.total > 0) {
    const done = progress ? analysed.done : analysed.total;
    steps[LOAD_PHASES.indexOf('analysing')].detail = `${count(done)} / ${count(analysed.total)} Services`;
  }
  steps.push({ phase: 'rendering', label: LABELS.rendering, state: progress ? 'waiting' : 'current', detail: null });
  return steps;
}

/** Share of the analysis done, 0–1 (0 before it starts, 1 once the load has finished). */
export function analysedShare(progress: LoadProgress | null): number {
  if (!progress) return 1;
  if (progress.phase !== 'analysing' || progress.total === 0) return 0;
  return Math.min(1, progress.done / progress.total);
}
