// Compiled with `tsc --noEmit` (cargo xtask test, stage `types`): the hand-declared types of the
// npm package must accept real usage and reject wrong usage. Every `@ts-expect-error` below fails
// the build if the line it marks stops being an error (for example if a type became `any`).
import init, {
  ces,
  csat,
  CxkitError,
  nps,
  npsFromScores,
  SurveyAccumulator,
  type CsatResult,
  type ErrorCode,
  type Grouped,
  type NpsResult,
  type SurveyAnswer,
  type SurveyState,
} from 'cxkit';
import initSlim, { initSync } from 'cxkit/slim';

export async function usage(): Promise<number> {
  await init();
  const answers: SurveyAnswer[] = [10, 'muy satisfecho', { value: 9, queue: 'billing', respondedAt: '2026-11-23T10:00:00Z' }];
  const n: NpsResult = nps(answers);
  const score: number = n.score + n.marginOfError + n.ci.low + n.promoters;
  const grouped: Grouped<CsatResult> = csat(answers, { groupBy: 'queue', scale: [1, 5], interval: 'jeffreys' });
  const key: string | null = grouped.groups[0]?.key ?? null;
  const c = ces(['muy fácil'], { version: 1 });
  const low: number | undefined = c.ci?.low;
  const fast = npsFromScores(new Uint8Array([10, 9, 0]));
  const acc = new SurveyAccumulator('nps', { interval: 'adjusted-wald' });
  acc.pushMany([10, 9]);
  const state: SurveyState = acc.toJSON();
  const back = SurveyAccumulator.fromJSON(state);
  back.merge(acc);
  try {
    nps([11]);
  } catch (e) {
    if (e instanceof CxkitError) {
      const code: ErrorCode = e.code;
      const index: number | undefined = e.details.index;
      console.log(code, index, e.status);
    }
  }
  await initSlim({ module_or_path: new URL('file:///cxkit_bg.wasm') });
  initSync({ module: new Uint8Array() });
  return score + fast.score + (low ?? 0) + (key ? 1 : 0);
}

export function rejected(): void {
  // @ts-expect-error: the score is a number
  const s: string = nps([1]).score;
  // @ts-expect-error: Wilson does not apply to the NPS
  nps([1], { interval: 'wilson' });
  // @ts-expect-error: unknown grouping
  csat([1], { groupBy: 'team' });
  // @ts-expect-error: CES has versions 1 and 2 only
  ces([1], { version: 3 });
  // @ts-expect-error: booleans are not answers
  nps([true]);
  // @ts-expect-error: typed arrays of bytes only
  npsFromScores([10, 9]);
  // @ts-expect-error: not an error code
  const code: ErrorCode = 'oops';
  // @ts-expect-error: the grouped result has no top-level score
  csat([1], { groupBy: 'day' }).score;
  // @ts-expect-error: unknown kind
  new SurveyAccumulator('xps');
  console.log(s, code);
}
